import Contracts
import Wire

extension HeatmapHandlers {
    /// GetWindowHeatmap: per-area counts of the last N hours before the reference time, exact at
    /// both edges (``WindowPlan``), from the coarsest grain that keeps the resolution, all from
    /// the in-memory index.
    func windowHeatmap(_ request: WindowHeatmapRequest) async throws(RPCError) -> WindowHeatmapResponse {
        let query = try WindowQuery(request)
        let timeZone = CityCatalog.timeZone(of: query.city) ?? ""
        let (city, position) = try await read(query.city, atLeast: request.minPosition)
        let end: Int64
        if let reference = query.reference {
            end = reference
        } else if let newest = city?.newestHour {
            end = newest + 3_600
        } else {
            return WindowHeatmapResponse(total: Counts(), granularity: Granularity(query.grain), timeZone: timeZone, position: position)
        }
        let start = end - query.hours * 3_600
        let plan = WindowPlan(start: start, end: end, grain: query.grain)
        let areas = city?.windowCounts(spans: plan.spans, primaryType: query.primaryType) ?? [:]
        var total = RollupCounts(), maxIncidents: Int64 = 0
        for counts in areas.values {
            total += counts
            maxIncidents = max(maxIncidents, counts.incidents)
        }
        return WindowHeatmapResponse(
            areas: areas.sorted { $0.key < $1.key }.map { AreaCounts(area: $0.key, counts: Counts($0.value)) },
            total: Counts(total), maxIncidents: maxIncidents, granularity: Granularity(query.grain),
            range: LocalTimeRange(startLocalSeconds: start, endLocalSeconds: end), timeZone: timeZone, position: position)
    }
}

extension Granularity {
    /// The contract form of a rollup grain.
    init(_ grain: WindowGrain) {
        switch grain {
        case .hourly: self = .hourly
        case .daily: self = .daily
        case .weekly: self = .weekly
        case .monthly: self = .monthly
        }
    }
}

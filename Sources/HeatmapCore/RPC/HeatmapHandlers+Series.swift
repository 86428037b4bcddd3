import Contracts
import Wire

extension HeatmapHandlers {
    /// GetSeries: weekly counts (Monday-started weeks covering the range) per area and crime group
    /// (Chicago: property, violent, drug, other; elsewhere the source's category). Series that are
    /// zero throughout are left out; month-only sources (police.uk) have no weeks. From the
    /// in-memory index.
    func series(_ request: SeriesRequest) async throws(RPCError) -> SeriesResponse {
        let query = try SeriesQuery(request)
        let (city, position) = try await read(query.city, atLeast: request.minPosition)
        let counts = city?.weeklySeries(firstWeek: query.firstWeek, weeks: query.weeks) ?? [:]
        return SeriesResponse(series: counts.sorted { ($0.key.area, $0.key.group) < ($1.key.area, $1.key.group) }.map {
            AreaSeries(area: $0.key.area, crimeGroup: $0.key.group, firstWeekLocalSeconds: query.firstWeek,
                       weeklyCounts: $0.value.map { UInt32(clamping: $0) })
        }, position: position)
    }
}

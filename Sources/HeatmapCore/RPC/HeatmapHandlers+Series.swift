import Contracts
import Wire

extension HeatmapHandlers {
    /// GetSeries: weekly counts (Monday-started weeks covering the range) per area and crime group
    /// (Chicago: property, violent, drug, other; elsewhere the source's category). Series that are
    /// zero throughout are left out; month-only sources (police.uk) have no weeks.
    func series(_ request: SeriesRequest) async throws -> SeriesResponse {
        let query = try SeriesQuery(request)
        let week: Int64 = 7 * 86_400
        let rows = try await store.seriesCounts(city: query.city, fromWeek: query.firstWeek,
                                                toWeek: query.firstWeek + Int64(query.weeks) * week)
        var series: [SeriesKey: [UInt32]] = [:]
        for row in rows {
            let slot = Int((row.week - query.firstWeek) / week)
            guard (0..<query.weeks).contains(slot) else { continue }
            series[SeriesKey(area: row.area, group: row.group), default: [UInt32](repeating: 0, count: query.weeks)][slot] =
                UInt32(clamping: row.count)
        }
        return SeriesResponse(series: series.sorted { ($0.key.area, $0.key.group) < ($1.key.area, $1.key.group) }.map {
            AreaSeries(area: $0.key.area, crimeGroup: $0.key.group, firstWeekLocalSeconds: query.firstWeek, weeklyCounts: $0.value)
        })
    }

    /// An (area, crime group) series.
    private struct SeriesKey: Hashable {
        let area: String
        let group: String
    }
}

import CivilTime
import Contracts
import Wire

/// Fetches what the forecast learns from, only by RPC from the heatmap service: the city's
/// months with data (ListCities), its area shapes (GetAreaShapes: centroids and km²) and the
/// weekly series (GetSeries) over the whole weeks inside those months.
package struct ForecastSource: Sendable {
    /// What one fetch returns.
    package struct Snapshot: Sendable {
        package let panel: WeeklyPanel
        /// Per panel area: centroid and size.
        package let centroids: [(lon: Double, lat: Double)]
        let areaKm2: [Double]
    }

    let heatmap: RPCClient
    let timeout: Duration

    package init(heatmap: RPCClient, timeout: Duration = .seconds(120)) {
        self.heatmap = heatmap
        self.timeout = timeout
    }

    /// The whole weeks (Monday to Sunday) inside the city's months with data, at most the last
    /// 1,044 (GetSeries' limit).
    /// - Throws: NOT_FOUND when the heatmap serves no such city; FAILED_PRECONDITION when it has no
    ///   whole week of data.
    package func weeks(city: String) async throws -> (first: ForecastWeek, count: Int) {
        let cities = try await heatmap.call(Methods.Heatmap.listCities, ListCitiesRequest(),
                                            timeout: timeout)
        guard let entry = cities.cities.first(where: { $0.city == city }) else {
            throw RPCError(.notFound, "the heatmap serves no city '\(city)' (it serves: \(cities.cities.map(\.city).joined(separator: ", ")))")
        }
        let months = entry.availableMonths.compactMap(Self.monthDays).sorted { $0.start < $1.start }
        guard let firstMonth = months.first, let lastMonth = months.last else {
            throw RPCError(.failedPrecondition, "\(city) has no months of data yet")
        }
        let start = ForecastWeek(containingLocalSeconds: (firstMonth.start + 6) * 86_400)
        let end = ForecastWeek(containingLocalSeconds: lastMonth.end * 86_400)
        let count = min(end.weeks(since: start), 1_044)
        guard count > 0 else { throw RPCError(.failedPrecondition, "\(city) has no whole week of data yet") }
        return (end.adding(weeks: -count), count)
    }

    /// The city's panel (areas = its shapes with a positive area) with centroids and sizes.
    package func snapshot(city: String) async throws -> Snapshot {
        let span = try await weeks(city: city)
        let shapes = try await heatmap.call(Methods.Heatmap.getAreaShapes, AreaShapesRequest(city: city), timeout: timeout)
        let usable = Dictionary(shapes.shapes.filter { $0.areaKm2 > 0 }.map { ($0.area, $0) }) { first, _ in first }
        guard !usable.isEmpty else { throw RPCError(.failedPrecondition, "the heatmap has no area shapes for \(city)") }
        let panel = try await panel(city: city, areas: Array(usable.keys), first: span.first, weeks: span.count, groups: nil)
        let ordered = panel.areas.compactMap { usable[$0] }
        return Snapshot(panel: panel, centroids: ordered.map { (lon: $0.centroidLon, lat: $0.centroidLat) },
                        areaKm2: ordered.map(\.areaKm2))
    }

    /// The series of `areas` (and `groups`, a model's, when given) over `weeks` weeks from `first`.
    package func panel(city: String, areas: [String], first: ForecastWeek, weeks: Int, groups: [String]?) async throws -> WeeklyPanel {
        let range = LocalTimeRange(startLocalSeconds: first.localSeconds, endLocalSeconds: first.adding(weeks: weeks).localSeconds)
        let series = try await heatmap.call(Methods.Heatmap.getSeries, SeriesRequest(city: city, range: range), timeout: timeout)
        return WeeklyPanel(series: series.series, areas: areas, firstWeek: first, weekCount: weeks, groups: groups)
    }

    /// "YYYY-MM" → its first day and the day after its last (days since 1970-01-01).
    static func monthDays(_ text: String) -> (start: Int64, end: Int64)? {
        let parts = text.split(separator: "-")
        guard parts.count == 2, let year = Int64(parts[0]), let month = Int64(parts[1]), (1...12).contains(month) else { return nil }
        let start = LocalDateTime.days(year: year, month: month, day: 1)
        let end = month == 12 ? LocalDateTime.days(year: year + 1, month: 1, day: 1) : LocalDateTime.days(year: year, month: month + 1, day: 1)
        return (start, end)
    }
}

/// One area's profile over a year range, next to its city's (GetAreaDetail).
struct AreaDetail: Sendable {
    var counts = RollupCounts()
    /// Types with incidents in the area, most first (ties by name).
    var crimeMix: [(primaryType: String, incidents: Int64)] = []
    /// Incidents by hour of day, hour 0 first (month-only incidents have no hour and are left out).
    var byHour = [Int64](repeating: 0, count: 24)
    var cityCounts = RollupCounts()
    /// Areas of the city with at least one incident in the range.
    var cityAreasWithIncidents = 0
    var cityByHour = [Int64](repeating: 0, count: 24)

    init() {}

    /// `part / whole`, 0 when `whole` is 0.
    static func rate(_ part: Int64, _ whole: Int64) -> Double {
        whole == 0 ? 0 : Double(part) / Double(whole)
    }
}

/// One cell of `heatmap.beat_rollup`: the explorer grain.
public struct RollupKey: Sendable, Hashable {
    public var city: String
    public var area: String
    public var primaryType: String
    public var year: Int
    public var month: Int
    /// 0-23, or -1 for month-only sources (no time of day).
    public var hour: Int
    /// 0 = Sunday … 6, or -1 for month-only sources.
    public var dayOfWeek: Int

    public init(city: String, area: String, primaryType: String, year: Int, month: Int, hour: Int, dayOfWeek: Int) {
        self.city = city
        self.area = area
        self.primaryType = primaryType
        self.year = year
        self.month = month
        self.hour = hour
        self.dayOfWeek = dayOfWeek
    }
}

/// One row of `heatmap.series_rollup`: a Monday-started week, area and crime group.
public struct SeriesRollupKey: Sendable, Hashable {
    public var city: String
    public var area: String
    public var crimeGroup: String
    /// The Monday's midnight, local seconds.
    public var week: Int64
}

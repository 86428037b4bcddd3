/// One row of `heatmap.grid_rollup`: a month, primary type and grid cell of a city.
public struct GridRollupKey: Sendable, Hashable {
    public var city: String
    public var year: Int
    public var month: Int
    public var primaryType: String
    public var cell: Int
}

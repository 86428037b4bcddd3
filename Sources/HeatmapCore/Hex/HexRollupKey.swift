/// One row of `heatmap.hex_rollup`: a month, primary type and hex cell of a city.
public struct HexRollupKey: Sendable, Hashable {
    public var city: String
    /// `year * 12 + month - 1`.
    public var month: Int
    public var primaryType: String
    public var q: Int
    public var r: Int
}

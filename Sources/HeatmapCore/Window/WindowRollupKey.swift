/// One row of `heatmap.window_rollup`: a time bucket of one grain, area and primary type.
public struct WindowRollupKey: Sendable, Hashable {
    /// The `primary_type` of the rows that count every type (not a source type: sources never
    /// write parentheses around a type), so all-types windows read a twenty-fifth of the rows.
    public static let allTypes = "(all)"

    public var city: String
    public var grain: WindowGrain
    /// The bucket's start, local seconds.
    public var bucket: Int64
    public var area: String
    public var primaryType: String
}

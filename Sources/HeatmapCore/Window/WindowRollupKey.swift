/// One row of `heatmap.window_rollup`: a time bucket of one grain, area and primary type.
public struct WindowRollupKey: Sendable, Hashable {
    public var city: String
    public var grain: WindowGrain
    /// The bucket's start, local seconds.
    public var bucket: Int64
    public var area: String
    public var primaryType: String
}

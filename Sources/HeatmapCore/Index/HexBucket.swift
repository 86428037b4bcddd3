/// A month of one type (or all types) in the in-memory hex rollup.
struct HexBucket: Sendable, Hashable {
    /// `year * 12 + month - 1`.
    var month: Int
    /// A type slot, or ``CityRollupIndex/allTypesSlot``.
    var type: UInt32
}

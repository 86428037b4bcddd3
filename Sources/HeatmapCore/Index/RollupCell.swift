/// One cell of the in-memory index: a year's counts for (area, type, hour), month and day of
/// week summed out. Areas and types are slots into the city's interned names.
struct RollupCell: Sendable {
    var area: Int32
    var primaryType: Int32
    /// 0-23, or -1 for month-only incidents.
    var hour: Int8
    var counts: RollupCounts
}

/// The identity of a ``RollupCell`` within its year.
struct RollupCellKey: Sendable, Hashable {
    var area: Int32
    var primaryType: Int32
    var hour: Int8
}

/// The rollup read from the database in one snapshot, month kept and day of week summed out,
/// with the consumer position of that same snapshot.
public struct RollupSnapshot: Sendable {
    /// One row of the snapshot.
    public struct Row: Sendable {
        public var city: String
        public var area: String
        public var primaryType: String
        public var year: Int
        public var month: Int
        public var hour: Int
        public var counts: RollupCounts
    }

    public var rows: [Row]
    public var position: Int64

    public init(rows: [Row], position: Int64) {
        self.rows = rows
        self.position = position
    }
}

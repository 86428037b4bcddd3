/// A cell count as the snapshot encoding writes it: each field a zigzag varint.
protocol SnapshotCount: AdditiveCount {
    func encode(into writer: inout ByteWriter)
    static func decode(from reader: inout ByteReader) throws(SnapshotFormatError) -> Self
}

extension RollupCounts: SnapshotCount {
    func encode(into writer: inout ByteWriter) {
        writer.signed(incidents)
        writer.signed(arrests)
        writer.signed(domestic)
    }

    static func decode(from reader: inout ByteReader) throws(SnapshotFormatError) -> RollupCounts {
        RollupCounts(incidents: try reader.signed(), arrests: try reader.signed(), domestic: try reader.signed())
    }
}

extension CompactCounts: SnapshotCount {
    func encode(into writer: inout ByteWriter) {
        writer.signed(Int64(incidents))
        writer.signed(Int64(arrests))
        writer.signed(Int64(domestic))
    }

    static func decode(from reader: inout ByteReader) throws(SnapshotFormatError) -> CompactCounts {
        CompactCounts(incidents: Int32(truncatingIfNeeded: try reader.signed()), arrests: Int32(truncatingIfNeeded: try reader.signed()),
                   domestic: Int32(truncatingIfNeeded: try reader.signed()))
    }
}

extension Int64: SnapshotCount {
    func encode(into writer: inout ByteWriter) { writer.signed(self) }

    static func decode(from reader: inout ByteReader) throws(SnapshotFormatError) -> Int64 { try reader.signed() }
}

/// A count held by the in-memory rollups: it adds up (deltas may be negative) and can be zero.
protocol AdditiveCount: Sendable {
    static var zero: Self { get }
    static func += (lhs: inout Self, rhs: Self)
    var isZero: Bool { get }
}

extension RollupCounts: AdditiveCount {
    static var zero: RollupCounts { RollupCounts() }
}

extension Int64: AdditiveCount {
    var isZero: Bool { self == 0 }
}

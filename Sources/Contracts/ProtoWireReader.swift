/// Reads protobuf's wire encoding field by field, for a fast path that turns a message's bytes
/// into something else without decoding them into C and Swift structs first (the gateway writes
/// the beat heatmap reply's JSON this way). Field numbers come from each message's generated
/// `FieldNumber`. It reads through a pointer: use it only inside the `withUnsafeBufferPointer`
/// of the bytes.
package struct ProtoWireReader {
    /// Bytes that are not a valid encoding (truncated, an impossible wire type, a varint too long).
    package struct Malformed: Error {}

    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private let end: Int

    package init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.init(bytes, 0..<bytes.count)
    }

    private init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        self.bytes = bytes
        position = range.lowerBound
        end = range.upperBound
    }

    /// The next field's number and wire type, nil at the end.
    package mutating func nextField() throws(Malformed) -> (field: Int, wireType: Int)? {
        guard position < end else { return nil }
        let key = try varint()
        guard key >> 3 > 0, key >> 3 <= UInt64(Int32.max) else { throw Malformed() }
        return (Int(key >> 3), Int(key & 7))
    }

    /// A varint field as `int64`.
    package mutating func int64(_ wireType: Int) throws(Malformed) -> Int64 {
        guard wireType == 0 else { throw Malformed() }
        return Int64(bitPattern: try varint())
    }

    /// Where a length-delimited field's bytes are.
    package mutating func string(_ wireType: Int) throws(Malformed) -> Range<Int> {
        guard wireType == 2 else { throw Malformed() }
        let length = try varint()
        guard length <= UInt64(end - position) else { throw Malformed() }
        defer { position += Int(length) }
        return position..<(position + Int(length))
    }

    /// A reader of an embedded message's bytes.
    package mutating func message(_ wireType: Int) throws(Malformed) -> ProtoWireReader {
        ProtoWireReader(bytes, try string(wireType))
    }

    /// Steps over a field's value.
    package mutating func skip(_ wireType: Int) throws(Malformed) {
        switch wireType {
        case 0: _ = try varint()
        case 1: try advance(8)
        case 2: _ = try string(wireType)
        case 5: try advance(4)
        default: throw Malformed()
        }
    }

    private mutating func advance(_ count: Int) throws(Malformed) {
        guard count <= end - position else { throw Malformed() }
        position += count
    }

    private mutating func varint() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0, shift: UInt64 = 0
        while position < end, shift < 64 {
            let byte = bytes[position]
            position += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        throw Malformed()
    }
}

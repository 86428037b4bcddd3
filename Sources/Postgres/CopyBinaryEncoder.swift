/// Appends values in PostgreSQL's binary COPY format (`COPY … FROM STDIN (FORMAT binary)`) to a
/// byte buffer: the stream's header and trailer, a tuple's field count, and each field as its
/// length and big-endian bytes (-1 for NULL), one-dimensional arrays included. Binary spares the
/// server the parsing of every number, timestamp and flag, and the client their formatting.
package enum CopyBinaryEncoder {
    /// Precedes the tuples of every binary COPY: signature, flags, header extension length.
    package static let header: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// Ends a binary COPY: a field count of -1.
    package static let trailer: [UInt8] = [0xFF, 0xFF]
    /// 2000-01-01 00:00:00, PostgreSQL's timestamp origin, in seconds since 1970.
    package static let postgresEpochSeconds: Int64 = 946_684_800

    /// Element type OIDs of the arrays this encoder writes.
    package enum ElementType: UInt32 {
        case bool = 16, int2 = 21, int4 = 23, int8 = 20, text = 25, float8 = 701, timestamp = 1114
    }

    /// Starts a tuple of `count` fields.
    package static func appendTupleStart(fieldCount count: Int16, to buffer: inout [UInt8]) {
        appendBigEndian(count, to: &buffer)
    }

    static func appendBigEndian<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    package static func appendNull(to buffer: inout [UInt8]) {
        appendBigEndian(Int32(-1), to: &buffer)
    }

    package static func appendInt16(_ value: Int16, to buffer: inout [UInt8]) {
        appendBigEndian(Int32(2), to: &buffer)
        appendBigEndian(value, to: &buffer)
    }

    package static func appendInt32(_ value: Int32, to buffer: inout [UInt8]) {
        appendBigEndian(Int32(4), to: &buffer)
        appendBigEndian(value, to: &buffer)
    }

    package static func appendInt64(_ value: Int64, to buffer: inout [UInt8]) {
        appendBigEndian(Int32(8), to: &buffer)
        appendBigEndian(value, to: &buffer)
    }

    package static func appendBool(_ value: Bool, to buffer: inout [UInt8]) {
        appendBigEndian(Int32(1), to: &buffer)
        buffer.append(value ? 1 : 0)
    }

    /// A double (IEEE 754 bits); not finite → NULL, as the text format would store none either here.
    package static func appendDouble(_ value: Double?, to buffer: inout [UInt8]) {
        guard let value, value.isFinite else { return appendNull(to: &buffer) }
        appendBigEndian(Int32(8), to: &buffer)
        appendBigEndian(value.bitPattern, to: &buffer)
    }

    /// A `timestamp` (without time zone) given as wall-clock seconds since 1970-01-01 00:00.
    package static func appendTimestamp(localSeconds: Int64?, to buffer: inout [UInt8]) {
        guard let localSeconds else { return appendNull(to: &buffer) }
        appendInt64((localSeconds - postgresEpochSeconds) * 1_000_000, to: &buffer)
    }

    /// UTF-8 text with NUL bytes (which PostgreSQL text cannot hold) dropped; nil → NULL.
    package static func appendText(_ text: String?, to buffer: inout [UInt8]) {
        guard var text else { return appendNull(to: &buffer) }
        let lengthAt = buffer.count
        appendBigEndian(Int32(0), to: &buffer)
        text.withUTF8 { bytes in
            if !bytes.contains(0) {
                buffer.append(contentsOf: bytes)
            } else {
                for byte in bytes where byte != 0 { buffer.append(byte) }
            }
        }
        patchLength(at: lengthAt, in: &buffer)
    }

    /// A one-dimensional array field of `count` elements of `type`, each appended by `element`
    /// (with its own length, or ``appendNull(to:)``); `mayHoldNull` sets the array's null flag.
    package static func appendArray(of type: ElementType, count: Int, mayHoldNull: Bool, to buffer: inout [UInt8],
                                    element: (Int, inout [UInt8]) -> Void) {
        let lengthAt = buffer.count
        appendBigEndian(Int32(0), to: &buffer)
        appendBigEndian(Int32(count == 0 ? 0 : 1), to: &buffer)
        appendBigEndian(Int32(mayHoldNull ? 1 : 0), to: &buffer)
        appendBigEndian(type.rawValue, to: &buffer)
        if count > 0 {
            appendBigEndian(Int32(count), to: &buffer)
            appendBigEndian(Int32(1), to: &buffer)
            for index in 0..<count { element(index, &buffer) }
        }
        patchLength(at: lengthAt, in: &buffer)
    }

    /// Writes the length of the field whose 4-byte length slot is at `lengthAt` (the field's bytes follow it).
    private static func patchLength(at lengthAt: Int, in buffer: inout [UInt8]) {
        let length = UInt32(buffer.count - lengthAt - 4)
        buffer[lengthAt] = UInt8(truncatingIfNeeded: length >> 24)
        buffer[lengthAt + 1] = UInt8(truncatingIfNeeded: length >> 16)
        buffer[lengthAt + 2] = UInt8(truncatingIfNeeded: length >> 8)
        buffer[lengthAt + 3] = UInt8(truncatingIfNeeded: length)
    }
}

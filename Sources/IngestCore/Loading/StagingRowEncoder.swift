/// Writes ``IncidentRecord``s as binary `COPY … FROM STDIN (FORMAT binary)` tuples of the staging
/// table, straight into a byte buffer (no per-field allocations), in the order of
/// ``LoadSQL/stagingColumns``: the line number, the record's fields, and last the
/// ``RowContentHash`` of those fields' bytes. Binary spares the database the parsing of every
/// timestamp, number and flag (and this side the formatting of doubles as text). Also writes the
/// text COPY rows of rejects and notes (``appendText(_:to:)``).
enum StagingRowEncoder {
    /// Fields per staging tuple.
    static let fieldCount: Int16 = 22
    /// Precedes the tuples of every binary COPY: signature, flags, header extension length.
    static let binaryHeader: [UInt8] = Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]
    /// Ends a binary COPY: a field count of -1.
    static let binaryTrailer: [UInt8] = [0xFF, 0xFF]
    /// 2000-01-01 00:00:00, PostgreSQL's timestamp origin, in local seconds since 1970.
    private static let postgresEpochSeconds: Int64 = 946_684_800

    static func append(_ record: IncidentRecord, to buffer: inout [UInt8]) {
        appendBigEndian(UInt16(bitPattern: fieldCount), to: &buffer)
        appendInt64(Int64(record.lineNumber), to: &buffer)
        let fieldsStart = buffer.count
        appendTextField(record.sourceKey, to: &buffer)
        appendTimestamp(record.occurred, to: &buffer)
        appendBool(record.occurred.monthOnly, to: &buffer)
        appendTextField(record.primaryType, to: &buffer)
        appendTextField(record.description, to: &buffer)
        appendTextField(record.category, to: &buffer)
        appendTextField(record.locationDescription, to: &buffer)
        appendBool(record.arrest, to: &buffer)
        appendBool(record.domestic, to: &buffer)
        appendTextField(record.area, to: &buffer)
        appendOptionalInt64(record.district, to: &buffer)
        appendOptionalInt64(record.ward, to: &buffer)
        appendOptionalInt64(record.communityArea, to: &buffer)
        appendDouble(record.latitude, to: &buffer)
        appendDouble(record.longitude, to: &buffer)
        appendTextField(record.block, to: &buffer)
        appendTextField(record.iucr, to: &buffer)
        appendTextField(record.fbiCode, to: &buffer)
        appendTextField(record.lsoa, to: &buffer)
        appendTimestamp(record.updatedOn, to: &buffer)
        appendInt64(RowContentHash.of(buffer[fieldsStart...]), to: &buffer)
    }

    private static func appendBigEndian<T: FixedWidthInteger>(_ value: T, to buffer: inout [UInt8]) {
        withUnsafeBytes(of: value.bigEndian) { buffer.append(contentsOf: $0) }
    }

    private static func appendNullField(_ buffer: inout [UInt8]) {
        appendBigEndian(Int32(-1), to: &buffer)
    }

    private static func appendInt64(_ value: Int64, to buffer: inout [UInt8]) {
        appendBigEndian(Int32(8), to: &buffer)
        appendBigEndian(value, to: &buffer)
    }

    /// Integers travel as `bigint`: the staging columns are `bigint`, so a value too large for the
    /// incident's `integer` column fails the batch in the insert's cast, as the text value did.
    private static func appendOptionalInt64(_ value: Int?, to buffer: inout [UInt8]) {
        guard let value else { return appendNullField(&buffer) }
        appendInt64(Int64(value), to: &buffer)
    }

    private static func appendBool(_ value: Bool, to buffer: inout [UInt8]) {
        appendBigEndian(Int32(1), to: &buffer)
        buffer.append(value ? 1 : 0)
    }

    /// A double (IEEE 754 bits, big-endian); not finite → NULL, as in text.
    private static func appendDouble(_ value: Double?, to buffer: inout [UInt8]) {
        guard let value, value.isFinite else { return appendNullField(&buffer) }
        appendBigEndian(Int32(8), to: &buffer)
        appendBigEndian(value.bitPattern, to: &buffer)
    }

    /// Microseconds since 2000-01-01 of the wall-clock value as the source wrote it.
    private static func appendTimestamp(_ value: LocalDateTime?, to buffer: inout [UInt8]) {
        guard let value else { return appendNullField(&buffer) }
        appendInt64((value.localSeconds - postgresEpochSeconds) * 1_000_000, to: &buffer)
    }

    /// UTF-8 bytes with NUL bytes (which PostgreSQL text cannot hold) dropped; the length is
    /// written once the bytes are.
    private static func appendTextField(_ text: String?, to buffer: inout [UInt8]) {
        guard var text else { return appendNullField(&buffer) }
        let lengthAt = buffer.count
        appendBigEndian(Int32(0), to: &buffer)
        text.withUTF8 { bytes in
            for byte in bytes where byte != 0 { buffer.append(byte) }
        }
        let length = UInt32(buffer.count - lengthAt - 4)
        buffer[lengthAt] = UInt8(truncatingIfNeeded: length >> 24)
        buffer[lengthAt + 1] = UInt8(truncatingIfNeeded: length >> 16)
        buffer[lengthAt + 2] = UInt8(truncatingIfNeeded: length >> 8)
        buffer[lengthAt + 3] = UInt8(truncatingIfNeeded: length)
    }

    /// Text with text COPY's escapes (the rejects' and notes' rows); NUL bytes are dropped.
    static func appendText(_ text: String?, to buffer: inout [UInt8]) {
        guard var text else {
            buffer.append(UInt8(ascii: "\\"))
            buffer.append(UInt8(ascii: "N"))
            return
        }
        text.withUTF8 { bytes in
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\\"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "\t"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "t"))
                case UInt8(ascii: "\n"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "n"))
                case UInt8(ascii: "\r"): buffer.append(UInt8(ascii: "\\")); buffer.append(UInt8(ascii: "r"))
                case 0: break
                default: buffer.append(byte)
                }
            }
        }
    }
}

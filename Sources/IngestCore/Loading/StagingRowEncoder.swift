/// Writes ``IncidentRecord``s as `COPY … FROM STDIN` text rows of the staging table, straight into
/// a byte buffer (no per-field allocations), in the order of ``LoadSQL/stagingColumns``: the line
/// number, the record's fields, and last the ``RowContentHash`` of those fields' text.
enum StagingRowEncoder {
    static func append(_ record: IncidentRecord, to buffer: inout [UInt8]) {
        appendInteger(record.lineNumber, to: &buffer)
        tab(&buffer)
        let fieldsStart = buffer.count
        appendText(record.sourceKey, to: &buffer)
        tab(&buffer); appendTimestamp(record.occurred, to: &buffer)
        tab(&buffer); appendBool(record.occurred.monthOnly, to: &buffer)
        tab(&buffer); appendText(record.primaryType, to: &buffer)
        tab(&buffer); appendText(record.description, to: &buffer)
        tab(&buffer); appendText(record.category, to: &buffer)
        tab(&buffer); appendText(record.locationDescription, to: &buffer)
        tab(&buffer); appendBool(record.arrest, to: &buffer)
        tab(&buffer); appendBool(record.domestic, to: &buffer)
        tab(&buffer); appendText(record.area, to: &buffer)
        tab(&buffer); appendInteger(record.district, to: &buffer)
        tab(&buffer); appendInteger(record.ward, to: &buffer)
        tab(&buffer); appendInteger(record.communityArea, to: &buffer)
        tab(&buffer); appendDouble(record.latitude, to: &buffer)
        tab(&buffer); appendDouble(record.longitude, to: &buffer)
        tab(&buffer); appendText(record.block, to: &buffer)
        tab(&buffer); appendText(record.iucr, to: &buffer)
        tab(&buffer); appendText(record.fbiCode, to: &buffer)
        tab(&buffer); appendText(record.lsoa, to: &buffer)
        tab(&buffer); appendTimestamp(record.updatedOn, to: &buffer)
        let hash = RowContentHash.of(buffer[fieldsStart...])
        tab(&buffer); appendInteger(Int(hash), to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
    }

    @inline(__always)
    private static func tab(_ buffer: inout [UInt8]) { buffer.append(UInt8(ascii: "\t")) }

    private static func appendNull(_ buffer: inout [UInt8]) {
        buffer.append(UInt8(ascii: "\\"))
        buffer.append(UInt8(ascii: "N"))
    }

    /// Text with COPY's escapes; NUL bytes (which PostgreSQL text cannot hold) are dropped.
    static func appendText(_ text: String?, to buffer: inout [UInt8]) {
        guard var text else { return appendNull(&buffer) }
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

    private static func appendInteger(_ value: Int?, to buffer: inout [UInt8]) {
        guard let value else { return appendNull(&buffer) }
        if value < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { storage in
            repeat {
                storage[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(storage[index]) }
        }
    }

    private static func appendBool(_ value: Bool, to buffer: inout [UInt8]) {
        buffer.append(value ? UInt8(ascii: "t") : UInt8(ascii: "f"))
    }

    private static func appendDouble(_ value: Double?, to buffer: inout [UInt8]) {
        guard let value, value.isFinite else { return appendNull(&buffer) }
        buffer.append(contentsOf: value.description.utf8)
    }

    /// `YYYY-MM-DD hh:mm:ss`, the wall-clock value as the source wrote it.
    private static func appendTimestamp(_ value: LocalDateTime?, to buffer: inout [UInt8]) {
        guard let value else { return appendNull(&buffer) }
        appendPadded(value.year, width: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendPadded(value.month, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        appendPadded(value.day, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: " "))
        appendPadded(value.hour, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendPadded(value.minute, width: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        appendPadded(value.second, width: 2, to: &buffer)
    }

    private static func appendPadded(_ value: Int, width: Int, to buffer: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8((rest / divisor) % 10))
            rest %= divisor
            divisor /= 10
        }
    }
}

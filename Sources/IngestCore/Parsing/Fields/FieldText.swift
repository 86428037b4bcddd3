/// Decoders for the field shapes the sources use, working on bytes without building a `String` first.
///
/// Every decoder treats an empty field as "missing" (returns `nil`) and throws ``RowRejection``
/// naming the column and the value when the field is present but wrong.
enum FieldText {
    /// Text, `nil` when empty.
    @inline(__always)
    static func text(_ field: CSVField) -> String? {
        field.isEmpty ? nil : field.string
    }

    /// The field quoted for a rejection reason (at most 60 characters).
    static func quoted(_ field: CSVField) -> String {
        let text = field.string
        return "'" + (text.count > 60 ? String(text.prefix(60)) + "…" : text) + "'"
    }

    /// A decimal integer with optional sign and surrounding spaces (`012` → 12), within the 32-bit
    /// range of the `integer` columns it is stored in: a larger value rejects its row here instead of
    /// failing the whole batch's statement in PostgreSQL.
    static func integer(_ field: CSVField, column: String) throws(RowRejection) -> Int? {
        let bytes = trimmed(field.bytes)
        guard !bytes.isEmpty else { return nil }
        guard let value = parseInteger(bytes) else {
            throw RowRejection("invalid \(column) \(quoted(field)): not an integer")
        }
        guard Int(Int32.min)...Int(Int32.max) ~= value else {
            throw RowRejection("invalid \(column) \(quoted(field)): outside -2147483648...2147483647")
        }
        return value
    }

    /// `true` / `false` in any letter case (the portal writes lowercase); `Y`/`N` are not accepted.
    static func boolean(_ field: CSVField, column: String) throws(RowRejection) -> Bool {
        let bytes = trimmed(field.bytes)
        if matchesIgnoringCase(bytes, "true") { return true }
        if matchesIgnoringCase(bytes, "false") { return false }
        throw RowRejection("invalid \(column) \(quoted(field)): expected true or false")
    }

    /// A decimal number; `nil` when empty.
    static func decimal(_ field: CSVField, column: String) throws(RowRejection) -> Double? {
        let bytes = trimmed(field.bytes)
        guard !bytes.isEmpty else { return nil }
        guard let value = DecimalParser.parse(bytes) else {
            throw RowRejection("invalid \(column) \(quoted(field)): not a number")
        }
        return value
    }

    static func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == ASCII.minus || first == ASCII.plus {
            negative = first == ASCII.minus
            index = 1
        }
        guard index < bytes.count, bytes.count - index <= 18 else { return nil }
        var value = 0
        while index < bytes.count {
            let digit = Int(bytes[index]) - Int(ASCII.zero)
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
            index += 1
        }
        return negative ? -value : value
    }

    static func trimmed(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        var start = 0
        var end = bytes.count
        while start < end, bytes[start] == ASCII.space || bytes[start] == ASCII.tab { start += 1 }
        while end > start, bytes[end - 1] == ASCII.space || bytes[end - 1] == ASCII.tab { end -= 1 }
        if start == 0 && end == bytes.count { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[start..<end])
    }

    static func matchesIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard bytes.count == word.utf8CodeUnitCount else { return false }
        let expected = word.utf8Start
        for index in 0..<bytes.count where bytes[index] | 0x20 != expected[index] | 0x20 {
            return false
        }
        return true
    }
}

/// Why one row is refused; thrown (typed) by field decoders and caught per row by the parsers.
struct RowRejection: Error {
    let reason: String

    init(_ reason: String) { self.reason = reason }
}

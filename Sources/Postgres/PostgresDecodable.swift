import Foundation

/// A Swift type that a result field can be decoded into, from PostgreSQL's text format.
///
/// Non-optional types throw a ``PostgresError/Kind/decoding`` error on NULL; `Optional` of a
/// decodable type turns NULL into `nil`. A column of an incompatible type (say `text` into `Int`)
/// is an error too, naming the column: `String` is the one type that accepts every column.
package protocol PostgresDecodable: Sendable {
    /// Decodes the field, or throws a decoding error that names the column.
    static func decode(from cell: PostgresCell) throws(PostgresError) -> Self
}

extension String: PostgresDecodable {
    /// Any column decodes as its text form (numeric, uuid, json, geometry hex…).
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> String {
        String(decoding: try cell.requireBytes(as: String.self), as: UTF8.self)
    }
}

extension Int64: PostgresDecodable {
    /// Accepts integer columns, and `numeric` ones holding a whole number (`sum(int8)` is numeric).
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Int64 {
        try cell.requireType(Int64.self) { $0.isInteger || $0 == .numeric }
        let bytes = try cell.requireBytes(as: Int64.self)
        guard let value = Self.parseDecimal(bytes) else {
            throw cell.decodingError(Int64.self, reason: "not an integer: \(cell.text ?? "")")
        }
        return value
    }

    /// Parses `-?[0-9]+` without allocating; `nil` on bad syntax or overflow.
    static func parseDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { return nil }
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = negative
                ? shifted.subtractingReportingOverflow(Int64(digit))
                : shifted.addingReportingOverflow(Int64(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
            index += 1
        }
        return value
    }
}

extension Int: PostgresDecodable {
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Int {
        Int(try Int64.decode(from: cell))
    }
}

extension Int32: PostgresDecodable {
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Int32 {
        let wide = try Int64.decode(from: cell)
        guard let value = Int32(exactly: wide) else {
            throw cell.decodingError(Int32.self, reason: "\(wide) is out of range")
        }
        return value
    }
}

extension Int16: PostgresDecodable {
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Int16 {
        let wide = try Int64.decode(from: cell)
        guard let value = Int16(exactly: wide) else {
            throw cell.decodingError(Int16.self, reason: "\(wide) is out of range")
        }
        return value
    }
}

extension Double: PostgresDecodable {
    /// Accepts float4, float8, numeric and integer columns, including `NaN` and `±Infinity`.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Double {
        try cell.requireType(Double.self) { $0.isNumeric }
        let text = String(decoding: try cell.requireBytes(as: Double.self), as: UTF8.self)
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            guard let value = Double(text) else { throw cell.decodingError(Double.self, reason: "not a number: \(text)") }
            return value
        }
    }
}

extension Float: PostgresDecodable {
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Float {
        Float(try Double.decode(from: cell))
    }
}

extension Bool: PostgresDecodable {
    /// Accepts `bool` columns (`t` / `f`).
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Bool {
        try cell.requireType(Bool.self) { $0 == .bool }
        let bytes = try cell.requireBytes(as: Bool.self)
        switch bytes.first {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: throw cell.decodingError(Bool.self, reason: "not a boolean: \(cell.text ?? "")")
        }
    }
}

extension Array: PostgresDecodable where Element == UInt8 {
    /// Accepts `bytea` columns in hex output format (`\x…`, the server default). Decoded through a
    /// lookup table into an array written in place: large bytea values (outbox columns, index
    /// snapshots) are tens of megabytes, where a checked switch and an append per byte dominated.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> [UInt8] {
        try cell.requireType([UInt8].self) { $0 == .bytea }
        let text = try cell.requireBytes(as: [UInt8].self)
        guard text.count >= 2, text[0] == UInt8(ascii: "\\"), text[1] == UInt8(ascii: "x"), text.count % 2 == 0 else {
            throw cell.decodingError([UInt8].self, reason: "not hex-format bytea (set bytea_output = hex)")
        }
        let count = (text.count - 2) / 2
        var bad: UInt8 = 0
        let result = hexDigits.withUnsafeBufferPointer { digits in
            [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
                for index in 0..<count {
                    let high = digits[Int(text[2 + 2 * index])], low = digits[Int(text[3 + 2 * index])]
                    bad |= high | low
                    buffer[index] = high << 4 | low & 0x0F
                }
                initialized = count
            }
        }
        // A digit's value is below 16; only 0xFF (not a digit) sets the high bits.
        guard bad < 16 else { throw cell.decodingError([UInt8].self, reason: "bad hex digit") }
        return result
    }

    /// Each ASCII character's hex value, 0xFF for non-digits.
    private static let hexDigits: [UInt8] = (0..<256).map { code in
        switch UInt8(code) {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt8(code) - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt8(code) - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt8(code) - UInt8(ascii: "A") + 10
        default: 0xFF
        }
    }
}

extension Date: PostgresDecodable {
    /// Accepts `timestamptz`, `timestamp` (taken as UTC) and `date` (midnight UTC) columns.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Date {
        try cell.requireType(Date.self) { $0.isTemporal }
        let text = String(decoding: try cell.requireBytes(as: Date.self), as: UTF8.self)
        guard let date = PostgresTimestamp.decode(text) else {
            throw cell.decodingError(Date.self, reason: "unrecognised timestamp \(text)")
        }
        return date
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// NULL decodes as `nil`; anything else as `Wrapped`.
    package static func decode(from cell: PostgresCell) throws(PostgresError) -> Wrapped? {
        cell.bytes == nil ? nil : try Wrapped.decode(from: cell)
    }
}

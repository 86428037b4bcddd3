import Foundation

/// A parameter value as it is sent to the server: always in text format, NULL as ``null``.
///
/// You rarely build these by hand: every ``PostgresBindable`` type (String, Int, Int32, Int64,
/// Double, Bool, `[UInt8]`, Date, and optionals of them) converts itself, so call sites read
/// `try conn.query("SELECT … WHERE city = $1 AND year = $2", ["chicago", 2017])`.
package enum PostgresValue: Sendable, Hashable {
    /// SQL NULL (sent as a nil parameter pointer).
    case null
    /// Text, sent unchanged.
    case text(String)
    /// Any integer, sent in decimal.
    case integer(Int64)
    /// A float8, sent with enough digits to round-trip (`NaN`, `Infinity`, `-Infinity` included).
    case double(Double)
    /// A boolean, sent as `true` / `false`.
    case bool(Bool)
    /// A bytea, sent in hex format (`\x…`).
    case bytes([UInt8])
    /// A timestamptz, sent as ISO 8601 in UTC with microseconds (the server's precision).
    case timestamp(Date)

    /// The text form sent to the server, or `nil` for NULL.
    var textEncoded: String? {
        switch self {
        case .null: return nil
        case .text(let string): return string
        case .integer(let value): return String(value)
        case .double(let value): return Self.encode(double: value)
        case .bool(let value): return value ? "true" : "false"
        case .bytes(let bytes): return Self.encode(bytea: bytes)
        case .timestamp(let date): return PostgresTimestamp.encode(date)
        }
    }

    static func encode(double value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        return value.description
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func encode(bytea bytes: [UInt8]) -> String {
        var utf8: [UInt8] = [UInt8(ascii: "\\"), UInt8(ascii: "x")]
        utf8.reserveCapacity(2 + bytes.count * 2)
        for byte in bytes {
            utf8.append(hexDigits[Int(byte >> 4)])
            utf8.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: utf8, as: UTF8.self)
    }
}

extension PostgresValue: ExpressibleByStringLiteral {
    package init(stringLiteral value: String) { self = .text(value) }
}

extension PostgresValue: ExpressibleByIntegerLiteral {
    package init(integerLiteral value: Int64) { self = .integer(value) }
}

extension PostgresValue: ExpressibleByFloatLiteral {
    package init(floatLiteral value: Double) { self = .double(value) }
}

extension PostgresValue: ExpressibleByBooleanLiteral {
    package init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension PostgresValue: ExpressibleByNilLiteral {
    package init(nilLiteral: ()) { self = .null }
}

import Foundation

/// A hand-rolled JSON writer for the hottest replies (the heatmaps and the month incidents),
/// where `JSONEncoder` with `convertToSnakeCase` spent most of the gateway's CPU (about 70 %
/// under wrk). It writes what ``JSONResponse/encoder()`` writes: keys as given (callers pass
/// them snake_case and sorted), strings escaped the same way, optional members left out.
/// Tests check that the bytes are identical to the encoder's.
public struct JSONText: Sendable {
    public private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    public init(capacity: Int = 4_096) {
        bytes.reserveCapacity(capacity)
    }

    /// The text as `Data`.
    public var data: Data { Data(bytes) }

    /// Writes `{`, the members `body` writes, then `}`.
    public mutating func object(_ body: (inout JSONText) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes `[`, the elements `body` writes, then `]`.
    public mutating func array(_ body: (inout JSONText) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma.append(false)
        body(&self)
        needsComma.removeLast()
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"key":` inside an object; the next value written is the member's value.
    public mutating func key(_ key: String) {
        separate()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    /// A member whose value `body` writes.
    public mutating func member(_ key: String, _ body: (inout JSONText) -> Void) {
        self.key(key)
        body(&self)
        needsComma[needsComma.count - 1] = true
    }

    public mutating func member(_ key: String, _ value: String) { member(key) { $0.value(value) } }
    public mutating func member(_ key: String, _ value: Int64) { member(key) { $0.value(value) } }
    public mutating func member(_ key: String, _ value: Int) { member(key) { $0.value(Int64(value)) } }
    public mutating func member(_ key: String, _ value: Bool) { member(key) { $0.value(value) } }
    public mutating func member(_ key: String, _ value: Double) { member(key) { $0.value(value) } }

    /// A member only when `value` is not nil (as the encoder leaves out nil optionals).
    public mutating func member(_ key: String, ifPresent value: String?) {
        if let value { member(key, value) }
    }

    /// Same for integers.
    public mutating func member(_ key: String, ifPresent value: Int?) {
        if let value { member(key, value) }
    }

    public mutating func value(_ text: String) {
        separate()
        appendString(text)
    }

    public mutating func value(_ number: Int64) {
        separate()
        appendInteger(number)
    }

    public mutating func value(_ flag: Bool) {
        separate()
        bytes.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes)
    }

    /// A finite double the way the encoder writes it (shortest round-trip digits, integral
    /// values without `.0`).
    public mutating func value(_ number: Double) {
        separate()
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            if number == 0, number.sign == .minus { bytes.append(UInt8(ascii: "-")) }
            appendInteger(Int64(number))
        } else {
            bytes.append(contentsOf: Array(number.description.utf8))
        }
    }

    /// An array of integers.
    public mutating func integers<S: Sequence>(_ values: S) where S.Element: BinaryInteger {
        array { text in
            for value in values { text.value(Int64(value)) }
        }
    }

    /// An array of doubles.
    public mutating func doubles<S: Sequence>(_ values: S) where S.Element == Double {
        array { text in
            for value in values { text.value(value) }
        }
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hex = Array("0123456789abcdef".utf8)

    private mutating func separate() {
        if needsComma[needsComma.count - 1] {
            bytes.append(UInt8(ascii: ","))
        } else {
            needsComma[needsComma.count - 1] = true
        }
    }

    private mutating func appendInteger(_ number: Int64) {
        if number == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = number.magnitude
        var digits: [UInt8] = []
        digits.reserveCapacity(20)
        while magnitude > 0 {
            digits.append(UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        if number < 0 { bytes.append(UInt8(ascii: "-")) }
        bytes.append(contentsOf: digits.reversed())
    }

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0..<0x20:
                bytes.append(contentsOf: Array("\\u00".utf8))
                bytes.append(Self.hex[Int(byte >> 4)])
                bytes.append(Self.hex[Int(byte & 0xF)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

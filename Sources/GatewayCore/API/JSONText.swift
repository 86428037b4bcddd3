import Foundation

/// A hand-rolled JSON writer for the hottest replies (the heatmaps and the month incidents),
/// where `JSONEncoder` with `convertToSnakeCase` spent most of the gateway's CPU (about 70 %
/// under wrk). It writes what ``JSONResponse/encoder()`` writes: keys as given (callers pass
/// them snake_case and sorted), strings escaped the same way, optional members left out.
/// Tests check that the bytes are identical to the encoder's.
package struct JSONText: Sendable {
    package private(set) var bytes: [UInt8] = []
    /// Whether the next value or key in the current object or array needs a comma first.
    private var needsComma = false

    package init(capacity: Int = 4_096) {
        bytes.reserveCapacity(capacity)
    }

    /// The text as `Data`.
    package var data: Data { Data(bytes) }

    /// Writes `{`, the members `body` writes, then `}`.
    @inline(__always)
    package mutating func object(_ body: (inout JSONText) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        needsComma = true
        bytes.append(UInt8(ascii: "}"))
    }

    /// Writes `[`, the elements `body` writes, then `]`.
    @inline(__always)
    package mutating func array(_ body: (inout JSONText) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        body(&self)
        needsComma = true
        bytes.append(UInt8(ascii: "]"))
    }

    /// Writes `"key":` inside an object; the next value written is the member's value.
    package mutating func key(_ key: String) {
        separate()
        appendString(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// A member whose value `body` writes.
    @inline(__always)
    mutating func member(_ key: String, _ body: (inout JSONText) -> Void) {
        self.key(key)
        body(&self)
        needsComma = true
    }

    mutating func member(_ key: String, _ value: String) {
        self.key(key)
        appendString(value)
        needsComma = true
    }

    /// A member whose string value is UTF-8 bytes (invalid sequences repaired as `String` does).
    mutating func member(_ key: String, utf8: UnsafeBufferPointer<UInt8>) {
        self.key(key)
        raw(utf8String: utf8)
        needsComma = true
    }

    // MARK: Templates: bytes written as they are, no commas added (the caller writes valid JSON)

    /// Appends `text` verbatim.
    mutating func raw(_ text: [UInt8]) {
        bytes.append(contentsOf: text)
    }

    /// Appends an integer.
    mutating func raw(integer: Int64) {
        appendInteger(integer)
    }

    /// Appends a string written from UTF-8 bytes (invalid sequences repaired as `String` does).
    mutating func raw(utf8String utf8: UnsafeBufferPointer<UInt8>) {
        if utf8.contains(where: { $0 < 0x20 || $0 >= 0x80 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            appendString(String(decoding: utf8, as: UTF8.self))
        } else {
            bytes.append(UInt8(ascii: "\""))
            bytes.append(contentsOf: utf8)
            bytes.append(UInt8(ascii: "\""))
        }
    }

    mutating func member(_ key: String, _ value: Int64) {
        self.key(key)
        appendInteger(value)
        needsComma = true
    }

    mutating func member(_ key: String, _ value: Int) { member(key, Int64(value)) }
    mutating func member(_ key: String, _ value: Bool) { member(key) { $0.value(value) } }
    mutating func member(_ key: String, _ value: Double) { member(key) { $0.value(value) } }

    /// A member only when `value` is not nil (as the encoder leaves out nil optionals).
    mutating func member(_ key: String, ifPresent value: String?) {
        if let value { member(key, value) }
    }

    /// Same for integers.
    mutating func member(_ key: String, ifPresent value: Int?) {
        if let value { member(key, value) }
    }

    package mutating func value(_ text: String) {
        separate()
        appendString(text)
    }

    package mutating func value(_ number: Int64) {
        separate()
        appendInteger(number)
    }

    package mutating func value(_ flag: Bool) {
        separate()
        bytes.append(contentsOf: flag ? Self.trueBytes : Self.falseBytes)
    }

    /// A finite double the way the encoder writes it (shortest round-trip digits, integral
    /// values without `.0`).
    package mutating func value(_ number: Double) {
        separate()
        if number.isFinite, number == number.rounded(), abs(number) < 1e15 {
            if number == 0, number.sign == .minus { bytes.append(UInt8(ascii: "-")) }
            appendInteger(Int64(number))
        } else {
            bytes.append(contentsOf: Array(number.description.utf8))
        }
    }

    /// An array of integers.
    mutating func integers<S: Sequence>(_ values: S) where S.Element: BinaryInteger {
        array { text in
            for value in values { text.value(Int64(value)) }
        }
    }

    /// An array of doubles.
    mutating func doubles<S: Sequence>(_ values: S) where S.Element == Double {
        array { text in
            for value in values { text.value(value) }
        }
    }

    private static let trueBytes = Array("true".utf8)
    private static let falseBytes = Array("false".utf8)
    private static let hex = Array("0123456789abcdef".utf8)

    @inline(__always)
    private mutating func separate() {
        if needsComma {
            bytes.append(UInt8(ascii: ","))
        } else {
            needsComma = true
        }
    }

    private mutating func appendInteger(_ number: Int64) {
        if number >= 0 && number < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(number))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var magnitude = number.magnitude, start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if number < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    private mutating func appendString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            // Most strings (keys, area ids, type names) need no escape: copied at once.
            if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
                bytes.append(contentsOf: utf8)
                return
            }
            for byte in utf8 { appendEscaping(byte) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendEscaping(_ byte: UInt8) {
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
}

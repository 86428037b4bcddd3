/// One field of a ``CSVRow``: its bytes without the surrounding quotes.
///
/// Valid only inside the ``CSVReader/forEachRow(_:)`` callback that produced it.
package struct CSVField {
    /// The field's bytes; a quoted field's doubled quotes (`""`) are still doubled here.
    package let bytes: UnsafeBufferPointer<UInt8>
    /// True when `bytes` contains doubled quotes that ``string`` collapses.
    let hasEscapedQuotes: Bool

    package var isEmpty: Bool { bytes.isEmpty }

    /// The field as text, doubled quotes collapsed; invalid UTF-8 is repaired with U+FFFD.
    package var string: String {
        guard hasEscapedQuotes else { return String(decoding: bytes, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            unescaped.append(byte)
            index += (byte == ASCII.quote && index + 1 < bytes.count && bytes[index + 1] == ASCII.quote) ? 2 : 1
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    /// ``string``, or `nil` when the field is empty.
    var optionalString: String? { isEmpty ? nil : string }
}

/// Byte values the tokenizers look for.
enum ASCII {
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C
    static let lineFeed: UInt8 = 0x0A
    static let carriageReturn: UInt8 = 0x0D
    static let space: UInt8 = 0x20
    static let tab: UInt8 = 0x09
    static let zero: UInt8 = 0x30
    static let nine: UInt8 = 0x39
    static let minus: UInt8 = 0x2D
    static let plus: UInt8 = 0x2B
    static let dot: UInt8 = 0x2E
    static let slash: UInt8 = 0x2F
    static let colon: UInt8 = 0x3A
    static let backslash: UInt8 = 0x5C
}

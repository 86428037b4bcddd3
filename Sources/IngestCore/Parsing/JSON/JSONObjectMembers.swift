/// Finds the top-level members of one JSON object and the exact byte range of each value,
/// without parsing the values — so a GeoJSON geometry can be passed on byte for byte.
enum JSONObjectMembers {
    /// `key → value range` of the object in `bytes`; `nil` when `bytes` is not a well-formed object
    /// at this level (nested values are only skipped, not validated). Keys with escapes are kept raw.
    static func ranges(in bytes: UnsafeBufferPointer<UInt8>) -> [String: Range<Int>]? {
        var index = 0
        skipWhitespace(bytes, &index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        var members: [String: Range<Int>] = [:]
        skipWhitespace(bytes, &index)
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { return members }
        while index < bytes.count {
            skipWhitespace(bytes, &index)
            guard index < bytes.count, bytes[index] == ASCII.quote,
                  let keyEnd = stringEnd(bytes, from: index) else { return nil }
            let key = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(keyEnd - 1)]), as: UTF8.self)
            index = keyEnd
            skipWhitespace(bytes, &index)
            guard index < bytes.count, bytes[index] == ASCII.colon else { return nil }
            index += 1
            skipWhitespace(bytes, &index)
            let valueStart = index
            guard let valueEnd = valueEnd(bytes, from: index) else { return nil }
            members[key] = valueStart..<valueEnd
            index = valueEnd
            skipWhitespace(bytes, &index)
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "}") { return members }
            guard bytes[index] == ASCII.comma else { return nil }
            index += 1
        }
        return nil
    }

    /// The string value (without quotes, escapes kept) of a JSON string literal, else `nil`.
    static func stringLiteral(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        guard bytes.count >= 2, bytes[0] == ASCII.quote, bytes[bytes.count - 1] == ASCII.quote else { return nil }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)]), as: UTF8.self)
    }

    private static func skipWhitespace(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) {
        while index < bytes.count,
              bytes[index] == ASCII.space || bytes[index] == ASCII.lineFeed
              || bytes[index] == ASCII.carriageReturn || bytes[index] == ASCII.tab {
            index += 1
        }
    }

    /// Index just past the closing quote of the string starting at `start`.
    private static func stringEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start + 1
        while index < bytes.count {
            switch bytes[index] {
            case ASCII.backslash: index += 2
            case ASCII.quote: return index + 1
            default: index += 1
            }
        }
        return nil
    }

    /// Index just past the value starting at `start` (a string, a nested container, or a scalar).
    private static func valueEnd(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < bytes.count else { return nil }
        if bytes[start] == ASCII.quote { return stringEnd(bytes, from: start) }
        var index = start
        var depth = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case ASCII.quote:
                guard let end = stringEnd(bytes, from: index) else { return nil }
                index = end
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return index }
                depth -= 1
                if depth == 0 { return index + 1 }
            case ASCII.comma, ASCII.space, ASCII.lineFeed, ASCII.carriageReturn, ASCII.tab:
                if depth == 0 { return index }
            default:
                break
            }
            index += 1
        }
        return depth == 0 ? index : nil
    }
}

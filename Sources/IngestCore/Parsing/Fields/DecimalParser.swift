/// Parses decimal numbers (`-87.62073655`, `41.93193179666549`, `1e3`) from bytes.
///
/// Fast path (Clinger): at most 15 significant digits and at most 22 fraction digits give an exact
/// integer mantissa and an exact power of ten, so one IEEE division is correctly rounded.
/// Anything else falls back to the standard library's `Double(_:)`, also correctly rounded, so the
/// same text always yields the same `Double` whichever path it takes (CSV and JSON agree).
enum DecimalParser {
    private static let powersOfTen: [Double] = (0...22).map { exponent in
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        var negative = false
        if let first = bytes.first, first == ASCII.minus || first == ASCII.plus {
            negative = first == ASCII.minus
            index = 1
        }
        var mantissa: UInt64 = 0
        var significantDigits = 0
        var fractionDigits = 0
        var digits = 0
        var seenDot = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= ASCII.zero && byte <= ASCII.nine {
                if mantissa != 0 || byte != ASCII.zero { significantDigits += 1 }
                if significantDigits > 15 { return fallback(bytes) }
                mantissa = mantissa * 10 + UInt64(byte - ASCII.zero)
                digits += 1
                if seenDot { fractionDigits += 1 }
            } else if byte == ASCII.dot && !seenDot {
                seenDot = true
            } else {
                return fallback(bytes)
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        guard fractionDigits <= 22 else { return fallback(bytes) }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return negative ? -magnitude : magnitude
    }

    private static func fallback(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value
    }
}

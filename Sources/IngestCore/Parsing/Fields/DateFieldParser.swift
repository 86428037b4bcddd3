/// Parses the date shapes of the sources into ``LocalDateTime``:
///
/// - `MM/DD/YYYY hh:mm:ss AM` (Chicago portal CSV; 12-hour clock, `12:xx AM` is 00:xx),
/// - `MM/DD/YYYY HH:mm:ss` (24-hour) and `MM/DD/YYYY` (NYPD `ARREST_DATE`; 00:00:00),
/// - `YYYY-MM-DDTHH:mm:ss[.fff]` (Socrata JSON; fraction ignored),
/// - `YYYY-MM` (police.uk `Month`; `monthOnly`).
///
/// Anything else, or an impossible value (`02/30/2017`, `13:00:00 PM`), returns `nil`.
enum DateFieldParser {
    static func usDateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
        guard bytes.count >= 10, bytes[2] == ASCII.slash, bytes[5] == ASCII.slash,
              let month = number(bytes, 0, 2), let day = number(bytes, 3, 2), let year = number(bytes, 6, 4)
        else { return nil }
        if bytes.count == 10 { return LocalDateTime(year: year, month: month, day: day) }
        guard bytes.count >= 19, bytes[10] == ASCII.space, bytes[13] == ASCII.colon, bytes[16] == ASCII.colon,
              var hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2)
        else { return nil }
        if bytes.count == 19 {
            return LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        }
        guard bytes.count == 22, bytes[19] == ASCII.space, bytes[21] | 0x20 == UInt8(ascii: "m"),
              (1...12).contains(hour)
        else { return nil }
        switch bytes[20] | 0x20 {
        case UInt8(ascii: "a"): if hour == 12 { hour = 0 }
        case UInt8(ascii: "p"): if hour != 12 { hour += 12 }
        default: return nil
        }
        return LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    static func isoDateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
        guard bytes.count >= 19, bytes[4] == ASCII.minus, bytes[7] == ASCII.minus,
              bytes[10] == UInt8(ascii: "T") || bytes[10] == ASCII.space,
              bytes[13] == ASCII.colon, bytes[16] == ASCII.colon,
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2), let day = number(bytes, 8, 2),
              let hour = number(bytes, 11, 2), let minute = number(bytes, 14, 2), let second = number(bytes, 17, 2)
        else { return nil }
        if bytes.count > 19 {
            guard bytes[19] == ASCII.dot, bytes.count > 20, number(bytes, 20, bytes.count - 20) != nil else { return nil }
        }
        return LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    static func yearMonth(_ bytes: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
        guard bytes.count == 7, bytes[4] == ASCII.minus,
              let year = number(bytes, 0, 4), let month = number(bytes, 5, 2)
        else { return nil }
        return LocalDateTime(year: year, month: month)
    }

    /// The unsigned decimal in `bytes[offset ..< offset + width]`, all digits required.
    @inline(__always)
    private static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int, _ width: Int) -> Int? {
        var value = 0
        for index in offset..<(offset + width) {
            let digit = Int(bytes[index]) &- Int(ASCII.zero)
            guard digit >= 0, digit <= 9 else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}

extension DateFieldParser {
    /// A portal date in either form: CSV `MM/DD/YYYY[ hh:mm:ss[ AM]]` or Socrata JSON ISO
    /// (`2017-12-31T00:00:00.000`); Chicago `Date`/`Updated On`, NYPD `ARREST_DATE`.
    static func usOrISODateTime(_ bytes: UnsafeBufferPointer<UInt8>) -> LocalDateTime? {
        if bytes.count > 2, bytes[2] == ASCII.slash { return usDateTime(bytes) }
        return isoDateTime(bytes)
    }
}

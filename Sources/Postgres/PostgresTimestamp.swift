import CivilTime
import Foundation

/// Text codec for `timestamptz`, `timestamp` and `date`, in the ISO style this library's
/// connections always request (`DateStyle=ISO`, `TimeZone=UTC`), at microsecond precision.
///
/// Written by hand (civil-date arithmetic after Howard Hinnant) rather than with `DateFormatter`:
/// it is exact, allocation-light and free of locale and thread-safety questions.
enum PostgresTimestamp {
    private static let microsPerSecond: Int64 = 1_000_000
    private static let microsPerDay: Int64 = 86_400 * microsPerSecond

    /// `2017-03-04 05:06:07.123456+00` (UTC), with ` BC` for years before 1 AD.
    static func encode(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (days, microOfDay) = floorDivide(micros, microsPerDay)
        let (year, month, day) = civil(fromDays: days)
        let secondOfDay = microOfDay / microsPerSecond
        let fraction = microOfDay % microsPerSecond
        let bc = year <= 0
        var text = pad(bc ? 1 - year : year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
        text += " " + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, 6) }
        text += "+00"
        if bc { text += " BC" }
        return text
    }

    /// Parses the server's ISO output; `infinity` / `-infinity` map to `Date.distantFuture` / `distantPast`.
    /// A value without an offset (`timestamp`, `date`) is taken as UTC.
    static func decode(_ text: String) -> Date? {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        var scanner = DigitScanner(Array(text.utf8))
        guard var year = scanner.number(), scanner.skip("-"),
              let month = scanner.number(), scanner.skip("-"),
              let day = scanner.number()
        else { return nil }
        var micros: Int64 = 0
        if scanner.skip(" ") || scanner.skip("T") {
            guard let hour = scanner.number(), scanner.skip(":"),
                  let minute = scanner.number(), scanner.skip(":"),
                  let second = scanner.number()
            else { return nil }
            micros = (hour * 3600 + minute * 60 + second) * microsPerSecond
            if scanner.skip(".") {
                guard let fraction = scanner.numberWithDigitCount(), fraction.digits <= 6 else { return nil }
                var scaled = fraction.value
                for _ in fraction.digits..<6 { scaled *= 10 }
                micros += scaled
            }
            if let sign = scanner.sign() {
                guard let offsetHours = scanner.number() else { return nil }
                var offset = offsetHours * 3600
                if scanner.skip(":") {
                    guard let offsetMinutes = scanner.number() else { return nil }
                    offset += offsetMinutes * 60
                    if scanner.skip(":") {
                        guard let offsetSeconds = scanner.number() else { return nil }
                        offset += offsetSeconds
                    }
                }
                micros -= sign * offset * microsPerSecond
            }
        }
        if scanner.skip(" BC") { year = 1 - year }
        guard scanner.isAtEnd, (1...12).contains(month), (1...31).contains(day) else { return nil }
        let total = days(fromCivil: year, month, day) * microsPerDay + micros
        return Date(timeIntervalSince1970: Double(total) / 1_000_000)
    }

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (year 0 = 1 BC).
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        LocalDateTime.days(year: year, month: month, day: day)
    }

    /// The proleptic Gregorian date `days` after 1970-01-01.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        LocalDateTime.date(fromDays: days)
    }
}

/// A tiny forward scanner over ASCII bytes, for the timestamp parser.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { index == bytes.count }

    mutating func skip(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        for offset in 0..<count where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += count
        return true
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }

    mutating func number() -> Int64? { numberWithDigitCount()?.value }

    mutating func numberWithDigitCount() -> (value: Int64, digits: Int)? {
        var value: Int64 = 0
        let start = index
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57, index - start < 12 {
            value = value * 10 + Int64(bytes[index] - 48)
            index += 1
        }
        return index == start ? nil : (value, index - start)
    }
}

import CivilTime

/// A wall-clock time in the city's own time zone as the API accepts it: `YYYY-MM-DD`,
/// `YYYY-MM-DDTHH`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS` (a space may replace the `T`),
/// without an offset (`Z` or `+01:00` are refused: the city's zone is the only one).
enum LocalTimeParameter {
    /// Local seconds of `text`; `name` is the parameter's name for the error message.
    static func seconds(_ text: String, name: String) throws(APIError) -> Int64 {
        let bytes = Array(text.utf8)
        func fail(_ why: String) -> APIError {
            .invalidArgument("'\(name)' must be a local time YYYY-MM-DD[THH[:MM[:SS]]] without offset (\(why)), got '\(text.prefix(40))'")
        }
        func number(_ from: Int, _ count: Int) throws(APIError) -> Int {
            guard from + count <= bytes.count else { throw fail("too short") }
            var value = 0
            for byte in bytes[from..<(from + count)] {
                guard byte >= 48 && byte <= 57 else { throw fail("not a digit where one belongs") }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        func separator(_ at: Int, _ allowed: [UInt8]) throws(APIError) {
            guard at < bytes.count, allowed.contains(bytes[at]) else { throw fail("bad separator") }
        }
        guard [10, 13, 16, 19].contains(bytes.count) else { throw fail("wrong length") }
        let year = try number(0, 4)
        try separator(4, [UInt8(ascii: "-")])
        let month = try number(5, 2)
        try separator(7, [UInt8(ascii: "-")])
        let day = try number(8, 2)
        var hour = 0, minute = 0, second = 0
        if bytes.count >= 13 {
            try separator(10, [UInt8(ascii: "T"), UInt8(ascii: " ")])
            hour = try number(11, 2)
        }
        if bytes.count >= 16 {
            try separator(13, [UInt8(ascii: ":")])
            minute = try number(14, 2)
        }
        if bytes.count == 19 {
            try separator(16, [UInt8(ascii: ":")])
            second = try number(17, 2)
        }
        guard (1900...2100).contains(year), hour < 24, minute < 60, second < 60,
              let time = LocalDateTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second) else {
            throw fail("no such date or time")
        }
        return time.localSeconds
    }
}

import Contracts

/// `GET /api/v1/incidents`: a month's incidents as flat parallel arrays for the month
/// animation (index `i` of `lon`, `lat`, `day`, `category`, `arrest` is one incident, oldest
/// first), the category legend and the count per day of the month.
struct IncidentsJSON: Codable, Sendable, Equatable {
    /// One category of the legend; `category[i]` indexes this list.
    struct Category: Codable, Sendable, Equatable {
        /// The code (NYPD law category `F`/`M`/`V`/`I`; Chicago crime group; police.uk crime type).
        var code: String
        var label: String
        /// Incidents of this category in the arrays.
        var count: Int
    }

    var city: String
    /// `YYYY-MM`; days are the city's local calendar days.
    var month: String
    /// IANA time zone of the city; empty when the heatmap service does not know it.
    var timeZone: String
    /// Days in the month.
    var days: Int
    /// Incidents in the arrays.
    var count: Int
    /// Degrees, 4 decimals.
    var lon: [Double]
    var lat: [Double]
    /// Day of the month, 1-based.
    var day: [Int]
    var category: [Int]
    /// 1 when the incident led to an arrest, else 0.
    var arrest: [Int]
    var categories: [Category]
    /// Incidents per day of the month (`days` entries, day 1 first), of those in the arrays.
    var perDay: [Int]
    /// Incidents of the month without coordinates (not in the arrays).
    var withoutLocation: Int64
    /// More incidents matched than `limit`: the arrays hold the oldest `limit`.
    var truncated: Bool

    init(city: String, month: MonthParameter, timeZone: String, response: ListIncidentsResponse) {
        self.city = city
        self.month = month.label
        self.timeZone = timeZone
        days = month.days
        let count = min(response.lonE4.count, response.latE4.count, response.dayIndex.count, response.categoryIndex.count)
        self.count = count
        lon = response.lonE4.prefix(count).map { Double($0) / 10_000 }
        lat = response.latE4.prefix(count).map { Double($0) / 10_000 }
        day = response.dayIndex.prefix(count).map { Int($0) + 1 }
        category = response.categoryIndex.prefix(count).map { Int($0) }
        arrest = (0..<count).map { $0 < response.arrest.count && response.arrest[$0] ? 1 : 0 }
        var perCategory = [Int](repeating: 0, count: response.categories.count)
        var perDay = [Int](repeating: 0, count: days)
        for index in 0..<count {
            let code = Int(response.categoryIndex[index])
            if code < perCategory.count { perCategory[code] += 1 }
            let dayIndex = Int(response.dayIndex[index])
            if dayIndex < perDay.count { perDay[dayIndex] += 1 }
        }
        categories = response.categories.enumerated().map { index, code in
            Category(code: code, label: CategoryLabels.label(code), count: perCategory[index])
        }
        self.perDay = perDay
        withoutLocation = response.withoutLocation
        truncated = response.truncated
    }
}

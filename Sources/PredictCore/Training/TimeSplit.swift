import CivilTime

/// Train, validation and test windows by time, never at random.
///
/// With three or more years of data (a year counts when it holds at least 1 % of the rows):
/// test on the last year, validate on the one before, train on up to four years before that
/// (with the shared data: train 2012–2015, validate 2016, test 2017). With fewer years (the demo's
/// Chicago 2017 alone) the months are split instead: the last sixth of the months is the test,
/// the sixth before it validation, the rest training (2017: Jan–Aug, Sep–Oct, Nov–Dec), and
/// ``isMonthFallback`` says so in every window label.
package struct TimeSplit: Sendable, Equatable {
    package var train: TimeWindow
    package var validation: TimeWindow
    package var test: TimeWindow
    /// True when the data held fewer than three years and the split is by month.
    var isMonthFallback: Bool

    /// The window labels as stored with the metrics.
    package var labels: (train: String, validation: String, test: String) {
        let note = isMonthFallback ? " (fewer than 3 years loaded: split by month)" : ""
        return (train.label + note, validation.label + note, test.label + note)
    }

    /// Chooses the split for the rows' time stamps.
    /// - Throws: ``PredictError/failedPrecondition(_:)`` with fewer than three months of data.
    static func choose(localSeconds: [Int64]) throws(PredictError) -> TimeSplit {
        var perMonth: [Int: Int] = [:]
        for seconds in localSeconds {
            let time = LocalDateTime(localSeconds: seconds)
            perMonth[time.year * 12 + time.month - 1, default: 0] += 1
        }
        var perYear: [Int: Int] = [:]
        for (month, count) in perMonth { perYear[month / 12, default: 0] += count }
        let years = perYear.filter { $0.value * 100 >= localSeconds.count }.keys.sorted()
        if years.count >= 3, let last = years.last {
            let first = max(years[0], last - 5)
            return TimeSplit(train: window(years: first, last - 2), validation: window(years: last - 1, last - 1),
                             test: window(years: last, last), isMonthFallback: false)
        }
        let months = perMonth.filter { $0.value * 200 >= localSeconds.count }.keys.sorted()
        guard months.count >= 3 else {
            throw .failedPrecondition("training needs at least three months of incidents; the city has \(localSeconds.count) rows in \(months.count) month(s)")
        }
        let share = max(1, months.count / 6)
        let testStart = months[months.count - share], validationStart = months[months.count - 2 * share]
        let end = (months.last ?? testStart) + 1
        return TimeSplit(train: window(months: months[0], validationStart), validation: window(months: validationStart, testStart),
                         test: window(months: testStart, end), isMonthFallback: true)
    }

    private static func window(years first: Int, _ last: Int) -> TimeWindow {
        TimeWindow(start: LocalDateTime.localSeconds(year: first, month: 1, day: 1), end: LocalDateTime.localSeconds(year: last + 1, month: 1, day: 1))
    }

    private static func window(months start: Int, _ end: Int) -> TimeWindow {
        TimeWindow(start: LocalDateTime.localSeconds(year: start / 12, month: start % 12 + 1, day: 1),
                   end: LocalDateTime.localSeconds(year: end / 12, month: end % 12 + 1, day: 1))
    }

    /// The row indices of each window; rows outside all three are left out.
    func partition(localSeconds: [Int64]) -> (train: [Int], validation: [Int], test: [Int]) {
        var result: (train: [Int], validation: [Int], test: [Int]) = ([], [], [])
        for (index, seconds) in localSeconds.enumerated() {
            if train.contains(seconds) { result.train.append(index) }
            else if validation.contains(seconds) { result.validation.append(index) }
            else if test.contains(seconds) { result.test.append(index) }
        }
        return result
    }
}

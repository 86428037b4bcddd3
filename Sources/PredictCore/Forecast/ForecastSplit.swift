/// Which target weeks train, validate and test the forecast: by time, never at random.
///
/// With at least three calendar years of target weeks (a year counts when it holds 26 or more of
/// them), the last year is the test year, the one before it validates, and all earlier weeks train
/// (the shared Chicago 2010–2017 data: train through 2015, validate 2016, test 2017). With fewer
/// (the bundled demo holds Chicago 2017 alone), the weeks are cut in time order: the first 60 %
/// train, the next 20 % validate, the last 20 % test, and ``description`` says so.
/// A week belongs to the year of its Monday.
struct ForecastSplit: Sendable, Equatable {
    /// Target week index ranges in the panel.
    let train: Range<Int>
    let validation: Range<Int>
    let test: Range<Int>
    /// Whether the calendar-year split was possible.
    let byYear: Bool

    /// The split of a panel's target weeks `firstTarget ..< weekCount`.
    init(panel: WeeklyPanel, firstTarget: Int) {
        let targets = firstTarget..<max(firstTarget, panel.weekCount)
        var weeksByYear: [Int64: Int] = [:]
        for index in targets { weeksByYear[panel.week(at: index).date.year, default: 0] += 1 }
        let fullYears = weeksByYear.filter { $0.value >= 26 }.keys.sorted()
        if fullYears.count >= 3, let testYear = fullYears.last {
            let validationYear = fullYears[fullYears.count - 2]
            let firstOf = { (year: Int64) in targets.first { panel.week(at: $0).date.year >= year } ?? targets.upperBound }
            let validationStart = firstOf(validationYear), testStart = firstOf(testYear)
            let testEnd = targets.first { panel.week(at: $0).date.year > testYear } ?? targets.upperBound
            train = targets.lowerBound..<validationStart
            validation = validationStart..<testStart
            test = testStart..<testEnd
            byYear = true
        } else {
            let count = targets.count
            let held = max(1, count / 5)
            let testStart = max(targets.lowerBound, targets.upperBound - held)
            let validationStart = max(targets.lowerBound, testStart - held)
            train = targets.lowerBound..<validationStart
            validation = validationStart..<testStart
            test = testStart..<targets.upperBound
            byYear = false
        }
    }

    /// "YYYY-MM-DD – YYYY-MM-DD" (Monday of the first week, Sunday of the last) of a range of target weeks.
    static func window(_ range: Range<Int>, in panel: WeeklyPanel) -> String {
        guard let first = range.first, let last = range.last else { return "none" }
        return "\(panel.week(at: first)) – \(panel.week(at: last).sundayDescription)"
    }

    /// The three windows, labelled with how they were chosen.
    func windows(in panel: WeeklyPanel) -> (train: String, validation: String, test: String) {
        let how = byYear ? "target weeks, by calendar year" : "target weeks, time-ordered 60/20/20 split of the one span loaded"
        return ("\(Self.window(train, in: panel)) (\(train.count) \(how))",
                "\(Self.window(validation, in: panel)) (\(validation.count) \(how))",
                "\(Self.window(test, in: panel)) (\(test.count) \(how))")
    }
}

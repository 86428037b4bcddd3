import Wire

/// Which week a Forecast request asks for and from which origin, checked against the data.
struct ForecastTarget: Sendable, Equatable {
    /// Target week index in the panel (it may lie past its end).
    let target: Int
    /// Weeks from the origin (the last week used) to the target, 1–4.
    let weeksAhead: Int

    /// - Parameters:
    ///   - requested: the week asked for; nil means `weeksAhead` (default 1) after the data.
    ///   - weeksAhead: 0 = default.
    /// - Throws: INVALID_ARGUMENT when the origin would lie past the data or before four weeks of it.
    init(requested: ForecastWeek?, weeksAhead: Int, panel: WeeklyPanel) throws(RPCError) {
        let last = panel.weekCount - 1
        guard let requested else {
            self.weeksAhead = max(1, weeksAhead)
            target = last + self.weeksAhead
            return
        }
        let target = requested.weeks(since: panel.firstWeek)
        let past = target - last
        let horizon = weeksAhead > 0 ? weeksAhead : (1...ForecastModel.maxWeeksAhead).contains(past) ? past : 1
        let origin = target - horizon
        guard origin <= last else {
            throw RPCError(.invalidArgument, "week_start \(requested) is \(past) week(s) after the data's last whole week "
                           + "(\(panel.lastWeek)); forecasting \(horizon) week(s) ahead reaches at most \(panel.lastWeek.adding(weeks: horizon))")
        }
        guard origin >= ForecastFeatures.minimumHistory - 1 else {
            throw RPCError(.invalidArgument, "week_start \(requested) needs \(ForecastFeatures.minimumHistory) weeks of data before it "
                           + "(\(horizon) week(s) ahead); the data starts \(panel.firstWeek)")
        }
        self.target = target
        self.weeksAhead = horizon
    }
}

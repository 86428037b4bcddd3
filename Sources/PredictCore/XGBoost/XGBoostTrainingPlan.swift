/// How to train one model: objective, parameters, the number of rounds and early stopping.
struct XGBoostTrainingPlan: Sendable {
    /// The learning objective.
    var objective: XGBoostObjective
    /// Further booster parameters, e.g. `("max_depth", "8")`, `("eta", "0.1")`, `("nthread", "2")`.
    var parameters: [(String, String)]
    /// The most rounds to boost.
    var maxRounds: Int
    /// Stop when the validation metric has not improved for this many rounds (needs validation data).
    var earlyStoppingRounds: Int
    /// The metric early stopping watches (lower is better); the objective's default when nil.
    var metric: String?

    init(objective: XGBoostObjective, parameters: [(String, String)] = [], maxRounds: Int = 200,
                earlyStoppingRounds: Int = 20, metric: String? = nil) {
        self.objective = objective
        self.parameters = parameters
        self.maxRounds = maxRounds
        self.earlyStoppingRounds = earlyStoppingRounds
        self.metric = metric
    }

    /// The watched metric's name.
    var watchedMetric: String { metric ?? objective.defaultMetric }
}

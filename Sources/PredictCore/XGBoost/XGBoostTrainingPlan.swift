/// How to train one model: objective, parameters, the number of rounds and early stopping.
public struct XGBoostTrainingPlan: Sendable {
    /// The learning objective.
    public var objective: XGBoostObjective
    /// Further booster parameters, e.g. `("max_depth", "8")`, `("eta", "0.1")`, `("nthread", "2")`.
    public var parameters: [(String, String)]
    /// The most rounds to boost.
    public var maxRounds: Int
    /// Stop when the validation metric has not improved for this many rounds (needs validation data).
    public var earlyStoppingRounds: Int
    /// The metric early stopping watches (lower is better); the objective's default when nil.
    public var metric: String?

    public init(objective: XGBoostObjective, parameters: [(String, String)] = [], maxRounds: Int = 200,
                earlyStoppingRounds: Int = 20, metric: String? = nil) {
        self.objective = objective
        self.parameters = parameters
        self.maxRounds = maxRounds
        self.earlyStoppingRounds = earlyStoppingRounds
        self.metric = metric
    }

    /// The watched metric's name.
    public var watchedMetric: String { metric ?? objective.defaultMetric }
}

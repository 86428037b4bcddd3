/// The result of ``XGBoostTrainer/train(_:train:validation:progress:)``.
public struct XGBoostTrainedModel: Sendable {
    /// The booster cut to its best round (all rounds without validation data).
    public var booster: XGBoostBooster
    /// How many rounds the booster holds.
    public var rounds: Int
    /// The best validation score of the watched metric, when there was validation data.
    public var bestValidationScore: Double?
}

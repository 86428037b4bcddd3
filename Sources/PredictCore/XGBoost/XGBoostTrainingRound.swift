/// One finished boosting round, as reported to a training's progress callback.
public struct XGBoostTrainingRound: Sendable {
    /// Zero-based round number.
    public var round: Int
    /// The plan's maximum number of rounds.
    public var maxRounds: Int
    /// The watched metric on the validation data after this round, when there is validation data.
    public var validationScore: Double?
}

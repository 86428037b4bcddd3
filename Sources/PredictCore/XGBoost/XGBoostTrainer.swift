/// Boosts round by round with early stopping on validation data, as xgboost.train does.
enum XGBoostTrainer {
    /// Trains on `train`, watching `plan.watchedMetric` on `validation` (lower is better) and
    /// keeping the best round; calls `progress` after each round (throw from it to cancel).
    static func train(
        _ plan: XGBoostTrainingPlan,
        train: XGBoostMatrix,
        validation: XGBoostMatrix?,
        progress: (XGBoostTrainingRound) throws -> Void = { _ in }
    ) throws -> XGBoostTrainedModel {
        guard plan.maxRounds > 0 else { throw XGBoostError(call: "train", message: "maxRounds must be positive") }
        let cache = [train] + (validation.map { [$0] } ?? [])
        let booster = try XGBoostBooster(cache: cache, objective: plan.objective,
                                         parameters: plan.parameters + [("eval_metric", plan.watchedMetric)])
        var best: (score: Double, rounds: Int)?
        for round in 0..<plan.maxRounds {
            try booster.updateOneIteration(round, train: train)
            var score: Double?
            if let validation {
                let scores = try booster.evaluate(round, on: [(name: "validation", matrix: validation)])
                guard let value = scores["validation-\(plan.watchedMetric)"] else {
                    throw XGBoostError(call: "XGBoosterEvalOneIter", message: "no validation-\(plan.watchedMetric) in \(scores.keys.sorted())")
                }
                score = value
                if best == nil || value < best?.score ?? .infinity { best = (value, round + 1) }
            }
            try progress(XGBoostTrainingRound(round: round, maxRounds: plan.maxRounds, validationScore: score))
            if let best, round + 1 - best.rounds >= plan.earlyStoppingRounds { break }
        }
        guard let best else {
            return XGBoostTrainedModel(booster: booster, rounds: try booster.boostedRounds(), bestValidationScore: nil)
        }
        let total = try booster.boostedRounds()
        let kept = total == best.rounds ? booster : try booster.sliced(rounds: best.rounds)
        return XGBoostTrainedModel(booster: kept, rounds: best.rounds, bestValidationScore: best.score)
    }
}

/// The result of ``XGBoostTrainer/train(_:train:validation:progress:)``.
struct XGBoostTrainedModel: Sendable {
    /// The booster cut to its best round (all rounds without validation data).
    var booster: XGBoostBooster
    /// How many rounds the booster holds.
    var rounds: Int
    /// The best validation score of the watched metric, when there was validation data.
    var bestValidationScore: Double?
}

/// One finished boosting round, as reported to a training's progress callback.
struct XGBoostTrainingRound: Sendable {
    /// Zero-based round number.
    var round: Int
    /// The plan's maximum number of rounds.
    var maxRounds: Int
    /// The watched metric on the validation data after this round, when there is validation data.
    var validationScore: Double?
}

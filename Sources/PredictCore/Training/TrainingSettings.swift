/// Booster settings for the four models; the defaults are what `predict train` uses.
public struct TrainingSettings: Sendable {
    /// OpenMP threads for training.
    public var threads: Int
    /// Binary models: depth, learning rate, most rounds, early-stopping patience.
    public var binaryDepth = 8
    public var binaryEta = 0.2
    public var binaryMaxRounds = 250
    /// Crime-type model (one tree per class per round, so smaller and faster).
    public var typeDepth = 6
    public var typeEta = 0.3
    public var typeMaxRounds = 80
    /// The crime-type model trains on at most this many training rows (an evenly spaced sample).
    public var typeMaxTrainingRows = 250_000
    public var earlyStoppingRounds = 15
    /// A primary type with less than this share of training rows joins the "other types" class.
    public var rareTypeShare = 0.001

    public init(threads: Int = 2) {
        self.threads = threads
    }

    func plan(for kind: ClassifierShape) -> XGBoostTrainingPlan {
        var parameters: [(String, String)] = [("tree_method", "hist"), ("nthread", String(threads)), ("max_bin", "128")]
        switch kind {
        case .binary:
            parameters += [("max_depth", String(binaryDepth)), ("eta", String(binaryEta)), ("min_child_weight", "5")]
            return XGBoostTrainingPlan(objective: .binaryLogistic, parameters: parameters, maxRounds: binaryMaxRounds,
                                       earlyStoppingRounds: earlyStoppingRounds)
        case .multiclass(let classes):
            parameters += [("max_depth", String(typeDepth)), ("eta", String(typeEta)), ("min_child_weight", "5")]
            return XGBoostTrainingPlan(objective: .multiSoftprob(classes: classes), parameters: parameters,
                                       maxRounds: typeMaxRounds, earlyStoppingRounds: earlyStoppingRounds)
        }
    }
}

/// Binary, or softprob over a number of classes.
enum ClassifierShape {
    case binary
    case multiclass(Int)
}

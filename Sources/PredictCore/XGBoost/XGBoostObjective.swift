/// The learning objectives the wrapper supports, with the parameters each needs.
package enum XGBoostObjective: Sendable, Hashable {
    /// Binary classification; predictions are probabilities, margins log-odds.
    case binaryLogistic
    /// Multi-class classification over `classes` labels `0..<classes`; predictions are one
    /// probability per class, margins one log-score per class.
    case multiSoftprob(classes: Int)
    /// Counts; predictions are expected counts, margins their logarithm.
    case countPoisson

    /// The `objective` (and, for softprob, `num_class`) parameters.
    package var parameters: [(String, String)] {
        switch self {
        case .binaryLogistic: [("objective", "binary:logistic")]
        case .multiSoftprob(let classes): [("objective", "multi:softprob"), ("num_class", String(classes))]
        case .countPoisson: [("objective", "count:poisson")]
        }
    }

    /// How many outputs a prediction has per row (classes for softprob, else one).
    var outputsPerRow: Int {
        if case .multiSoftprob(let classes) = self { return classes }
        return 1
    }

    /// The evaluation metric used for early stopping by default.
    var defaultMetric: String {
        switch self {
        case .binaryLogistic: "logloss"
        case .multiSoftprob: "mlogloss"
        case .countPoisson: "poisson-nloglik"
        }
    }
}

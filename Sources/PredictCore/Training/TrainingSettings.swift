import Contracts

/// Booster settings for the four models; the defaults are what `predict train` uses.
///
/// Depths are chosen for serving: exact TreeSHAP costs O(leaves × depth²) per tree for one row,
/// so deeper trees buy little ROC-AUC for much slower explained predictions; depth 5 and 4 keep all
/// four explanations fast (the figures: docs/BENCHMARKS.md, Predict).
package struct TrainingSettings: Sendable {
    /// OpenMP threads for training. One by default: on a busy 2-core machine more OpenMP threads
    /// made training slower, as descheduled threads stall every barrier (docs/BENCHMARKS.md, Training).
    package var threads: Int
    /// Binary models: depth, learning rate, most rounds, early-stopping patience.
    package var binaryDepth = 5
    package var binaryEta = 0.25
    package var binaryMaxRounds = 250
    /// Crime-type model (one tree per class per round, so smaller and faster).
    var typeDepth = 4
    var typeEta = 0.3
    var typeMaxRounds = 80
    /// The crime-type model trains on at most this many training rows (an evenly spaced sample).
    var typeMaxTrainingRows = 250_000
    var earlyStoppingRounds = 15
    /// Features the yes/no models split as categories (XGBoost partition splits) rather than as
    /// ordered codes; empty: every column ordered.
    package var categoricalFeatures: Set<String> = []
    /// Histogram bins per numeric feature (latitude and longitude are the ones it matters for).
    package var maxBin = 128
    /// A primary type with less than this share of training rows joins the "other types" class.
    var rareTypeShare = 0.001
    /// The share of training rows whose location, and (independently) whose crime type, read as
    /// not given, so the models learn what a missing input means (see ``MissingInputMask``).
    /// 0 trains models that are not served.
    package var maskedInputShare = 0.15
    /// The seed of that mask.
    var maskSeed: UInt64 = 20_170_101

    package init(threads: Int = 1) {
        self.threads = threads
    }

    /// The property model's own booster settings, each nil = the binary models' setting. Deeper
    /// trees with finer bins and per-tree sampling reach the seed recipe's ROC-AUC but make Predict
    /// several times slower (exact TreeSHAP), so serving keeps the shared settings unless
    /// `predict train --property-depth …` asks (docs/BENCHMARKS.md, Property-share features).
    package var propertyDepth: Int?
    package var propertyEta: Double?
    package var propertyMaxRounds: Int?
    package var propertyMaxBin: Int?
    /// Row and column (per tree) sampling, least hessian weight in a leaf, L2 penalty on leaf
    /// weights and early-stopping patience of the property model; nil = XGBoost's defaults (1, 1,
    /// the binaries' 5, 1) and the shared patience.
    package var propertySubsample: Double?
    package var propertyColsampleByTree: Double?
    package var propertyMinChildWeight: Double?
    package var propertyLambda: Double?
    package var propertyEarlyStoppingRounds: Int?
    /// The keys by which the property model adds the training window's property share as columns
    /// (``LabelShares``); empty: none. Why these six: docs/BENCHMARKS.md, Property-share features.
    package var propertyShareKeys: [ShareKey] = ShareKey.defaultKeys

    func plan(for kind: ClassifierShape, model: ModelKind? = nil) -> XGBoostTrainingPlan {
        let property = model == .property
        let bins = property ? propertyMaxBin ?? maxBin : maxBin
        var parameters: [(String, String)] = [("tree_method", "hist"), ("nthread", String(threads)), ("max_bin", String(bins))]
        switch kind {
        case .binary:
            let depth = property ? propertyDepth ?? binaryDepth : binaryDepth
            let eta = property ? propertyEta ?? binaryEta : binaryEta
            let minChildWeight = property ? propertyMinChildWeight.map { String($0) } ?? "5" : "5"
            parameters += [("max_depth", String(depth)), ("eta", String(eta)), ("min_child_weight", minChildWeight)]
            if property {
                let sampling = [("subsample", propertySubsample), ("colsample_bytree", propertyColsampleByTree), ("lambda", propertyLambda)]
                parameters += sampling.compactMap { name, value in value.map { (name, String($0)) } }
                // Row sampling draws from XGBoost's own generator: a fixed seed keeps a setting reproducible.
                if propertySubsample != nil { parameters.append(("seed", "20170101")) }
            }
            return XGBoostTrainingPlan(objective: .binaryLogistic, parameters: parameters,
                                       maxRounds: property ? propertyMaxRounds ?? binaryMaxRounds : binaryMaxRounds,
                                       earlyStoppingRounds: property ? propertyEarlyStoppingRounds ?? earlyStoppingRounds : earlyStoppingRounds)
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

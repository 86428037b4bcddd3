import ArgumentParser
import CivilTime
import Contracts
import PredictCore
import ServiceKit

/// What `predict train` and `predict evaluate` share: the city, where ingest is, which rows and threads.
struct TrainingOptions: ParsableArguments {
    @Option(help: "City slug whose incidents to learn from, e.g. chicago.")
    var city: String

    @Option(name: .customLong("since-year"), help: "Fetch only incidents from this year on (default: all the city's rows).")
    var sinceYear: Int?

    @Option(help: "Models to train: arrest, domestic, property, crime-type (repeatable; default all four).")
    var kind: [String] = []

    @Option(help: "Training threads (default 1: OpenMP barriers stall on a busy 2-core machine).")
    var threads = 1

    @Option(name: .customLong("property-depth"), help: "Tree depth of the property model alone (default: the yes/no models'; 8 with --property-eta 0.08 --property-max-rounds 1500 --property-max-bin 512 --property-subsample 0.8 --property-colsample-bytree 0.5 reaches the seed explorer's ROC-AUC, at several times the Predict cost: docs/BENCHMARKS.md).")
    var propertyDepth: Int?

    @Option(name: .customLong("property-eta"), help: "Learning rate of the property model alone.")
    var propertyEta: Double?

    @Option(name: .customLong("property-max-rounds"), help: "Most boosting rounds of the property model alone.")
    var propertyMaxRounds: Int?

    @Option(name: .customLong("property-max-bin"), help: "Histogram bins per numeric feature of the property model alone.")
    var propertyMaxBin: Int?

    @Option(name: .customLong("property-subsample"), help: "Share of rows each tree of the property model samples, in (0, 1] (default 1).")
    var propertySubsample: Double?

    @Option(name: .customLong("property-colsample-bytree"), help: "Share of columns each tree of the property model samples, in (0, 1] (default 1).")
    var propertyColsampleByTree: Double?

    @Option(name: .customLong("property-min-child-weight"), help: "Least hessian weight in a leaf of the property model (default 5).")
    var propertyMinChildWeight: Double?

    @Option(name: .customLong("property-lambda"), help: "L2 penalty on the property model's leaf weights (default 1).")
    var propertyLambda: Double?

    @Option(name: .customLong("property-early-stopping"), help: "Rounds without a better validation log loss before the property model stops (default 15).")
    var propertyEarlyStopping: Int?

    @Option(name: .customLong("property-share-key"), help: "A key of the property model's property-share columns (repeatable: \(ShareKey.allCases.map(\.rawValue).joined(separator: ", ")); 'none' for none; default the first six).")
    var propertyShareKeys: [String] = []

    @OptionGroup var ingest: IngestEndpointOptions

    /// The training settings with the threads and the property model's options.
    func settings() -> TrainingSettings {
        var settings = TrainingSettings(threads: threads)
        settings.propertyDepth = propertyDepth
        settings.propertyEta = propertyEta
        settings.propertyMaxRounds = propertyMaxRounds
        settings.propertyMaxBin = propertyMaxBin
        settings.propertySubsample = propertySubsample
        settings.propertyColsampleByTree = propertyColsampleByTree
        settings.propertyMinChildWeight = propertyMinChildWeight
        settings.propertyLambda = propertyLambda
        settings.propertyEarlyStoppingRounds = propertyEarlyStopping
        if !propertyShareKeys.isEmpty { settings.propertyShareKeys = propertyShareKeys.compactMap(ShareKey.init(rawValue:)) }
        return settings
    }

    /// The fetch window, or nil for every row.
    var window: TimeWindow? {
        sinceYear.map { TimeWindow(start: LocalDateTime.localSeconds(year: $0, month: 1, day: 1), end: LocalDateTime.localSeconds(year: 2100, month: 1, day: 1)) }
    }

    /// The kinds asked for, all four by default.
    func kinds() throws -> [ModelKind] {
        guard !kind.isEmpty else { return ModelKind.incidentModels }
        return try kind.map { slug in
            guard let kind = ModelKind(slug: slug), ModelKind.incidentModels.contains(kind) else {
                throw ValidationError("unknown model '\(slug)': expected arrest, domestic, property or crime-type")
            }
            return kind
        }
    }

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        if let propertyDepth, !(1...16).contains(propertyDepth) { throw ValidationError("--property-depth must be 1…16") }
        if let propertyEta, !(propertyEta > 0 && propertyEta <= 1) { throw ValidationError("--property-eta must be in (0, 1]") }
        if let propertyMaxRounds, propertyMaxRounds < 1 { throw ValidationError("--property-max-rounds must be at least 1") }
        if let propertyMaxBin, propertyMaxBin < 2 { throw ValidationError("--property-max-bin must be at least 2") }
        for (name, share) in [("subsample", propertySubsample), ("colsample-bytree", propertyColsampleByTree)] {
            if let share, !(share > 0 && share <= 1) { throw ValidationError("--property-\(name) must be in (0, 1]") }
        }
        if let propertyMinChildWeight, !(propertyMinChildWeight >= 0) { throw ValidationError("--property-min-child-weight must be at least 0") }
        if let propertyLambda, !(propertyLambda >= 0) { throw ValidationError("--property-lambda must be at least 0") }
        if let propertyEarlyStopping, propertyEarlyStopping < 1 { throw ValidationError("--property-early-stopping must be at least 1") }
        for key in propertyShareKeys where key != "none" && ShareKey(rawValue: key) == nil {
            throw ValidationError("unknown --property-share-key '\(key)': expected none or one of \(ShareKey.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if let sinceYear, !(1900...2099).contains(sinceYear) { throw ValidationError("--since-year must be 1900…2099") }
    }
}

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

    @Option(name: .customLong("property-depth"), help: "Tree depth of the property model alone (default: the yes/no models'; 8 with --property-eta 0.08 reaches ROC-AUC 0.7637 against 0.7620, but Predict is ~2.4x slower).")
    var propertyDepth: Int?

    @Option(name: .customLong("property-eta"), help: "Learning rate of the property model alone.")
    var propertyEta: Double?

    @Option(name: .customLong("property-max-rounds"), help: "Most boosting rounds of the property model alone.")
    var propertyMaxRounds: Int?

    @Option(name: .customLong("property-max-bin"), help: "Histogram bins per numeric feature of the property model alone.")
    var propertyMaxBin: Int?

    @OptionGroup var ingest: IngestEndpointOptions

    /// The training settings with the threads and the property model's options.
    func settings() -> TrainingSettings {
        var settings = TrainingSettings(threads: threads)
        settings.propertyDepth = propertyDepth
        settings.propertyEta = propertyEta
        settings.propertyMaxRounds = propertyMaxRounds
        settings.propertyMaxBin = propertyMaxBin
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
        if let sinceYear, !(1900...2099).contains(sinceYear) { throw ValidationError("--since-year must be 1900…2099") }
    }
}

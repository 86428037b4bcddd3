import ArgumentParser
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

    @OptionGroup var ingest: IngestEndpointOptions

    /// The fetch window, or nil for every row.
    var window: TimeWindow? {
        sinceYear.map { TimeWindow(start: LocalTime.seconds(year: $0, month: 1, day: 1), end: LocalTime.seconds(year: 2100, month: 1, day: 1)) }
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
        if let sinceYear, !(1900...2099).contains(sinceYear) { throw ValidationError("--since-year must be 1900…2099") }
    }
}

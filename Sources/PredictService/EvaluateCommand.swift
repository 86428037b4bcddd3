import ArgumentParser
import Foundation
import PredictCore
import ServiceKit
import Wire

/// `predict evaluate`: train on the time split and report the test window's metrics, saving nothing.
struct EvaluateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Train the per-incident models on the time split and print their test metrics (nothing is saved).",
        discussion: "Rows come by RPC from the ingest service. Exits 1 on failure.")

    @OptionGroup var training: TrainingOptions

    @Option(name: .customLong("binary-max-rounds"), help: "Most boosting rounds of the yes/no models (default: the trained models' setting).")
    var binaryMaxRounds: Int?

    @Option(name: .customLong("binary-depth"), help: "Tree depth of the yes/no models (default: the trained models' setting).")
    var binaryDepth: Int?

    @Option(name: .customLong("binary-eta"), help: "Learning rate of the yes/no models (default: the trained models' setting).")
    var binaryEta: Double?

    @Option(name: .customLong("masked-input-share"), help: "Share of training rows read without location / type (default: the trained models' setting).")
    var maskedInputShare: Double?

    @Option(name: .customLong("max-bin"), help: "Histogram bins per numeric feature (default: the trained models' setting).")
    var maxBin: Int?

    @Option(name: .customLong("categorical"), help: "A feature the yes/no models split as categories (repeatable), e.g. location_description.")
    var categorical: [String] = []

    @Option(name: .customLong("share-key"), help: "A key of the property model's property-share columns (repeatable, as --property-share-key; 'none' for none; default: the trained models' keys).")
    var shareKeys: [String] = []

    /// The settings `predict train` uses, with any of the options above in their place.
    func settings() -> TrainingSettings {
        var settings = training.settings()
        if let binaryMaxRounds { settings.binaryMaxRounds = binaryMaxRounds }
        if let binaryDepth { settings.binaryDepth = binaryDepth }
        if let binaryEta { settings.binaryEta = binaryEta }
        if let maskedInputShare { settings.maskedInputShare = maskedInputShare }
        if let maxBin { settings.maxBin = maxBin }
        if !categorical.isEmpty { settings.categoricalFeatures = Set(categorical) }
        if !shareKeys.isEmpty { settings.propertyShareKeys = shareKeys.compactMap(ShareKey.init(rawValue:)) }
        return settings
    }

    func validate() throws {
        for key in shareKeys where key != "none" && ShareKey(rawValue: key) == nil {
            throw ValidationError("unknown --share-key '\(key)': expected none or one of \(ShareKey.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() async throws {
        let endpoint = try training.ingest.resolve(environment: ProcessEnvironment.current)
        let client = RPCClient(endpoint: endpoint)
        let line = ProgressLine()
        let started = ContinuousClock.now
        let city = training.city, kinds = try training.kinds(), settings = settings()
        do {
            let table = try await IngestTrainingRows(client: client).fetch(city: city, window: training.window) { count in
                line.update("\(city) fetching rows: \(count)")
            }
            let run = try await Task.detached {
                try IncidentModelTrainer(settings: settings).train(city: city, table: table, kinds: kinds) { phase, fraction in
                    line.update("\(city) \(ProgressLine.bar(fraction)) \(Int(fraction * 100)) % \(phase)")
                }
            }.value
            let elapsed = ContinuousClock.now - started
            line.finish("\(city): evaluated \(run.models.count) models on \(table.count) rows")
            for text in ModelReport.lines(run, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) {
                print(text)
            }
        } catch {
            line.finish("\(city): evaluation FAILED: \(error)")
            await client.close()
            throw ExitCode(1)
        }
        await client.close()
    }
}

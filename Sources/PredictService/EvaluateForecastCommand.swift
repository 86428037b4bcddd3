import ArgumentParser
import Foundation
import PredictCore
import ServiceKit
import Wire

/// `predict evaluate-forecast`: train the weekly beat forecast on its time split and print the
/// test scores against the chosen baseline, saving nothing; options drop features or training
/// weeks, so each change to the model is measured before it is kept.
struct EvaluateForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-forecast",
        abstract: "Train the weekly beat forecast on the time split and print its test scores against the baseline (nothing is saved).",
        discussion: "Series come by RPC from the heatmap service. Exits 1 on failure.")

    @OptionGroup var heatmap: HeatmapEndpointOptions

    @Option(help: "City slug, e.g. chicago.")
    var city: String

    @Option(help: "Training threads.")
    var threads = 1

    @Option(name: .customLong("train-from-year"), help: "Leave out training target weeks before this year (default: every week loaded).")
    var trainFromYear: Int?

    @Option(name: .customLong("drop-feature"), help: "A feature read as missing everywhere (repeatable), e.g. neighbours_lag_1.")
    var dropFeature: [String] = []

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
        for name in dropFeature where !ForecastFeatures.names.contains(name) {
            throw ValidationError("unknown feature '\(name)': expected one of \(ForecastFeatures.names.joined(separator: ", "))")
        }
    }

    func run() async throws {
        let endpoint = try heatmap.resolve(environment: ProcessEnvironment.current)
        let client = RPCClient(endpoint: endpoint)
        var settings = ForecastTrainer.Settings()
        settings.threads = threads
        settings.trainFromYear = trainFromYear.map(Int64.init)
        settings.excludedFeatures = Set(dropFeature)
        let line = ProgressLine()
        let started = ContinuousClock.now
        let city = self.city, chosen = settings
        do {
            let snapshot = try await ForecastSource(heatmap: client).snapshot(city: city)
            let outcome = try await Task.detached {
                try ForecastTrainer.train(city: city, version: "evaluation", snapshot: snapshot, settings: chosen) { phase, fraction in
                    line.update("\(city) \(ProgressLine.bar(fraction)) \(Int(fraction * 100)) % \(phase)")
                }
            }.value
            let elapsed = ContinuousClock.now - started
            line.finish("\(city): forecast evaluated" + (dropFeature.isEmpty ? "" : " without \(dropFeature.joined(separator: ", "))"))
            for text in ForecastReport.lines(outcome.model.metrics) { print(text) }
            print(String(format: "evaluated in %.1f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        } catch {
            line.finish("\(city): forecast evaluation FAILED: \(error)")
            await client.close()
            throw ExitCode(1)
        }
        await client.close()
    }
}

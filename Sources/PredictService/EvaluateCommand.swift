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

    func run() async throws {
        let endpoint = try training.ingest.resolve(environment: ProcessEnvironment.current)
        let client = RPCClient(endpoint: endpoint)
        let line = ProgressLine()
        let started = ContinuousClock.now
        let city = training.city, kinds = try training.kinds(), threads = training.threads
        do {
            let table = try await IngestTrainingRows(client: client).fetch(city: city, window: training.window) { count in
                line.update("\(city) fetching rows: \(count)")
            }
            let run = try await Task.detached {
                try IncidentModelTrainer(settings: TrainingSettings(threads: threads)).train(city: city, table: table, kinds: kinds) { phase, fraction in
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

import BackendKit
import ArgumentParser
import Foundation
import Logging
import Postgres
import PredictCore
import ServiceKit
import Wire

/// `predict train-forecast`: fetch a city's weekly series and shapes from a running heatmap
/// service, train and evaluate the weekly beat forecast, save it as current and cache its next four
/// weeks. A running predict service picks it up on restart (or train through its Train RPC with
/// MODEL_KIND_BEAT_FORECAST to swap it in at once).
struct TrainForecastCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train-forecast",
        abstract: "Train the weekly beat forecast of a city and make it current.",
        discussion: "Series come by RPC from the heatmap service; the model goes straight to the database (migrations applied first). Exits 1 on failure.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var heatmap: HeatmapEndpointOptions

    @Option(help: "City slug, e.g. chicago.")
    var city: String

    @Option(help: "Training threads (default 1: the data is small, and OpenMP on a busy 2-core machine was 8x slower with 2).")
    var threads = 1

    func validate() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be at least 1") }
    }

    func run() async throws {
        let endpoint = try heatmap.resolve(environment: ProcessEnvironment.current)
        let pool = try await database.migratedPool()
        var logger = Logger(label: "crimescope.predict.train-forecast")
        logger.logLevel = .warning
        let client = RPCClient(endpoint: endpoint)
        let service = ForecastService(source: ForecastSource(heatmap: client), store: ForecastStore(pool: pool), logger: logger)
        var settings = ForecastTrainer.Settings()
        settings.threads = threads
        let line = ProgressLine()
        let started = ContinuousClock.now
        let city = self.city
        do {
            let model = try await service.train(city: city, settings: settings) { phase, fraction in
                line.update("\(city) \(ProgressLine.bar(fraction)) \(Int(fraction * 100)) % \(phase)")
            }
            let elapsed = ContinuousClock.now - started
            line.finish("\(city): trained \(model.version)")
            for text in ForecastReport.lines(model.metrics) { print(text) }
            print(String(format: "trained in %.1f s", Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
        } catch {
            line.finish("\(city): forecast training FAILED: \(error)")
            await client.close()
            await pool.shutdown()
            throw ExitCode(1)
        }
        await client.close()
        await pool.shutdown()
    }
}

import BackendKit
import ArgumentParser
import Foundation
import Logging
import Postgres
import PredictCore
import ServiceKit
import Synchronization
import Wire

/// `predict train`: fetch a city's rows from a running ingest service, train the four models,
/// save them as current in the predict schema, holding the city's training lease as a replica's
/// Train does. A running predict service picks them up within its reload interval (its
/// ModelReloader), or train through its Train RPC to swap them in at once.
struct TrainCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the per-incident models of a city and make them current.",
        discussion: "Rows come by RPC from the ingest service; models go straight to the database (migrations applied first). Exits 1 on failure.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var training: TrainingOptions

    func run() async throws {
        let environment = ProcessEnvironment.current
        let endpoint = try training.ingest.resolve(environment: environment)
        let pool = try await database.migratedPool()
        var logger = Logger(label: "crimescope.predict.train")
        logger.logLevel = .warning
        let client = RPCClient(endpoint: endpoint)
        let pipeline = TrainingPipeline(source: IngestTrainingRows(client: client), store: PredictStore(pool: pool), registry: nil,
                                        settings: training.settings(), logger: logger)
        let line = ProgressLine()
        let started = ContinuousClock.now
        let city = training.city
        let kinds = try training.kinds(), window = training.window
        do {
            // The city's training lease, as a replica's Train takes it: no job runs beside this one.
            let leases = TrainingLeaseStore(pool: pool)
            let lease = try await leases.acquire(city: city)
            let box = Mutex<IncidentTrainingRun?>(nil)
            try await TrainingJobs.holding(lease, in: leases) {
                let run = try await pipeline.run(city: city, kinds: kinds, window: window) { phase, fraction in
                    line.update("\(city) \(ProgressLine.bar(fraction)) \(Int(fraction * 100)) % \(phase)")
                }
                box.withLock { $0 = run }
            }
            guard let run = box.withLock({ $0 }) else { throw ExitCode(1) }
            let elapsed = ContinuousClock.now - started
            line.finish("\(city): trained \(run.models.count) models")
            for text in ModelReport.lines(run, seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18) {
                print(text)
            }
        } catch {
            line.finish("\(city): training FAILED: \(error)")
            await client.close()
            await pool.shutdown()
            throw ExitCode(1)
        }
        await client.close()
        await pool.shutdown()
    }
}

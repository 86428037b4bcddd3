import Contracts
import Logging
import ServiceKit

/// Fetch rows from ingest, train on a background thread, save as current, and install for
/// serving: what the Train RPC and `predict train` both run.
package struct TrainingPipeline: Sendable {
    package var source: IngestTrainingRows
    package var store: PredictStore
    package var registry: ModelRegistry?
    package var settings: TrainingSettings
    package var logger: Logger

    package init(source: IngestTrainingRows, store: PredictStore, registry: ModelRegistry?, settings: TrainingSettings = TrainingSettings(), logger: Logger) {
        self.source = source
        self.store = store
        self.registry = registry
        self.settings = settings
        self.logger = logger
    }

    /// Runs the whole pipeline; `progress` gets a phase and the fraction done (0…1).
    /// - Returns: The saved models (with versions) and the split used.
    package func run(city: String, kinds: [ModelKind], window: TimeWindow? = nil,
                    progress: @escaping @Sendable (String, Double) -> Void) async throws -> IncidentTrainingRun {
        progress("fetching rows", 0)
        let table = try await source.fetch(city: city, window: window) { count in progress("fetching rows (\(count))", 0.02) }
        logger.info("training rows fetched", metadata: ["city": "\(city)", "rows": "\(table.count)"])
        let trainer = IncidentModelTrainer(settings: settings)
        var run = try await BlockingThread.run {
            try trainer.train(city: city, table: table, kinds: kinds) { phase, fraction in progress(phase, 0.05 + 0.9 * fraction) }
        }
        progress("saving", 0.96)
        run.models = try await store.saveAsCurrent(run.models)
        if let registry { registry.install(try run.models.map { try $0.forServing() }) }
        for model in run.models {
            logger.info("model trained", metadata: ["version": "\(model.version)", "metrics": "\(model.metrics.metrics)"])
        }
        progress("done", 1)
        return run
    }
}

/// The outcome of training on one city's rows: the models (versions not yet assigned) and the split used.
package struct IncidentTrainingRun: Sendable {
    package var models: [IncidentModel]
    package var split: TimeSplit
    /// Rows in the train, validation and test windows.
    package var trainRows: Int
    package var validationRows: Int
    package var testRows: Int
}

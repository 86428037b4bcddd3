import BackendKit
import Contracts
import Foundation
import Logging
import ServiceKit
import Wire

/// The predict service as the host runs it: schema `predict`, its migrations and handlers.
///
/// At start-up it loads every city's current per-incident models from the schema into a
/// ``ModelRegistry``; a training (Train RPC) runs in the background and swaps a city's set in
/// one step when it is saved, so serving never stops; models saved by another replica or by
/// `predict train` are picked up within `modelReloadInterval` (default 30 s) by the
/// ``ModelReloader`` (the forecast: at the first request after that long). Replicas share the
/// database: a training job runs on one replica at a time per city (``TrainingLeaseStore``), so
/// serving is stateless and every replica ends up serving the models the last job saved.
/// Training data comes only by RPC from the
/// ingest service at `ingestEndpoints` (its replicas); `heatmapEndpoints` is the heatmap service
/// the beat forecast reads its weekly series from.
package enum PredictBackend {
    /// The definition for a predict service that trains from `ingestEndpoints` and forecasts from `heatmapEndpoints`.
    package static func definition(ingestEndpoints: [Endpoint], heatmapEndpoints: [Endpoint],
                                  modelReloadInterval: Duration = .seconds(30)) -> BackendDefinition {
        BackendDefinition(
            name: "predict",
            schema: "predict",
            serviceNames: [Methods.Predict.serviceName],
            migrationsDirectory: migrationsDirectory,
            assemble: { context, router in
                let store = PredictStore(pool: context.pool)
                let registry = ModelRegistry()
                let models = try await store.currentModels()
                registry.install(models)
                context.logger.info("incident models loaded", metadata: ["models": "\(models.map(\.version))"])
                let stale = models.filter { !$0.descriptor.encoding.learnsMissingInputs }
                if !stale.isEmpty {
                    context.logger.warning("incident models trained before inputs not given were learnt: Predict refuses them until they are retrained",
                                           metadata: ["models": "\(stale.map(\.version))"])
                }
                let pipeline = TrainingPipeline(source: IngestTrainingRows(client: RPCClient(endpoints: ingestEndpoints)), store: store,
                                                registry: registry, logger: context.logger)
                let forecast = ForecastService(source: ForecastSource(heatmap: RPCClient(endpoints: heatmapEndpoints)),
                                               store: ForecastStore(pool: context.pool), logger: context.logger,
                                               modelCheckInterval: modelReloadInterval)
                try await forecast.load()
                ForecastHandlers(service: forecast).register(on: &router)
                PredictHandlers(registry: registry, jobs: TrainingJobs(leases: TrainingLeaseStore(pool: context.pool)), pipeline: pipeline,
                                writeAuthorization: context.writeAuthorization,
                                extraMetrics: { city in await forecast.metrics(city: city).map { [$0] } ?? [] },
                                trainForecast: { city, progress in _ = try await forecast.train(city: city, progress: progress) })
                    .register(on: &router)
                return [ModelReloader(store: store, registry: registry, interval: modelReloadInterval, logger: context.logger)]
            }
        )
    }

    /// The service's ordered SQL migrations, shipped as a resource folder.
    package static var migrationsDirectory: URL {
        Bundle.module.url(forResource: "Migrations", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Migrations")
    }
}

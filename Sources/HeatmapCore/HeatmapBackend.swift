import BackendKit
import Contracts
import Foundation
import ServiceKit
import Wire

/// The heatmap service as the host runs it: schema `heatmap`, its migrations, its handlers and
/// the outbox consumer that feeds the rollup from the ingest service at `ingestEndpoint`.
public enum HeatmapBackend {
    /// The definition for a heatmap that consumes the ingest service at `ingestEndpoints` (its replicas).
    public static func definition(ingestEndpoints: [Endpoint]) -> BackendDefinition {
        BackendDefinition(
            name: "heatmap",
            schema: "heatmap",
            serviceNames: [Methods.Heatmap.serviceName],
            migrationsDirectory: migrationsDirectory,
            assemble: { context, router in
                let store = HeatmapStore(pool: context.pool)
                let index = RollupIndex()
                let ingest = RPCClient(endpoints: ingestEndpoints)
                let board = context.healthBoard
                let consumer = OutboxConsumer(client: ingest, store: store, index: index,
                                              logger: context.logger,
                                              onLag: { board.setLag(deltas: $0.deltas, seconds: $0.seconds) })
                try await consumer.prepare()
                HeatmapHandlers(index: index, store: store, ingest: ingest).register(on: &router)
                return [consumer]
            }
        )
    }

    /// The service's ordered SQL migrations, shipped as a resource folder.
    public static var migrationsDirectory: URL {
        Bundle.module.url(forResource: "Migrations", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Migrations")
    }
}

import BackendKit
import Contracts
import Foundation
import ServiceKit
import Wire

/// The heatmap service as the host runs it: schema `heatmap`, its migrations, its handlers, the
/// outbox consumer that feeds the in-memory index from the ingest service at `ingestEndpoints`,
/// the leader election, and the writer that persists snapshots of that index while this replica
/// leads. Any number of replicas may share one database: all serve, one writes.
package enum HeatmapBackend {
    /// The definition for a heatmap that consumes the ingest service at `ingestEndpoints` (its replicas).
    package static func definition(ingestEndpoints: [Endpoint], consumer settings: OutboxConsumerSettings = OutboxConsumerSettings(),
                                  snapshots: SnapshotSettings = SnapshotSettings(),
                                  election: LeaderElectionSettings = LeaderElectionSettings()) -> BackendDefinition {
        BackendDefinition(
            name: "heatmap",
            schema: "heatmap",
            serviceNames: [Methods.Heatmap.serviceName],
            migrationsDirectory: migrationsDirectory,
            assemble: { context, router in
                let store = HeatmapStore(pool: context.pool, readPool: context.readPool)
                let index = RollupIndex()
                let ingest = RPCClient(endpoints: ingestEndpoints)
                let board = context.healthBoard
                let leadership = Leadership(onChange: { board.setRole($0) })
                board.setRole(leadership.role)
                var settings = settings
                settings.writeToken = settings.writeToken ?? context.configuration.writeToken
                let consumer = OutboxConsumer(client: ingest, store: store, index: index, leadership: leadership, settings: settings,
                                              logger: context.logger,
                                              onLag: { board.setLag(deltas: $0.deltas, seconds: $0.seconds) })
                try await consumer.prepare()
                HeatmapHandlers(index: index, store: store, ingest: ingest, leadership: leadership,
                                wakeConsumer: { consumer.wake() }, caughtUp: { consumer.lastCaughtUp }).register(on: &router)
                return [consumer,
                        LeaderElection(store: store, leadership: leadership, settings: election, logger: context.logger),
                        SnapshotWriter(store: store, index: index, leadership: leadership, settings: snapshots, logger: context.logger)]
            }
        )
    }

    /// The service's ordered SQL migrations, shipped as a resource folder.
    static var migrationsDirectory: URL {
        Bundle.module.url(forResource: "Migrations", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Migrations")
    }
}

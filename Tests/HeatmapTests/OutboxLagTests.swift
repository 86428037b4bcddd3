import Contracts
import Foundation
@testable import HeatmapCore
@testable import IngestCore
import Postgres
@testable import ServiceKit
import Synchronization
import TestSupport
import Testing
import Wire

/// The consumer reports how far behind ingest's outbox it is after every pull (to Health/Check
/// and as gauges): a West Yorkshire month committed and not yet applied is all behind, each
/// one-entry step takes its deltas off, and caught up is 0 deltas and 0 seconds.
@Suite("Heatmap outbox lag", .serialized, .timeLimit(.minutes(10)))
struct OutboxLagTests {
    final class LagLog: Sendable {
        private let lags = Mutex<[OutboxLag]>([])
        func append(_ lag: OutboxLag) { lags.withLock { $0.append(lag) } }
        var all: [OutboxLag] { lags.withLock { $0 } }
    }

    @Test("behind deltas fall entry by entry to 0; the lag's age is positive while behind and 0 when caught up")
    func lagFollowsTheConsumer() async throws {
        let database = try await TestDatabase.create(label: "outbox-lag")
        let folder = try TemporaryDirectory(prefix: "cs-lag")
        let pool = database.pool(size: 2)
        defer { folder.remove() }
        let ingest = try await IngestTestServer.start(database: database, pool: pool, folder: folder)
        let client = RPCClient(endpoint: ingest.endpoint)
        do {
            let outcome = try await ingest.load("uk-police-west-yorkshire/2016-07-west-yorkshire-street.csv.xz",
                                                city: "uk-west-yorkshire", format: .policeUKCSV)
            #expect(outcome.succeeded)
            let migrations = try Migration.load(directory: HeatmapBackend.migrationsDirectory)
            _ = try await Migrator(schema: "heatmap", migrations: migrations, logger: IngestTestServer.logger).migrate(pool)
            let entrySizes = try await pool.query("SELECT delta_count FROM ingest.outbox ORDER BY position").map { try $0.decode(Int64.self, at: 0) }
            #expect(entrySizes.count >= 3 && entrySizes.reduce(0, +) == 27_176)

            var settings = OutboxConsumerSettings()
            settings.maxEntries = 1
            // A pull waits its turn for a thread on a loaded machine: only the hang guard bounds it.
            settings.callTimeout = HangGuard.limit
            let log = LagLog()
            let board = HealthStatusBoard(services: [])
            let consumer = OutboxConsumer(client: client, store: HeatmapStore(pool: pool), index: RollupIndex(), settings: settings,
                                          logger: IngestTestServer.logger, onLag: { lag in
                                              log.append(lag)
                                              board.setLag(deltas: lag.deltas, seconds: lag.seconds)
                                          })
            try await consumer.prepare()
            for _ in entrySizes { #expect(try await consumer.step() == 1) }
            #expect(try await consumer.step() == 0)

            var remaining = entrySizes.reduce(0, +)
            let expected = entrySizes.map { size -> Int64 in remaining -= size; return remaining } + [0]
            #expect(log.all.map(\.deltas) == expected)
            #expect(log.all.dropLast().filter { $0.deltas > 0 }.allSatisfy { $0.seconds > 0 })
            #expect(log.all.last == OutboxLag(deltas: 0, seconds: 0))
            #expect(board.currentLag.deltas == 0 && board.currentLag.seconds == 0)
        } catch {
            await client.close()
            await ingest.stop()
            await pool.shutdown()
            throw error
        }
        await client.close()
        await ingest.stop()
        await pool.shutdown()
        try await database.drop()
    }
}

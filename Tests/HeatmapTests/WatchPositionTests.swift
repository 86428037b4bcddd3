import Contracts
@testable import HeatmapCore
import Postgres
import TestSupport
import Testing
@testable import Wire

/// Heatmap/WatchPosition over a real RPC server: a watch on the current position is answered
/// when the index moves on (with the new position), one on another position at once, one whose
/// hold runs out with the unchanged position; a bad hold is INVALID_ARGUMENT.
@Suite("Heatmap WatchPosition", .timeLimit(.minutes(10)))
struct WatchPositionTests {
    struct Served {
        let index: RollupIndex
        let client: RPCClient
    }

    func withServer(_ body: (Served) async throws -> Void) async throws {
        try await TestDatabase.withDatabase(label: "watch") { database in
            let folder = try TemporaryDirectory(prefix: "cs-watch")
            defer { folder.remove() }
            let pool = database.pool(size: 1)
            let index = RollupIndex()
            index.replace(with: RollupSnapshot(cities: [:], position: 5))
            var router = RPCRouter()
            HeatmapHandlers(index: index, store: HeatmapStore(pool: pool), ingest: RPCClient(endpoint: .unix(path: folder.path("none.sock"))))
                .register(on: &router)
            let server = RPCServer(configuration: RPCServerConfiguration(endpoints: [.unix(path: folder.path("h.sock"))]),
                                   router: router, logger: IngestTestServer.logger)
            let runTask = Task { try await server.run() }
            let client = RPCClient(endpoint: try await server.boundEndpoints()[0])
            do {
                try await body(Served(index: index, client: client))
            } catch {
                await client.close()
                runTask.cancel()
                await pool.shutdown()
                throw error
            }
            await client.close()
            runTask.cancel()
            _ = try? await runTask.value
            await pool.shutdown()
        }
    }

    @Test func aWatchReturnsWhenThePositionAdvances() async throws {
        try await withServer { served in
            // A long hold: the answer 6 can only come from the advance (the hold would give 5 back
            // if the advance had not happened by then).
            let watch = Task {
                try await served.client.call(Methods.Heatmap.watchPosition, WatchPositionRequest(after: 5, holdMs: 60_000),
                                             timeout: HangGuard.limit)
            }
            while served.index.positionWaiters.count == 0 { await Task.yield() }
            served.index.replace(with: RollupSnapshot(cities: [:], position: 6))
            let reply = try await watch.value
            #expect(reply.position == 6)
            #expect(served.index.positionWaiters.count == 0)
        }
    }

    @Test func aWatchOnAnotherPositionReturnsAtOnce() async throws {
        try await withServer { served in
            let behind = try await served.client.call(Methods.Heatmap.watchPosition, WatchPositionRequest(after: 2, holdMs: 60_000))
            #expect(behind.position == 5)
            let unknown = try await served.client.call(Methods.Heatmap.watchPosition, WatchPositionRequest(after: -1, holdMs: 60_000))
            #expect(unknown.position == 5)
        }
    }

    @Test func aWatchWhoseHoldRunsOutReturnsTheSamePosition() async throws {
        try await withServer { served in
            let reply = try await served.client.call(Methods.Heatmap.watchPosition, WatchPositionRequest(after: 5, holdMs: 1))
            #expect(reply.position == 5)
            #expect(served.index.positionWaiters.count == 0)
        }
    }

    @Test(arguments: [Int32(-1), 60_001])
    func aBadHoldIsInvalidArgument(holdMs: Int32) async throws {
        try await withServer { served in
            await #expect {
                _ = try await served.client.call(Methods.Heatmap.watchPosition, WatchPositionRequest(after: 5, holdMs: holdMs))
            } throws: { error in
                (error as? RPCError)?.code == .invalidArgument
            }
        }
    }

    @Test func aCancelledWaiterIsReleased() async throws {
        let waiters = PositionWaiters()
        let waiting = Task { await waiters.wait(after: 0, hold: .seconds(60)) }
        while waiters.count == 0 { await Task.yield() }
        waiting.cancel()
        #expect(await waiting.value == 0)
        #expect(waiters.count == 0)
    }
}

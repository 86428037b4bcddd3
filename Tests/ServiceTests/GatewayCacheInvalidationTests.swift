import Contracts
import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import TestSupport
import Testing
import Wire

/// The response cache with the real stack: the `ingest` and `heatmap` executables over a test
/// database, and the gateway's API router with the cache and its position watcher in process.
/// A cached URL answers from the cache until a load's last outbox entry is in the heatmap's index;
/// the moment the gateway has heard of that position (the watcher's long poll; the test waits on
/// the heatmap's and then the cache's position events, never on time), the same URL gives the
/// new answer and the old ETag no longer gives 304.
@Suite("Gateway response cache invalidation (real stack)", .serialized, .timeLimit(.minutes(10)))
struct GatewayCacheInvalidationTests {
    static let url = "/api/v1/heatmap?city=chicago&year_from=2010&year_to=2018"
    static let consumer = "gateway-cache-test"
    static let writeToken = "gateway-cache-test-token"
    static let xCache = HTTPField.Name("x-cache")!

    struct Stack {
        let database: TestDatabase
        let folder: TemporaryDirectory
        let ingest: RPCClient
        let heatmap: RPCClient

        /// Loads a shared data file with `ingest load` and returns the outbox's last position.
        func load(_ relativePath: String, after previous: Int64) async throws -> Int64 {
            let process = try ServiceProcess(
                "ingest", arguments: ["load", "--database-url", database.url, "--city", "chicago", try SharedData.url(relativePath).path],
                logDirectory: folder.url)
            let status = await process.waitForExit()
            #expect(status == 0, "ingest load: \(process.log())")
            var head = previous
            while true {
                // As a named consumer that acknowledges nothing, so that no entry is dropped before it is read.
                let reply = try await ingest.call(Methods.Ingest.pullOutbox, PullOutboxRequest(
                    afterPosition: head, maxEntries: 1000, consumer: GatewayCacheInvalidationTests.consumer, acknowledgedPosition: 0),
                    metadata: [MetadataEntry(key: "authorization", value: "Bearer \(GatewayCacheInvalidationTests.writeToken)")])
                guard let last = reply.entries.last else { return head }
                head = last.position
            }
        }

        /// Returns once the heatmap's index holds `position` (its WatchPosition long poll: the
        /// reply is the event; the call's timeout is only the hang guard).
        func heatmapReaches(_ position: Int64) async throws {
            var seen: Int64 = -1
            while seen < position {
                seen = try await heatmap.call(Methods.Heatmap.watchPosition, WatchPositionRequest(after: seen, holdMs: 60_000),
                                              timeout: HangGuard.limit).position
            }
        }
    }

    static func incidents(_ response: TestResponse) throws -> Int64 {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
        let total = try #require(object["total"] as? [String: Any])
        return try #require((total["incidents"] as? NSNumber)?.int64Value)
    }

    @Test func aLoadChangesTheAnswerOfACachedURLOnceTheHeatmapHasItsPosition() async throws {
        try await TestDatabase.withDatabase(label: "gwcache") { database in
            let folder = try TemporaryDirectory(prefix: "cs-gwcache")
            defer { folder.remove() }
            let ingestSocket = folder.path("ingest.sock"), heatmapSocket = folder.path("heatmap.sock")
            let ingestProcess = try ServiceProcess(
                "ingest", arguments: ["serve", "--listen", "unix://\(ingestSocket)", "--database-url", database.url,
                                      "--write-token", Self.writeToken],
                logDirectory: folder.url)
            let heatmapProcess = try ServiceProcess(
                "heatmap", arguments: ["serve", "--listen", "unix://\(heatmapSocket)", "--database-url", database.url,
                                       "--ingest-endpoint", "unix://\(ingestSocket)", "--write-token", Self.writeToken],
                logDirectory: folder.url)
            let stack = Stack(database: database, folder: folder, ingest: RPCClient(endpoint: .unix(path: ingestSocket)),
                              heatmap: RPCClient(endpoint: .unix(path: heatmapSocket)))
            let cache = ResponseCache()
            let watcher = HeatmapPositionWatcher(endpoints: [.unix(path: heatmapSocket)], cache: cache, hold: .seconds(1),
                                                 logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            let watching = Task { await watcher.watch() }
            do {
                #expect(try await BackendProcessTests.waitForHealth(stack.ingest, process: ingestProcess).status == .serving)
                #expect(try await BackendProcessTests.waitForHealth(stack.heatmap, process: heatmapProcess).status == .serving)
                try await check(stack, cache)
            } catch {
                Issue.record("ingest log: \(ingestProcess.log())\nheatmap log: \(heatmapProcess.log())")
                watching.cancel()
                _ = await heatmapProcess.terminate()
                _ = await ingestProcess.terminate()
                throw error
            }
            watching.cancel()
            await watching.value
            await stack.ingest.close()
            await stack.heatmap.close()
            #expect(await heatmapProcess.terminate() == 0)
            #expect(await ingestProcess.terminate() == 0)
        }
    }

    func check(_ stack: Stack, _ cache: ResponseCache) async throws {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: ResponseCacheMiddleware(cache: cache))
        let unreachable = RPCClient(endpoint: .unix(path: stack.folder.path("predict.sock")))
        APIController(backends: Backends(ingest: stack.ingest, heatmap: stack.heatmap, predict: unreachable), callTimeout: .seconds(30))
            .register(on: router)
        let app = Application(router: router)

        let first = try await stack.load("chicago-crimes/samples/portal_csv_2014-02-28_to_03-15.csv.gz", after: 0)
        #expect(first > 0)
        try await stack.heatmapReaches(first)
        await cache.waitForPosition(atLeast: first)

        try await app.test(.router) { client in
            let before = try await client.execute(uri: Self.url, method: .get)
            #expect(before.status == .ok)
            #expect(before.headers[Self.xCache] == "miss")
            let beforeCount = try Self.incidents(before)
            #expect(beforeCount > 6_000)
            let etag = try #require(before.headers[.eTag])

            let repeated = try await client.execute(uri: Self.url, method: .get)
            #expect(repeated.headers[Self.xCache] == "hit")
            #expect(repeated.body == before.body)
            let notModified = try await client.execute(uri: Self.url, method: .get, headers: [.ifNoneMatch: etag])
            #expect(notModified.status == .notModified)

            // Another year's rows: the same URL's answer must change.
            let second = try await stack.load("chicago-crimes/samples/socrata_json_2017-04-13_to_14.json.gz", after: first)
            #expect(second > first)
            try await stack.heatmapReaches(second)
            await cache.waitForPosition(atLeast: second)

            let after = try await client.execute(uri: Self.url, method: .get)
            #expect(after.status == .ok)
            #expect(after.headers[Self.xCache] == "miss")
            #expect(try Self.incidents(after) > beforeCount)
            #expect(after.headers[.eTag] != etag)
            let stale = try await client.execute(uri: Self.url, method: .get, headers: [.ifNoneMatch: etag])
            #expect(stale.status == .ok)
            #expect(stale.headers[Self.xCache] == "hit")
        }
    }
}

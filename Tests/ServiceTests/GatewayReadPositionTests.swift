import Contracts
import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import TestSupport
import Testing
import Wire

/// The session position over HTTP, against two heatmap stand-ins on real sockets that answer
/// ListCities as a replica at a fixed outbox position does (REPLICA_BEHIND below a min_position
/// they have not reached, POSITION_NOT_WRITTEN past anything written): reads that name the newest
/// position seen are answered at it whichever replica is asked first, and the reasons reach the
/// error body so that a browser acts on them without reading messages.
@Suite("Gateway: reads at least a position across heatmap replicas", .timeLimit(.minutes(10)))
struct GatewayReadPositionTests {
    static let minimum = HTTPField.Name("x-crimescope-min-position")!
    static let position = HTTPField.Name("x-crimescope-position")!
    static let written: Int64 = 100

    /// Counts the reads a stand-in answered REPLICA_BEHIND.
    final class BehindCount: Sendable {
        private let count = Mutex(0)
        func increment() { count.withLock { $0 += 1 } }
        var value: Int { count.withLock { $0 } }
    }

    /// A heatmap stand-in at `position` on its own socket.
    static func replica(at position: Int64, folder: TemporaryDirectory, name: String,
                        behind: BehindCount = BehindCount()) async throws -> (RPCServer, Task<Void, any Error>) {
        var router = RPCRouter()
        router.register(Methods.Heatmap.listCities) { (request: ListCitiesRequest, _) in
            if request.minPosition > written {
                throw RPCError(.outOfRange, "min_position \(request.minPosition) is past \(written)", reason: .positionNotWritten)
            }
            if request.minPosition > position {
                behind.increment()
                throw RPCError(.unavailable, "at \(position), behind \(request.minPosition)", reason: .replicaBehind)
            }
            return ListCitiesResponse(position: position)
        }
        let server = RPCServer(configuration: RPCServerConfiguration(endpoints: [.unix(path: folder.path("\(name).sock"))]),
                               router: router, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
        let task = Task { try await server.run() }
        _ = try await server.boundEndpoints()
        return (server, task)
    }

    static func router(heatmap: [Endpoint], positions: ResponseCache? = nil) -> Router<GatewayRequestContext> {
        let none = RPCClient(endpoint: .unix(path: "/tmp/crimescope-none-\(UUID().uuidString.prefix(8)).sock"))
        let heatmapClient = RPCClient(endpoints: heatmap, configuration: RPCClientConfiguration(healthCheckInterval: nil))
        let router = Router(context: GatewayRequestContext.self)
        APIController(backends: Backends(ingest: none, heatmap: heatmapClient, predict: none), callTimeout: .seconds(30),
                      positions: positions).register(on: router)
        return router
    }

    @Test func readsNamingTheNewestPositionAreAnsweredAtItAndReasonsReachTheBody() async throws {
        let folder = try TemporaryDirectory(prefix: "cs-gwpos")
        defer { folder.remove() }
        let (_, aheadTask) = try await Self.replica(at: 9, folder: folder, name: "ahead")
        let (_, behindTask) = try await Self.replica(at: 5, folder: folder, name: "behind")
        let endpoints: [Endpoint] = [.unix(path: folder.path("ahead.sock")), .unix(path: folder.path("behind.sock"))]

        try await Application(router: Self.router(heatmap: endpoints)).test(.router) { client in
            // Without a position both states are answered in turn: a session could go backward.
            var plain: Set<String> = []
            for _ in 0..<4 {
                try await client.execute(uri: "/api/v1/cities", method: .get) { plain.insert($0.headers[Self.position] ?? "") }
            }
            #expect(plain == ["5", "9"])
            // With the newest position seen, every answer is at it.
            for _ in 0..<4 {
                try await client.execute(uri: "/api/v1/cities", method: .get, headers: [Self.minimum: "9"]) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[Self.position] == "9")
                }
            }
            // A position never written: 400 with the reason to drop it.
            try await client.execute(uri: "/api/v1/cities", method: .get, headers: [Self.minimum: "101"]) { response in
                #expect(response.status == .badRequest)
                let body = try JSONDecoder().decode(APIErrorBody.self, from: Data(String(buffer: response.body).utf8))
                #expect(body.error.code == "OUT_OF_RANGE" && body.error.reason == "POSITION_NOT_WRITTEN")
            }
        }
        // Only the behind replica: 503 with the reason REPLICA_BEHIND (asking again may work).
        try await Application(router: Self.router(heatmap: [endpoints[1]])).test(.router) { client in
            try await client.execute(uri: "/api/v1/cities", method: .get, headers: [Self.minimum: "9"]) { response in
                #expect(response.status == .serviceUnavailable)
                let body = try JSONDecoder().decode(APIErrorBody.self, from: Data(String(buffer: response.body).utf8))
                #expect(body.error.code == "UNAVAILABLE" && body.error.reason == "REPLICA_BEHIND")
            }
            try await client.execute(uri: "/api/v1/cities", method: .get) { response in
                let body = String(buffer: response.body)
                #expect(response.status == .ok && !body.contains("reason"), "an answer without a reason has none: \(body)")
            }
        }
        for task in [aheadTask, behindTask] {
            task.cancel()
            _ = try? await task.value
        }
    }

    @Test func aReadThatNamesAPositionGoesFirstToTheReplicasKnownToBeThere() async throws {
        let folder = try TemporaryDirectory(prefix: "cs-gwpref")
        defer { folder.remove() }
        let behindCount = BehindCount()
        let (_, aheadTask) = try await Self.replica(at: 9, folder: folder, name: "ahead")
        let (_, behindTask) = try await Self.replica(at: 5, folder: folder, name: "behind", behind: behindCount)
        let ahead = Endpoint.unix(path: folder.path("ahead.sock")), behind = Endpoint.unix(path: folder.path("behind.sock"))
        // What the position watcher would report.
        let positions = ResponseCache()
        positions.setPosition(9, of: ahead.description)
        positions.setPosition(5, of: behind.description)

        try await Application(router: Self.router(heatmap: [ahead, behind], positions: positions)).test(.router) { client in
            for _ in 0..<6 {
                try await client.execute(uri: "/api/v1/cities", method: .get, headers: [Self.minimum: "9"]) { response in
                    #expect(response.headers[Self.position] == "9")
                }
            }
            #expect(behindCount.value == 0, "no read asked the replica known to be behind")
            // Reads it has reached (or without a position) still go to both.
            var seen: Set<String> = []
            for _ in 0..<4 {
                try await client.execute(uri: "/api/v1/cities", method: .get, headers: [Self.minimum: "5"]) {
                    seen.insert($0.headers[Self.position] ?? "")
                }
            }
            #expect(seen == ["5", "9"])
        }
        for task in [aheadTask, behindTask] {
            task.cancel()
            _ = try? await task.value
        }
    }
}

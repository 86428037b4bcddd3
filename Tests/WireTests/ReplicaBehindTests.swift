import Contracts
import Foundation
import Testing
@testable import Wire

/// A replica that is only behind a read's position (UNAVAILABLE with the reason REPLICA_BEHIND)
/// is healthy: the read goes to another replica, and the behind one stays in rotation.
@Suite("A replica behind a read's position is not down", .hangGuard)
struct ReplicaBehindTests {
    /// `position`: a read whose request names a higher number (in `service`, as text) is answered
    /// UNAVAILABLE with the reason REPLICA_BEHIND, the way a heatmap replica answers a
    /// `min_position` it has not reached; otherwise the replica answers with its name.
    static let read = RPCMethod<HealthCheckRequest, HealthCheckRequest>("/test.v1.Replica/ReadAtLeast", readOnly: true)

    static func router(name: String, position: Int, served: Counter) -> RPCRouter {
        var router = RPCRouter()
        router.register(Methods.Health.check) { (_: HealthCheckRequest, _) in HealthCheckResponse(status: .serving) }
        router.register(read) { (request: HealthCheckRequest, _) in
            served.increment()
            if let wanted = Int(request.service), wanted > position {
                throw RPCError(.unavailable, "\(name) is at \(position), behind \(wanted)", reason: .replicaBehind)
            }
            return HealthCheckRequest(service: name)
        }
        return router
    }

    @Test func aReadTheReplicaIsBehindGoesElsewhereAndTheReplicaStaysInRotation() async throws {
        let servedAhead = Counter(), servedBehind = Counter()
        let ahead = try await TestServer.start(router: Self.router(name: "ahead", position: 9, served: servedAhead))
        let behind = try await TestServer.start(router: Self.router(name: "behind", position: 5, served: servedBehind))
        let client = RPCClient(endpoints: [ahead.endpoint, behind.endpoint], configuration: .manualChecks)
        await client.checkReplicas()

        // Every read at least 9 is answered, by the replica at 9, whichever one it asked first.
        for _ in 0..<4 {
            #expect(try await client.call(Self.read, HealthCheckRequest(service: "9")).service == "ahead")
            #expect(client.replicaBoard.health(of: behind.endpoint) == .serving, "behind is not down")
        }
        #expect(servedBehind.value >= 1, "some of those reads asked the behind replica first")
        #expect(client.replicaBoard.available.count == 2)

        // Reads without a position still land on the behind replica (rotation: every second one).
        var names: [String] = []
        for _ in 0..<4 { names.append(try await client.call(Self.read, HealthCheckRequest(service: "")).service) }
        #expect(names.filter { $0 == "behind" }.count == 2, "\(names)")

        await client.close()
        try await ahead.stop()
        try await behind.stop()
    }

    @Test func whenEveryReplicaIsBehindTheCallerSeesTheReason() async throws {
        let a = try await TestServer.start(router: Self.router(name: "a", position: 3, served: Counter()))
        let b = try await TestServer.start(router: Self.router(name: "b", position: 4, served: Counter()))
        let client = RPCClient(endpoints: [a.endpoint, b.endpoint], configuration: .manualChecks)
        do {
            _ = try await client.call(Self.read, HealthCheckRequest(service: "7"))
            Issue.record("a read no replica has reached succeeded")
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
            #expect(error.reason == .replicaBehind)
            #expect(error.isReplicaBehind)
        }
        #expect(client.replicaBoard.available.count == 2, "both stay in rotation")
        await client.close()
        try await a.stop()
        try await b.stop()
    }

    @Test func aPlainUnavailableStillTakesTheReplicaOut() async throws {
        var router = RPCRouter()
        router.register(Methods.Health.check) { (_: HealthCheckRequest, _) in HealthCheckResponse(status: .serving) }
        router.register(Self.read) { (_: HealthCheckRequest, _) -> HealthCheckRequest in
            throw RPCError(.unavailable, "draining")
        }
        let draining = try await TestServer.start(router: router)
        let fine = try await TestServer.start(router: Self.router(name: "fine", position: 0, served: Counter()))
        let client = RPCClient(endpoints: [draining.endpoint, fine.endpoint], configuration: .manualChecks)
        for _ in 0..<2 { #expect(try await client.call(Self.read, HealthCheckRequest(service: "")).service == "fine") }
        #expect(client.replicaBoard.health(of: draining.endpoint) == .down)
        await client.close()
        try await draining.stop()
        try await fine.stop()
    }
}

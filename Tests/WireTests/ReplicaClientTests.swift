import Contracts
import Foundation
import Testing
@testable import Wire

/// A client of two real servers: spreading, health checks, a replica that dies, and which calls
/// may go to the other replica.
@Suite("Replica-aware client over real sockets", .hangGuard)
struct ReplicaClientTests {
    /// Two servers named a and b on their own sockets; a client of both without background checks
    /// (the tests call checkReplicas() when they want one).
    struct Pair {
        let a: TestServer
        let b: TestServer
        let servedA: Counter
        let servedB: Counter

        static func start(healthB: HealthCheckResponse.ServingStatus = .serving) async throws -> Pair {
            let servedA = Counter(), servedB = Counter()
            let a = try await TestServer.start(router: ReplicaMethods.router(name: "a", served: servedA))
            let b = try await TestServer.start(router: ReplicaMethods.router(name: "b", served: servedB, health: healthB))
            return Pair(a: a, b: b, servedA: servedA, servedB: servedB)
        }

        init(a: TestServer, b: TestServer, servedA: Counter, servedB: Counter) {
            (self.a, self.b, self.servedA, self.servedB) = (a, b, servedA, servedB)
        }

        func client(_ extra: [Endpoint] = []) -> RPCClient {
            RPCClient(endpoints: [a.endpoint, b.endpoint] + extra, configuration: .manualChecks)
        }

        func stop() async {
            try? await a.stop()
            try? await b.stop()
        }
    }

    @Test func readsAreSpreadOverBothReplicas() async throws {
        let pair = try await Pair.start()
        let client = pair.client()
        var names: [String] = []
        for _ in 0..<10 { names.append(try await client.call(ReplicaMethods.name, HealthCheckRequest()).service) }
        #expect(names.filter { $0 == "a" }.count == 5)
        #expect(names.filter { $0 == "b" }.count == 5)
        await client.close()
        await pair.stop()
    }

    @Test func aReplicaThatIsNotServingGetsNoCalls() async throws {
        let pair = try await Pair.start(healthB: .notServing)
        let client = pair.client()
        await client.checkReplicas()
        #expect(client.replicaBoard.health(of: pair.a.endpoint) == .serving)
        #expect(client.replicaBoard.health(of: pair.b.endpoint) == .down)
        for _ in 0..<6 { #expect(try await client.call(ReplicaMethods.name, HealthCheckRequest()).service == "a") }
        #expect(pair.servedB.value == 0)
        await client.close()
        await pair.stop()
    }

    @Test func whenOneServerIsKilledEveryReadStillSucceeds() async throws {
        let pair = try await Pair.start()
        let client = pair.client()
        await client.checkReplicas()
        #expect(client.replicaBoard.available.count == 2)
        // Both connections are open; then b's process goes away (a crash: no drain).
        for _ in 0..<2 { _ = try await client.call(ReplicaMethods.name, HealthCheckRequest()) }
        pair.b.runTask.cancel()
        _ = try? await pair.b.runTask.value
        for _ in 0..<10 { #expect(try await client.call(ReplicaMethods.name, HealthCheckRequest()).service == "a") }
        await client.checkReplicas()
        #expect(client.replicaBoard.health(of: pair.b.endpoint) == .down)
        #expect(client.replicaBoard.available == [pair.a.endpoint])
        await client.close()
        await pair.stop()
    }

    @Test func aReadLostWithItsConnectionIsSentToTheOtherReplica() async throws {
        let server = try await TestServer.start(router: ReplicaMethods.router(name: "a", served: Counter()))
        let vanishing = try await VanishingReplica(directory: server.directory)
        let client = RPCClient(endpoints: [server.endpoint, vanishing.endpoint], configuration: .manualChecks)
        for _ in 0..<4 { #expect(try await client.call(ReplicaMethods.name, HealthCheckRequest()).service == "a") }
        #expect(vanishing.received.value >= 1)
        await client.close()
        await vanishing.close()
        try await server.stop()
    }

    @Test func aWriteThatMayHaveArrivedIsNeverResent() async throws {
        let served = Counter()
        let server = try await TestServer.start(router: ReplicaMethods.router(name: "a", served: served))
        let vanishing = try await VanishingReplica(directory: server.directory)
        let client = RPCClient(endpoints: [server.endpoint, vanishing.endpoint], configuration: .manualChecks)
        var failures: [RPCError] = []
        for _ in 0..<2 {
            do {
                _ = try await client.call(ReplicaMethods.write, HealthCheckRequest())
            } catch let error as RPCError {
                failures.append(error)
            }
        }
        // One of the two writes went to the replica that vanished with it: it fails, and the
        // healthy replica never sees it a second time.
        #expect(failures.map(\.code) == [.unavailable])
        #expect(vanishing.received.value == 1)
        #expect(served.value == 1)
        await client.close()
        await vanishing.close()
        try await server.stop()
    }

    @Test func aWriteThatCouldNotConnectGoesToTheOtherReplica() async throws {
        let served = Counter()
        let server = try await TestServer.start(router: ReplicaMethods.router(name: "a", served: served))
        let nobody = Endpoint.unix(path: server.directory.appendingPathComponent("nobody.sock").path)
        let client = RPCClient(endpoints: [nobody, server.endpoint], configuration: .manualChecks)
        for _ in 0..<4 { #expect(try await client.call(ReplicaMethods.write, HealthCheckRequest()).service == "a") }
        #expect(served.value == 4)
        #expect(client.replicaBoard.health(of: nobody) == .down)
        await client.close()
        try await server.stop()
    }

    @Test func whenEveryReplicaIsGoneTheCallSaysUnavailable() async throws {
        let directory = try TestServer.temporaryDirectory()
        let client = RPCClient(endpoints: [.unix(path: directory.appendingPathComponent("x.sock").path),
                                           .unix(path: directory.appendingPathComponent("y.sock").path)],
                               configuration: .manualChecks)
        await #expect(throws: RPCError.self) { _ = try await client.call(ReplicaMethods.name, HealthCheckRequest()) }
        do {
            _ = try await client.call(ReplicaMethods.name, HealthCheckRequest())
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
        }
        await client.close()
        try? FileManager.default.removeItem(at: directory)
    }

    @Test func aNameIsLookedUpIntoItsAddresses() async throws {
        let server = try await TestServer.start(.tcp, router: ReplicaMethods.router(name: "a", served: Counter()))
        guard case .tcp(_, let port) = server.endpoint else { Issue.record("not tcp"); return }
        let client = RPCClient(endpoints: [.tcp(host: "localhost", port: port)], configuration: .manualChecks)
        await client.checkReplicas()
        #expect(client.replicaBoard.endpoints.contains(.tcp(host: "127.0.0.1", port: port)))
        #expect(client.replicaBoard.health(of: .tcp(host: "127.0.0.1", port: port)) == .serving)
        #expect(try await client.call(ReplicaMethods.name, HealthCheckRequest()).service == "a")
        await client.close()
        try await server.stop()
    }
}

extension RPCClientConfiguration {
    /// No background checks (the tests call checkReplicas() when they want one), and a check
    /// deadline no busy machine reaches: a replica is down here because it answers so, or cannot
    /// be reached, never because the test process waited for a thread.
    static let manualChecks = RPCClientConfiguration(healthCheckInterval: nil, healthCheckTimeout: .seconds(3_600))
}

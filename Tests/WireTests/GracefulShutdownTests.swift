import Contracts
import Foundation
import ServiceLifecycle
import Testing
import Wire

@Suite("Graceful shutdown and cancellation of run()", .timeLimit(.minutes(3)))
struct GracefulShutdownTests {
    @Test func inFlightCallFinishesNewCallsAreRefusedAndRunReturns() async throws {
        let gate = Gate()
        // The drain must outlast the test's own steps on a loaded machine: with the default 10 s,
        // a full parallel run once closed the call in flight before the test opened the gate.
        // Closing stuck calls when the drain times out is drainTimeoutClosesStuckCalls' subject.
        let server = try await TestServer.start(.unix, router: TestMethods.router(gate: gate), drainTimeout: .seconds(120))
        guard case .unix(let path) = server.endpoint else { return }
        let client = server.client()
        let inFlight = Task { try await client.call(TestMethods.wait, HealthCheckRequest()) }
        await gate.waitForArrivals(1)

        await server.group.triggerGracefulShutdown()

        // A new call on the existing connection is refused once draining began.
        var refusal: RPCError?
        for _ in 0..<200 where refusal == nil {
            do {
                _ = try await client.call(Methods.Health.check, HealthCheckRequest())
                try await Task.sleep(for: .milliseconds(10))
            } catch let error as RPCError {
                refusal = error
            }
        }
        #expect(refusal?.code == .unavailable)
        #expect(refusal?.message.contains("shutting down") == true)

        // New connections are refused.
        let newcomer = RPCClient(endpoint: server.endpoint)
        let error = await #expect(throws: RPCError.self) {
            try await newcomer.call(Methods.Health.check, HealthCheckRequest())
        }
        #expect(error?.code == .unavailable)

        // The call in flight completes OK, then run() returns without error.
        gate.open()
        let finished = try await inFlight.value
        #expect(finished.status == .serving)
        try await server.runTask.value
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func shutdownWithNoConnectionsReturnsAtOnce() async throws {
        // With nothing to drain, stop() must not wait for the drain timeout. Measured against a
        // long drain timeout rather than a wall-clock guess, which a loaded 2-core machine broke.
        let server = try await TestServer.start(.tcp, drainTimeout: .seconds(120))
        let start = ContinuousClock.now
        try await server.stop()
        #expect(ContinuousClock.now - start < .seconds(60))
        await #expect(throws: RPCError.self) { try await server.server.boundEndpoints() }
    }

    @Test func drainTimeoutClosesStuckCalls() async throws {
        let gate = Gate()
        let server = try await TestServer.start(.unix, router: TestMethods.router(gate: gate), drainTimeout: .milliseconds(200))
        let client = server.client()
        let stuck = Task { try await client.call(TestMethods.wait, HealthCheckRequest()) }
        await gate.waitForArrivals(1)
        try await server.stop()
        let error = await #expect(throws: RPCError.self) { try await stuck.value }
        #expect(error?.code == .unavailable)
        gate.open()
    }

    @Test func cancellingRunClosesEverythingWithoutError() async throws {
        let probe = Flag()
        let sleeping = Flag()
        let directory = try TestServer.temporaryDirectory()
        let server = RPCServer(configuration: .init(endpoints: [.unix(path: directory.appendingPathComponent("c.sock").path)]),
                               router: TestMethods.router(probe: probe, sleeping: sleeping), logger: TestServer.logger)
        let run = Task { try await server.run() }
        let endpoint = try await server.boundEndpoints()[0]
        let call = Task { try await RPCClient(endpoint: endpoint).call(TestMethods.sleep, HealthCheckRequest()) }
        // Cancel only once the handler runs (a fixed sleep raced with a loaded machine).
        #expect(await sleeping.wait(timeout: .seconds(30)))
        run.cancel()
        try await run.value
        await #expect(throws: RPCError.self) { try await call.value }
        #expect(await probe.wait())
    }

    @Test func bindFailureIsThrownFromRunAndBoundEndpoints() async throws {
        let server = RPCServer(configuration: .init(endpoints: [.unix(path: "/nonexistent-dir-\(UInt32.random(in: 0...999_999))/s.sock")]),
                               router: RPCRouter(), logger: TestServer.logger)
        await #expect(throws: (any Error).self) { try await server.run() }
        await #expect(throws: (any Error).self) { try await server.boundEndpoints() }
    }
}

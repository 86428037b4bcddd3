import Contracts
import Foundation
import ServiceLifecycle
import Testing
@testable import Wire

@Suite("Graceful shutdown and cancellation of run()", .hangGuard)
struct GracefulShutdownTests {
    @Test func inFlightCallFinishesNewCallsAreRefusedAndRunReturns() async throws {
        let gate = Gate()
        let log = LogRecorder()
        // The drain timeout never passes here: the call in flight ends when the test opens the gate.
        // Closing stuck calls when it passes is drainTimeoutClosesStuckCalls' subject.
        let server = try await TestServer.start(.unix, router: TestMethods.router(gate: gate), drainTimeout: .seconds(3_600),
                                                logger: log.logger)
        guard case .unix(let path) = server.endpoint else { return }
        let client = server.client()
        let inFlight = Task { try await client.call(TestMethods.wait, HealthCheckRequest()) }
        await gate.waitForArrivals(1)

        await server.group.triggerGracefulShutdown()
        await log.waitFor("stopping")

        // A new call on the existing connection is refused: the connection was told to drain
        // before "stopping" was logged, and that reaches its event loop before a later request
        // at the latest (so the first call may still have been read first).
        var refusal: RPCError?
        for _ in 0..<2 where refusal == nil {
            do {
                _ = try await client.call(Methods.Health.check, HealthCheckRequest())
            } catch let error as RPCError {
                refusal = error
            }
        }
        #expect(refusal?.code == .unavailable)
        #expect(refusal?.message.contains("shutting down") == true)

        // New connections are refused once the listener is closed.
        await log.waitFor("stopped listening")
        #expect(!FileManager.default.fileExists(atPath: path))
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
    }

    @Test func shutdownWithNoConnectionsReturnsWithoutWaitingForTheDrainTimeout() async throws {
        // A drain timeout far beyond the suite's time limit: stop() returning at all says that
        // with nothing to drain the server did not wait for it.
        let server = try await TestServer.start(.tcp, drainTimeout: .seconds(3_600))
        try await server.stop()
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
        // Cancel only once the handler runs.
        #expect(await sleeping.wait())
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

    @Test func runTwiceIsRefused() async throws {
        let server = try await TestServer.start(.tcp)
        let error = await #expect(throws: RPCError.self) { try await server.server.run() }
        #expect(error?.code == .failedPrecondition)
        try await server.stop()
    }
}

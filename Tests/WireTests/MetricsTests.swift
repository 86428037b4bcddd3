import Contracts
import Foundation
import NIOPosix
import Testing
@testable import Wire

@Suite("Server metrics", .hangGuard)
struct MetricsTests {
    @Test func callsErrorsAndDurationsAreRecordedPerMethodAndCode() async throws {
        let metrics = RecordingMetrics()
        let directory = try TestServer.temporaryDirectory()
        let server = RPCServer(configuration: .init(endpoints: [.unix(path: directory.appendingPathComponent("m.sock").path)]),
                               router: TestMethods.router(), logger: TestServer.logger,
                               eventLoopGroup: MultiThreadedEventLoopGroup.singleton, metricsFactory: metrics)
        let run = Task { try await server.run() }
        let client = RPCClient(endpoint: try await server.boundEndpoints()[0])
        for _ in 0..<3 { try await expectServing(client) }
        _ = try? await client.call(TestMethods.notFound, HealthCheckRequest())
        _ = try? await client.call(RPCMethod<HealthCheckRequest, HealthCheckResponse>("/no.Such/Method"), HealthCheckRequest())
        run.cancel()
        try await run.value

        let check = Methods.Health.check
        #expect(metrics.values("rpc_server_calls_total{code=OK,method=\(check)}") == [1, 1, 1])
        #expect(metrics.values("rpc_server_errors_total{code=OK,method=\(check)}").isEmpty)
        #expect(metrics.values("rpc_server_calls_total{code=NOT_FOUND,method=\(TestMethods.notFound)}") == [1])
        #expect(metrics.values("rpc_server_errors_total{code=NOT_FOUND,method=\(TestMethods.notFound)}") == [1])
        #expect(metrics.values("rpc_server_errors_total{code=UNIMPLEMENTED,method=unknown}") == [1])
        let durations = metrics.values("rpc_server_duration_seconds{method=\(check)}")
        #expect(durations.count == 3)
        #expect(durations.allSatisfy { $0 > 0 })
    }
}

import Contracts
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Wire

@Suite("Calls over real sockets", .hangGuard)
struct CallTests {
    @Test(arguments: [TestServer.Transport.unix, .tcp])
    func healthCheckRoundTrips(_ transport: TestServer.Transport) async throws {
        try await withServer(transport) { server in
            let client = server.client()
            let reply = try await client.call(Methods.Health.check, HealthCheckRequest())
            #expect(reply.status == .serving)
            let echo = try await client.call(TestMethods.echo, HealthCheckRequest(service: "zürich ✓"))
            #expect(echo.service == "zürich ✓")
            await client.close()
        }
    }

    @Test func tcpPortZeroIsResolved() async throws {
        try await withServer(.tcp) { server in
            guard case .tcp(let host, let port) = server.endpoint else { Issue.record("not tcp"); return }
            #expect(host == "127.0.0.1")
            #expect(port > 0)
        }
    }

    @Test func unixSocketFileIsPrivateAndRemovedOnExit() async throws {
        let server = try await TestServer.start(.unix)
        guard case .unix(let path) = server.endpoint else { Issue.record("not unix"); return }
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        try await server.stop()
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func staleSocketFileIsReplaced() async throws {
        let first = try await TestServer.start(.unix)
        guard case .unix(let path) = first.endpoint else { return }
        // Simulate a crash: the file stays while nobody listens.
        first.runTask.cancel()
        try await first.runTask.value
        try leaveStaleSocketFile(at: path)
        let configuration = RPCServerConfiguration(endpoints: [.unix(path: path)])
        let server = RPCServer(configuration: configuration, router: TestMethods.router(), logger: TestServer.logger)
        let run = Task { try await server.run() }
        _ = try await server.boundEndpoints()
        let reply = try await RPCClient(endpoint: .unix(path: path)).call(Methods.Health.check, HealthCheckRequest())
        #expect(reply.status == .serving)
        run.cancel()
        try await run.value
    }

    @Test func manyConcurrentCallsShareOneConnectionAndMatchByID() async throws {
        try await withServer { server in
            let client = server.client()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        // Later calls finish first: replies come back out of order.
                        let service = index % 4 == 0 ? "sleep:\(50 - index / 4)" : "call-\(index)"
                        let reply = try await client.call(TestMethods.echo, HealthCheckRequest(service: service))
                        #expect(reply.service == service)
                    }
                }
                try await group.waitForAll()
            }
            await client.close()
        }
    }

    @Test func unknownMethodIsUnimplementedAndNamesIt() async throws {
        try await withServer { server in
            let error = await #expect(throws: RPCError.self) {
                try await server.client().call(RPCMethod<HealthCheckRequest, HealthCheckResponse>("/nope.v1.Nope/Missing"), HealthCheckRequest())
            }
            #expect(error?.code == .unimplemented)
            #expect(error?.message.contains("/nope.v1.Nope/Missing") == true)
        }
    }

    @Test func handlerErrorsReachTheCaller() async throws {
        try await withServer { server in
            let client = server.client()
            let cases: [(RPCMethod<HealthCheckRequest, HealthCheckResponse>, StatusCode, String)] = [
                (TestMethods.notFound, .notFound, "no beat 42"),
                (TestMethods.domain, .failedPrecondition, "beat 1234 is locked"),
                (TestMethods.opaque, .internalError, "internal error"),
            ]
            for (method, code, message) in cases {
                let error = await #expect(throws: RPCError.self) {
                    try await client.call(method, HealthCheckRequest())
                }
                #expect(error?.code == code)
                #expect(error?.message == message)
            }
            // The connection survives errors.
            try await expectServing(client)
        }
    }

    @Test func undecodableRequestIsInvalidArgumentNamingTheType() async throws {
        try await withServer { server in
            let client = server.client()
            // A HealthCheckResponse with status 3 is field 1 as a varint: not a valid string field.
            // Sending it needs a method typed with the wrong request: the typed one refuses to compile.
            let mistyped = RPCMethod<HealthCheckResponse, HealthCheckResponse>(Methods.Health.check.fullName)
            let error = await #expect(throws: RPCError.self) {
                try await client.call(mistyped, HealthCheckResponse(status: .serviceUnknown))
            }
            #expect(error?.code == .invalidArgument)
            #expect(error?.message.contains(HealthCheckRequest.protoName) == true)
        }
    }

    @Test func undecodableReplyIsInternal() async throws {
        try await withServer { server in
            // Echo returns a HealthCheckRequest whose string field cannot be read as the response's enum.
            let error = await #expect(throws: RPCError.self) {
                try await server.client().call(TestMethods.echo.withReply(HealthCheckResponse.self), HealthCheckRequest(service: "abc"))
            }
            #expect(error?.code == .internalError)
            #expect(error?.message.contains(HealthCheckResponse.protoName) == true)
        }
    }

    @Test func metadataReachesTheHandler() async throws {
        try await withServer { server in
            let client = server.client()
            // Any deadline will do: the handler only reports that it has one.
            let reply = try await client.call(TestMethods.requestID, HealthCheckRequest(), timeout: .seconds(3_600),
                                              metadata: [MetadataEntry(key: "x-request-id", value: "req-7"),
                                                         MetadataEntry(key: "authorization", value: "Bearer t0k")])
            #expect(reply.service == "req-7|Bearer t0k|true")
            let generated = try await client.call(TestMethods.requestID, HealthCheckRequest())
            #expect(generated.service.hasSuffix("|-|false"))
            #expect(generated.service.count == 16 + 8)
        }
    }

    @Test func connectionRefusedIsUnavailable() async throws {
        let directory = try TestServer.temporaryDirectory()
        let client = RPCClient(endpoint: .unix(path: directory.appendingPathComponent("none.sock").path))
        let error = await #expect(throws: RPCError.self) {
            try await client.call(Methods.Health.check, HealthCheckRequest())
        }
        #expect(error?.code == .unavailable)
        let tcp = RPCClient(endpoint: .tcp(host: "127.0.0.1", port: 1))
        let tcpError = await #expect(throws: RPCError.self) {
            try await tcp.call(Methods.Health.check, HealthCheckRequest())
        }
        #expect(tcpError?.code == .unavailable)
    }

    @Test func requestOverTheClientCapFailsLocallyAndTheConnectionStaysUsable() async throws {
        try await withServer { server in
            let client = server.client(.init(maxFrameBytes: 1_000))
            try await expectServing(client)
            let error = await #expect(throws: RPCError.self) {
                try await client.call(TestMethods.echo, HealthCheckRequest(service: String(repeating: "x", count: 2_000)))
            }
            #expect(error?.code == .resourceExhausted)
            #expect(error?.message.contains("exceeds the 1000-byte limit") == true)
            try await expectServing(client)
        }
    }

    @Test func clientReconnectsAfterTheServerRestarts() async throws {
        let directory = try TestServer.temporaryDirectory()
        let endpoint = Endpoint.unix(path: directory.appendingPathComponent("r.sock").path)
        let gate = Gate()
        func startServer() async throws -> (RPCServer, Task<Void, any Error>) {
            let server = RPCServer(configuration: .init(endpoints: [endpoint]), router: TestMethods.router(gate: gate), logger: TestServer.logger)
            let run = Task { try await server.run() }
            _ = try await server.boundEndpoints()
            return (server, run)
        }
        let client = RPCClient(endpoint: endpoint)
        let (_, firstRun) = try await startServer()
        try await expectServing(client)

        // A call in flight when the connection drops fails with UNAVAILABLE.
        let dropped = Task { try await client.call(TestMethods.wait, HealthCheckRequest()) }
        await gate.waitForArrivals(1)
        firstRun.cancel()
        try await firstRun.value
        let error = await #expect(throws: RPCError.self) { try await dropped.value }
        #expect(error?.code == .unavailable)

        let (_, secondRun) = try await startServer()
        try await expectServing(client)
        secondRun.cancel()
        try await secondRun.value
        await client.close()
    }
}

/// Binds a Unix socket at `path` and closes it without removing the file, as a crashed server would.
private func leaveStaleSocketFile(at path: String) throws {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw RPCError(.internalError, "socket() failed") }
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        raw.copyBytes(from: path.utf8.prefix(raw.count - 1))
    }
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard result == 0 else { throw RPCError(.internalError, "bind() failed") }
    #expect(FileManager.default.fileExists(atPath: path))
}

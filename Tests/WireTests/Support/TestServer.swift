import Foundation
import Logging
import ServiceLifecycle
@testable import Wire

/// A real server on a socket in a fresh temporary folder (or TCP port 0 on 127.0.0.1), run by a
/// ServiceGroup that the test can shut down gracefully.
struct TestServer {
    let server: RPCServer
    let group: ServiceGroup
    let runTask: Task<Void, any Error>
    let endpoint: Endpoint
    let directory: URL

    static let logger = Logger(label: "wire-tests") { _ in SwiftLogNoOpLogHandler() }

    enum Transport { case unix, tcp }

    static func start(_ transport: Transport = .unix, router: RPCRouter = TestMethods.router(),
                      maxFrameBytes: Int = 4 << 20, drainTimeout: Duration = .seconds(10),
                      logger: Logger = TestServer.logger) async throws -> TestServer {
        let directory = try temporaryDirectory()
        let endpoint: Endpoint = switch transport {
        case .unix: .unix(path: directory.appendingPathComponent("s.sock").path)
        case .tcp: .tcp(host: "127.0.0.1", port: 0)
        }
        let configuration = RPCServerConfiguration(endpoints: [endpoint], maxFrameBytes: maxFrameBytes, drainTimeout: drainTimeout)
        let server = RPCServer(configuration: configuration, router: router, logger: logger)
        let group = ServiceGroup(services: [server], logger: TestServer.logger)
        let runTask = Task { try await group.run() }
        let bound = try await server.boundEndpoints()
        return TestServer(server: server, group: group, runTask: runTask, endpoint: bound[0], directory: directory)
    }

    /// Graceful shutdown; returns what `run()` returned.
    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await runTask.value
        try? FileManager.default.removeItem(at: directory)
    }

    func client(_ configuration: RPCClientConfiguration = .init()) -> RPCClient {
        RPCClient(endpoint: endpoint, configuration: configuration)
    }

    /// A short, fresh folder (Unix socket paths are limited to 107 bytes).
    static func temporaryDirectory() throws -> URL {
        let url = URL(fileURLWithPath: "/tmp/wire-\(UInt32.random(in: .min ... .max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Runs `body` with a started server and always stops it.
func withServer<T>(_ transport: TestServer.Transport = .unix, router: RPCRouter = TestMethods.router(),
                   maxFrameBytes: Int = 4 << 20, _ body: (TestServer) async throws -> T) async throws -> T {
    let server = try await TestServer.start(transport, router: router, maxFrameBytes: maxFrameBytes)
    do {
        let result = try await body(server)
        try await server.stop()
        return result
    } catch {
        try? await server.stop()
        throw error
    }
}

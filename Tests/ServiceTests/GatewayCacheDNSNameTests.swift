#if canImport(Glibc)
import Glibc
#endif
import Contracts
@testable import GatewayCore
import Logging
import TestSupport
import Testing
import Wire

/// The response cache stays on when the heatmap endpoint is a DNS name (as in compose and
/// Kubernetes): the watcher resolves the name and long-polls each address on its own, so the
/// cache learns the position of the replica behind it. A real `heatmap` process on 127.0.0.1,
/// named `localhost`.
@Suite("Gateway response cache behind a DNS name", .serialized, .timeLimit(.minutes(10)))
struct GatewayCacheDNSNameTests {
    @Test func aHeatmapBehindAHostNameIsWatchedPerAddress() async throws {
        try await TestDatabase.withDatabase(label: "gwcache-dns") { database in
            let folder = try TemporaryDirectory(prefix: "cs-gwdns")
            defer { folder.remove() }
            let port = try Self.freePort()
            let heatmapProcess = try ServiceProcess(
                "heatmap", arguments: ["serve", "--listen", "tcp://127.0.0.1:\(port)", "--database-url", database.url,
                                       "--ingest-endpoint", "unix://\(folder.path("no-ingest.sock"))"],
                logDirectory: folder.url)
            let client = RPCClient(endpoint: .tcp(host: "127.0.0.1", port: port))
            let cache = ResponseCache()
            let watcher = HeatmapPositionWatcher(endpoints: [.tcp(host: "localhost", port: port)], cache: cache, hold: .seconds(1),
                                                 logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
            let watching = Task { await watcher.watch() }
            #expect(try await BackendProcessTests.waitForHealth(client, process: heatmapProcess).status == .serving)
            await cache.waitForPosition(atLeast: 0)
            #expect(cache.position == 0 && cache.lookup("k").isOn, "the cache is on behind the name 'localhost'")
            watching.cancel()
            await watching.value
            #expect(cache.position == nil, "a stopped watcher forgets its replicas' positions")
            await client.close()
            #expect(await heatmapProcess.terminate() == 0)
        }
    }

    /// A TCP port nothing listens on now (the kernel's pick for port 0).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RPCError(.internalError, "socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic -> Bool in
                bind(fd, generic, length) == 0 && getsockname(fd, generic, &length) == 0
            }
        }
        guard bound else { throw RPCError(.internalError, "bind() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

import Contracts
import Foundation
import Postgres
import TestSupport
import Testing
import Wire

/// The real `ingest`, `heatmap` and `predict` executables against a real database.
@Suite("Backend executables start, migrate, serve Health and stop on SIGTERM", .serialized, .timeLimit(.minutes(10)))
struct BackendProcessTests {
    @Test(arguments: ["ingest", "heatmap", "predict"])
    func servesHealthAndExitsCleanly(service: String) async throws {
        let database = try await TestDatabase.create(label: service)
        let folder = try TemporaryDirectory(prefix: "cs-\(service)")
        defer { folder.remove() }
        let socket = folder.path("\(service).sock")
        let process = try ServiceProcess(
            service, arguments: ["serve", "--listen", "unix://\(socket)", "--database-url", database.url]
                + Self.peerArguments(of: service, in: folder),
            logDirectory: folder.url)

        let client = RPCClient(endpoint: .unix(path: socket))
        let reply = try await Self.waitForHealth(client, process: process)
        #expect(reply.status == .serving)

        let attributes = try FileManager.default.attributesOfItem(atPath: socket)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let serviceName = "crimescope.\(service).v1.\(service.prefix(1).uppercased() + service.dropFirst())"
        let named = try await client.call(Methods.Health.check, HealthCheckRequest(service: serviceName))
        #expect(named.status == .serving)
        let unknown = await #expect(throws: RPCError.self) {
            try await client.call(Methods.Health.check, HealthCheckRequest(service: "no.such.Service"))
        }
        #expect(unknown?.code == .notFound)
        await client.close()

        let pool = database.pool(size: 1)
        let rows = try await pool.query("SELECT version FROM \(service).schema_migrations ORDER BY version", [])
        #expect(rows.count >= 1)
        await pool.shutdown()

        let status = await process.terminate()
        #expect(status == 0, "exit status \(String(describing: status)); log:\n\(process.log())")
        #expect(!FileManager.default.fileExists(atPath: socket), "the socket file is removed at exit")
        try await database.drop()
    }

    @Test func missingDatabaseURLStopsStartUpNamingTheSetting() async throws {
        let folder = try TemporaryDirectory(prefix: "cs-cfg")
        defer { folder.remove() }
        let process = try ServiceProcess(
            "heatmap", arguments: ["serve", "--listen", "unix://\(folder.path("h.sock"))"],
            environment: ["CRIMESCOPE_DATABASE_URL": ""], logDirectory: folder.url)
        let status = await process.waitForExit()
        #expect(status != nil && status != 0)
        #expect(process.log().contains("CRIMESCOPE_DATABASE_URL"))
    }

    /// The peers each service calls: heatmap consumes ingest's outbox; predict trains from ingest and heatmap.
    /// Neither needs them to answer for Health to be SERVING.
    static func peerArguments(of service: String, in folder: TemporaryDirectory) -> [String] {
        let ingest = ["--ingest-endpoint", "unix://\(folder.path("ingest.sock"))"]
        switch service {
        case "heatmap": return ingest
        case "predict": return ingest + ["--heatmap-endpoint", "unix://\(folder.path("heatmap.sock"))"]
        default: return []
        }
    }

    /// Asks Health until the service answers SERVING: a starting service announces nothing, so
    /// this waits on its state, failing when the process exits first.
    static func waitForHealth(_ client: RPCClient, process: ServiceProcess) async throws -> HealthCheckResponse {
        try await waitForState("\(process.name) to answer Health SERVING", while: process) {
            do {
                let reply = try await client.call(Methods.Health.check, HealthCheckRequest())
                return reply.status == .serving ? reply : nil
            } catch let error as RPCError where error.code == .unavailable {
                return nil  // not listening yet
            }
        }
    }
}

import ServiceKit
import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Wire

/// What makes one backend service: its name, the schema it owns, its migrations, and how
/// to register its RPC handlers and background services.
public struct BackendDefinition: Sendable {
    /// Short name used in logs and metrics, e.g. `ingest`.
    public var name: String
    /// The PostgreSQL schema the service owns; it never touches another.
    public var schema: String
    /// Full protobuf service names it serves, e.g. `crimescope.ingest.v1.Ingest`.
    public var serviceNames: [String]
    /// Folder of `NNNN_name.sql` migrations for `schema`.
    public var migrationsDirectory: URL
    /// Registers the service's handlers on the router and returns its background services.
    public var assemble: @Sendable (BackendContext, inout RPCRouter) async throws -> [any Service]

    public init(name: String, schema: String, serviceNames: [String], migrationsDirectory: URL,
                assemble: @escaping @Sendable (BackendContext, inout RPCRouter) async throws -> [any Service]) {
        self.name = name
        self.schema = schema
        self.serviceNames = serviceNames
        self.migrationsDirectory = migrationsDirectory
        self.assemble = assemble
    }
}

/// What a backend's handlers get to work with.
public struct BackendContext: Sendable {
    public var configuration: BackendConfiguration
    public var pool: PostgresPool
    /// The pool for read-only work (`--database-read-url`); `pool` itself when no read URL is set.
    /// A standby may trail the primary: use it for reads that tolerate that, never before a write.
    public var readPool: PostgresPool
    public var writeAuthorization: WriteAuthorization
    public var logger: Logger
    /// The process's Health/Check states (a consumer reports its lag here).
    public var healthBoard: HealthStatusBoard
}

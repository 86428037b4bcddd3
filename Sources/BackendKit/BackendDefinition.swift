import ServiceKit
import Foundation
import Logging
import Postgres
import ServiceLifecycle
import Wire

/// What makes one backend service: its name, the schema it owns, its migrations, and how
/// to register its RPC handlers and background services.
package struct BackendDefinition: Sendable {
    /// Short name used in logs and metrics, e.g. `ingest`.
    package var name: String
    /// The PostgreSQL schema the service owns; it never touches another.
    package var schema: String
    /// Full protobuf service names it serves, e.g. `crimescope.ingest.v1.Ingest`.
    package var serviceNames: [String]
    /// Folder of `NNNN_name.sql` migrations for `schema`.
    package var migrationsDirectory: URL
    /// Registers the service's handlers on the router and returns its background services.
    package var assemble: @Sendable (BackendContext, inout RPCRouter) async throws -> [any Service]

    package init(name: String, schema: String, serviceNames: [String], migrationsDirectory: URL,
                assemble: @escaping @Sendable (BackendContext, inout RPCRouter) async throws -> [any Service]) {
        self.name = name
        self.schema = schema
        self.serviceNames = serviceNames
        self.migrationsDirectory = migrationsDirectory
        self.assemble = assemble
    }
}

/// What a backend's handlers get to work with.
package struct BackendContext: Sendable {
    package var configuration: BackendConfiguration
    package var pool: PostgresPool
    /// The pool for read-only work (`--database-read-url`); `pool` itself when no read URL is set.
    /// A standby may trail the primary: use it for reads that tolerate that, never before a write.
    package var readPool: PostgresPool
    package var writeAuthorization: WriteAuthorization
    package var logger: Logger
    /// The process's Health/Check states (a consumer reports its lag here).
    package var healthBoard: HealthStatusBoard
}

import Foundation
import Logging
import NIOPosix
import Postgres

/// A fresh, private PostgreSQL database (with PostGIS) for one test, on the cluster named by
/// `CRIMESCOPE_TEST_DATABASE_URL` (for example `scripts/pg.sh url /tmp/cs-pg`).
///
/// Databases are cloned from a template (`cs_test_template`) that has PostGIS installed; the first
/// caller builds it under an advisory lock, so parallel tests and processes agree. Cloning takes a
/// fraction of a second. Use ``withDatabase(label:_:)`` to have the database dropped afterwards.
package struct TestDatabase: Sendable {
    /// The environment variable holding the admin URL.
    package static let urlVariable = "CRIMESCOPE_TEST_DATABASE_URL"
    static let templateName = "cs_test_template"

    /// The database name, `cs_test_<label>_<random>`.
    package let name: String
    /// A URL for this database (the admin URL with its database replaced).
    package let url: String
    let adminURL: String

    /// The admin URL from the environment, or ``TestDatabaseError/missingURL``.
    static func adminURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment[urlVariable], !url.isEmpty else {
            throw TestDatabaseError.missingURL
        }
        return url
    }

    /// Creates `cs_test_<label>_<random>` from the PostGIS template (building the template first if needed).
    package static func create(label: String) async throws -> TestDatabase {
        let adminURL = try adminURL()
        let name = "cs_test_\(sanitized(label))_\(randomSuffix())"
        let url = try replacingDatabase(in: adminURL, with: name)
        try await NIOThreadPool.singleton.runIfActive {
            let admin = try PostgresConnection.connect(to: adminURL)
            defer { admin.close() }
            try ensureTemplate(admin: admin, adminURL: adminURL)
            try createDatabase(name, admin: admin)
        }
        return TestDatabase(name: name, url: url, adminURL: adminURL)
    }

    /// Creates a database, runs `body`, and drops the database whether `body` succeeded or threw.
    package static func withDatabase<T: Sendable>(
        label: String,
        _ body: (TestDatabase) async throws -> T
    ) async throws -> T {
        let database = try await create(label: label)
        do {
            let value = try await body(database)
            try await database.drop()
            return value
        } catch {
            try? await database.drop()
            throw error
        }
    }

    /// A pool on this database (remember to `shutdown()` it).
    package func pool(size: Int = 4, acquireTimeout: Duration? = nil) -> PostgresPool {
        PostgresPool(url: url, size: size, acquireTimeout: acquireTimeout,
                     logger: Logger(label: "crimescope.test.\(name)"))
    }

    /// A single connection on this database (blocking; close it when done).
    package func connect() throws -> PostgresConnection {
        try PostgresConnection.connect(to: url)
    }

    /// Drops the database, disconnecting anyone still connected.
    package func drop() async throws {
        let adminURL = self.adminURL
        let name = self.name
        try await NIOThreadPool.singleton.runIfActive {
            let admin = try PostgresConnection.connect(to: adminURL)
            defer { admin.close() }
            try admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        }
    }

    // MARK: - Internals

    private static func ensureTemplate(admin: PostgresConnection, adminURL: String) throws {
        let exists = "SELECT count(*) FROM pg_database WHERE datname = $1"
        if try admin.query(exists, [templateName]).scalar(Int.self) > 0 { return }
        let lockKey: Int64 = 0x6373_5f74_6d70_6c74  // "cs_tmplt"
        try admin.query("SELECT pg_advisory_lock($1)", [lockKey])
        defer { _ = try? admin.query("SELECT pg_advisory_unlock($1)", [lockKey]) }
        if try admin.query(exists, [templateName]).scalar(Int.self) > 0 { return }

        // Build under a temporary name and rename at the end, so a crash never leaves a half-built template.
        let building = "\(templateName)_building"
        try admin.execute("DROP DATABASE IF EXISTS \(building) WITH (FORCE)")
        try admin.execute("CREATE DATABASE \(building) TEMPLATE template0 ENCODING 'UTF8'")
        let setup = try PostgresConnection.connect(to: try replacingDatabase(in: adminURL, with: building))
        do {
            try setup.execute("CREATE EXTENSION IF NOT EXISTS postgis")
        } catch {
            setup.close()
            throw error
        }
        setup.close()
        try admin.execute("ALTER DATABASE \(building) RENAME TO \(templateName)")
        try admin.execute("ALTER DATABASE \(templateName) WITH IS_TEMPLATE true ALLOW_CONNECTIONS false")
    }

    private static func createDatabase(_ name: String, admin: PostgresConnection) throws {
        // CREATE DATABASE refuses a template that another session is connected to (55006, after
        // waiting up to 5 s itself), and PostgreSQL offers no event for that session leaving (a
        // backend still exiting after its client's PQfinish returned, say). So this retries on
        // 55006 only: the interval spaces the attempts, and only the hang guard ends them.
        let hangGuard = ContinuousClock.now + HangGuard.limit
        while true {
            do {
                try admin.execute("CREATE DATABASE \(name) TEMPLATE \(templateName)")
                return
            } catch {
                guard error.sqlState == "55006" else { throw error }
                guard ContinuousClock.now < hangGuard else { throw TestDatabaseError.templateBusy(templateName) }
                usleep(100_000)
            }
        }
    }

    static func sanitized(_ label: String) -> String {
        let allowed = label.lowercased().map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? $0 : "_" }
        return String(String(allowed).prefix(30))
    }

    private static func randomSuffix() -> String {
        String(UInt64.random(in: 0...UInt64.max), radix: 36)
    }

    static func replacingDatabase(in url: String, with database: String) throws -> String {
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            guard var components = URLComponents(string: url) else { throw TestDatabaseError.unusableURL(url) }
            components.path = "/" + database
            guard let replaced = components.string else { throw TestDatabaseError.unusableURL(url) }
            return replaced
        }
        // A libpq keyword string: a later keyword overrides an earlier one.
        return url + " dbname=\(database)"
    }
}

import Logging

/// Applies ``Migration``s to one schema, each exactly once, in version order.
///
/// `migrate(_:)`:
/// 1. checks the schema name against `^[a-z_][a-z0-9_]*$` (it is interpolated as an identifier);
/// 2. takes a session advisory lock keyed on the schema, so concurrent starters serialise;
/// 3. creates the schema and `<schema>.schema_migrations(version, name, applied_at)` if missing;
/// 4. applies each missing migration in its own transaction, with
///    `search_path = <schema>, public` (so unqualified names land in the schema and PostGIS in
///    `public` resolves), and records it in the same transaction.
///
/// A failing migration is rolled back and reported as a ``PostgresError/Kind/migration`` error
/// carrying its version and the server's SQLSTATE; earlier ones stay applied. Statements that cannot
/// run in a transaction (`CREATE INDEX CONCURRENTLY`) are not supported.
package struct Migrator: Sendable {
    /// The schema that owns the tables and the `schema_migrations` record.
    package let schema: String
    /// The migrations, in any order (they are sorted by version).
    package let migrations: [Migration]
    let logger: Logger

    package init(schema: String, migrations: [Migration], logger: Logger = Logger(label: "crimescope.postgres.migrator")) {
        self.schema = schema
        self.migrations = migrations.sorted { $0.version < $1.version }
        self.logger = logger
    }

    /// Applies the missing migrations; returns the versions applied now (empty when up to date).
    @discardableResult
    package func migrate(_ pool: PostgresPool) async throws -> [Int] {
        try validate()
        return try await pool.withConnection { connection in try self.migrate(connection) }
    }

    /// The same on a connection the caller owns (blocking).
    @discardableResult
    package func migrate(_ connection: PostgresConnection) throws -> [Int] {
        try validate()
        let lockKey = Self.advisoryLockKey(schema: schema)
        try connection.query("SELECT pg_advisory_lock($1)", [lockKey])
        defer { _ = try? connection.query("SELECT pg_advisory_unlock($1)", [lockKey]) }

        try connection.execute("""
            CREATE SCHEMA IF NOT EXISTS \(schema);
            CREATE TABLE IF NOT EXISTS \(schema).schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            );
            """)
        let rows = try connection.query("SELECT version, name FROM \(schema).schema_migrations")
        var appliedNames: [Int: String] = [:]
        for row in rows { appliedNames[try row.decode(Int.self, at: 0)] = try row.decode(String.self, at: 1) }

        var appliedNow: [Int] = []
        for migration in migrations {
            if let recordedName = appliedNames[migration.version] {
                if recordedName != migration.name {
                    logger.warning("migration \(migration.version) is recorded as \(recordedName) but the file says \(migration.name)")
                }
                continue
            }
            try apply(migration, on: connection)
            appliedNow.append(migration.version)
            logger.info("applied migration \(schema).\(migration.version)_\(migration.name)")
        }
        return appliedNow
    }

    private func apply(_ migration: Migration, on connection: PostgresConnection) throws {
        do {
            try connection.transaction {
                try connection.query("SELECT set_config('search_path', $1, true)", ["\(schema), public"])
                try connection.execute(migration.sql)
                try connection.query(
                    "INSERT INTO \(schema).schema_migrations (version, name) VALUES ($1, $2)",
                    [migration.version, migration.name]
                )
            }
        } catch let error as PostgresError {
            throw PostgresError(
                kind: .migration,
                message: "migration \(migration.version) (\(migration.name)) in schema \(schema) failed and was rolled back: \(error.message)",
                sqlState: error.sqlState,
                detail: error.detail,
                hint: error.hint,
                migrationVersion: migration.version
            )
        }
    }

    private func validate() throws(PostgresError) {
        guard Self.isValidSchemaName(schema) else {
            throw PostgresError(
                kind: .migration,
                message: "invalid schema name \"\(schema)\": it must match ^[a-z_][a-z0-9_]*$ (at most 63 characters)"
            )
        }
        var seen = Set<Int>()
        for migration in migrations where !seen.insert(migration.version).inserted {
            throw PostgresError(kind: .migration, message: "duplicate migration version \(migration.version)",
                                migrationVersion: migration.version)
        }
    }

    static func isValidSchemaName(_ name: String) -> Bool {
        guard let first = name.first, name.utf8.count <= 63, first == "_" || first.isLowercaseASCIILetter else { return false }
        return name.allSatisfy { $0 == "_" || $0.isLowercaseASCIILetter || $0.isASCIIDigitCharacter }
    }

    /// A stable 64-bit key (FNV-1a of `crimescope.migrations.<schema>`), the same on every server version.
    static func advisoryLockKey(schema: String) -> Int64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "crimescope.migrations.\(schema)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int64(bitPattern: hash)
    }
}

import Foundation
import Postgres
import Testing

@Suite("Migrations")
struct MigrationTests {
    static let migrations = [
        Migration(version: 1, name: "create_incidents", sql: """
            CREATE TABLE incidents (id bigserial PRIMARY KEY, city text NOT NULL);
            CREATE INDEX incidents_city ON incidents (city);
            """),
        Migration(version: 2, name: "add_location", sql: "ALTER TABLE incidents ADD COLUMN location geometry(Point, 4326);"),
        Migration(version: 3, name: "seed", sql: "INSERT INTO incidents (city) VALUES ('chicago'), ('boston');"),
    ]

    @Test func appliesInOrderAndRecordsThem() async throws {
        try await withTestPool("migrate_order") { pool, _ in
            let migrator = Migrator(schema: "ingest", migrations: Self.migrations.reversed())
            #expect(try await migrator.migrate(pool) == [1, 2, 3])
            let recorded = try await pool.query("SELECT version, name FROM ingest.schema_migrations ORDER BY version")
            #expect(try recorded.map { try $0.decode(Int.self, at: 0) } == [1, 2, 3])
            #expect(try recorded.map { try $0.decode(String.self, at: 1) } == ["create_incidents", "add_location", "seed"])
            #expect(try await pool.query("SELECT count(*) FROM ingest.incidents").scalar(Int.self) == 2)

            #expect(try await migrator.migrate(pool) == [])
            #expect(try await pool.query("SELECT count(*) FROM ingest.incidents").scalar(Int.self) == 2)

            let extended = Migrator(schema: "ingest", migrations: Self.migrations + [
                Migration(version: 4, name: "more", sql: "INSERT INTO incidents (city) VALUES ('denver');"),
            ])
            #expect(try await extended.migrate(pool) == [4])
        }
    }

    @Test func concurrentMigratorsApplyEachVersionOnce() async throws {
        try await withTestPool("migrate_race", size: 6) { pool, _ in
            let counting = Self.migrations + [Migration(version: 10, name: "count_runs", sql: """
                CREATE TABLE runs (n int);
                INSERT INTO runs VALUES (1);
                SELECT pg_sleep(0.05);
                """)]
            let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
                for _ in 0..<5 {
                    group.addTask { try await Migrator(schema: "race", migrations: counting).migrate(pool) }
                }
                return try await group.reduce(into: [[Int]]()) { $0.append($1) }
            }
            #expect(applied.flatMap { $0 }.sorted() == [1, 2, 3, 10])
            #expect(try await pool.query("SELECT count(*) FROM race.runs").scalar(Int.self) == 1)
            #expect(try await pool.query("SELECT count(*) FROM race.incidents").scalar(Int.self) == 2)
        }
    }

    @Test func failingMigrationRollsBackAndReportsVersion() async throws {
        try await withTestPool("migrate_fail") { pool, _ in
            let broken = Self.migrations + [Migration(version: 4, name: "broken", sql: """
                CREATE TABLE half_done (id int);
                INSERT INTO no_such_table VALUES (1);
                """)]
            let error = try await #require(throws: PostgresError.self) {
                try await Migrator(schema: "fails", migrations: broken).migrate(pool)
            }
            #expect(error.kind == .migration)
            #expect(error.migrationVersion == 4)
            #expect(error.sqlState == "42P01")
            #expect(error.message.contains("4"))
            let versions = try await pool.query("SELECT version FROM fails.schema_migrations ORDER BY version")
            #expect(try versions.map { try $0.decode(Int.self, at: 0) } == [1, 2, 3])
            let halfDone = try await pool.query("SELECT to_regclass('fails.half_done') IS NULL").scalar(Bool.self)
            #expect(halfDone)
        }
    }

    @Test func rejectsBadSchemaNames() async throws {
        try await withTestPool("migrate_schema", size: 1) { pool, _ in
            for name in ["Ingest", "1abc", "a-b", "x; DROP TABLE y", ""] {
                let error = try await #require(throws: PostgresError.self) {
                    try await Migrator(schema: name, migrations: Self.migrations).migrate(pool)
                }
                #expect(error.kind == .migration)
            }
        }
    }

    @Test func loadsFilesInOrder() throws {
        let directory = try temporaryDirectory(files: [
            "0002_add_column.sql": "ALTER TABLE t ADD COLUMN b int;",
            "0001_create_t.sql": "CREATE TABLE t (a int);",
            "0010_later.sql": "SELECT 1;",
            "README.md": "ignored",
        ])
        defer { try? FileManager.default.removeItem(at: directory) }
        let loaded = try Migration.load(directory: directory)
        #expect(loaded.map(\.version) == [1, 2, 10])
        #expect(loaded.map(\.name) == ["create_t", "add_column", "later"])
        #expect(loaded[0].sql == "CREATE TABLE t (a int);")
    }

    @Test func loadRejectsDuplicatesAndBadNames() throws {
        for files in [
            ["0001_a.sql": "", "001_b.sql": ""],
            ["0001-create.sql": ""],
            ["create.sql": ""],
            ["0001_Create.sql": ""],
            ["0000_zero.sql": ""],
        ] {
            let directory = try temporaryDirectory(files: files)
            defer { try? FileManager.default.removeItem(at: directory) }
            let error = try #require(throws: PostgresError.self) { try Migration.load(directory: directory) }
            #expect(error.kind == .migration)
        }
    }

    private func temporaryDirectory(files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, contents) in files {
            try contents.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }
}

@testable import Postgres
import Testing

@Suite("Transactions and server errors")
struct TransactionTests {
    struct Abort: Error {}

    @Test func rollbackOnThrowLeavesNothing() async throws {
        try await withTestPool("tx_rollback") { pool, _ in
            try await pool.execute("CREATE TABLE events (id int PRIMARY KEY)")
            await #expect(throws: Abort.self) {
                try await pool.withTransaction { connection in
                    try connection.query("INSERT INTO events VALUES ($1)", [1])
                    try connection.query("INSERT INTO events VALUES ($1)", [2])
                    throw Abort()
                }
            }
            #expect(try await pool.query("SELECT count(*) FROM events").scalar(Int.self) == 0)
            let committed = try await pool.withTransaction { connection in
                try connection.query("INSERT INTO events VALUES ($1), ($2)", [1, 2]).affectedRows
            }
            #expect(committed == 2)
            #expect(try await pool.query("SELECT count(*) FROM events").scalar(Int.self) == 2)
        }
    }

    @Test func uniqueViolationReportsSQLState() async throws {
        try await withTestPool("tx_unique") { pool, _ in
            try await pool.execute("CREATE TABLE users (email text PRIMARY KEY)")
            try await pool.query("INSERT INTO users VALUES ($1)", ["a@example.com"])
            let error = try await #require(throws: PostgresError.self) {
                try await pool.query("INSERT INTO users VALUES ($1)", ["a@example.com"])
            }
            #expect(error.sqlState == "23505")
            #expect(error.isUniqueViolation)
            #expect(error.kind == .query)
            #expect(error.detail?.contains("a@example.com") == true)
        }
    }

    @Test func swallowedErrorInsideTransactionIsNotCommitted() async throws {
        try await withTestPool("tx_swallowed", size: 1) { pool, _ in
            try await pool.execute("CREATE TABLE t (id int PRIMARY KEY)")
            let error = try await #require(throws: PostgresError.self) {
                try await pool.withTransaction { connection in
                    try connection.query("INSERT INTO t VALUES (1)")
                    _ = try? connection.query("INSERT INTO t VALUES (1)")  // fails; error swallowed
                }
            }
            #expect(error.sqlState == "25P02")
            #expect(try await pool.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
        }
    }

    @Test func syntaxErrorCarriesSQLState() async throws {
        try await withTestPool("tx_syntax", size: 1) { pool, _ in
            let error = try await #require(throws: PostgresError.self) { try await pool.query("SELEC 1") }
            #expect(error.sqlState == "42601")
            #expect(try await pool.query("SELECT 2").scalar(Int.self) == 2)
        }
    }
}

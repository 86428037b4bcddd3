import Foundation
@testable import Postgres
import Synchronization
import TestSupport
import Testing

@Suite("Connection pool")
struct PoolTests {
    /// Counts how many bodies run at once and remembers the maximum.
    final class ConcurrencyGauge: Sendable {
        private let counts = Mutex((current: 0, maximum: 0))
        func enter() { counts.withLock { $0.current += 1; $0.maximum = max($0.maximum, $0.current) } }
        func leave() { counts.withLock { $0.current -= 1 } }
        var maximum: Int { counts.withLock { $0.maximum } }
    }

    @Test func exhaustedPoolMakesCallersWait() async throws {
        try await withTestPool("pool_wait", size: 2) { pool, _ in
            let gauge = ConcurrencyGauge()
            let backendIDs = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await pool.withConnection { connection in
                            gauge.enter()
                            defer { gauge.leave() }
                            // The first two hold their connections until both are in use (however
                            // slowly a loaded machine opens the second): a fixed pg_sleep could end first.
                            try Self.hold(connection, until: { gauge.maximum >= 2 })
                            return try connection.query("SELECT pg_backend_pid()").scalar(Int.self)
                        }
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(backendIDs.count == 6)
            #expect(Set(backendIDs).count <= 2)
            #expect(gauge.maximum == 2)
        }
    }

    @Test func acquireTimeoutGivesClearError() async throws {
        try await withTestPool("pool_timeout", size: 1, acquireTimeout: .milliseconds(100)) { pool, _ in
            // The holder says when it has the only connection (a fixed sleep raced with a loaded
            // machine, where opening the connection alone can take longer).
            // It keeps it until the test is done with the waiter (a hung test stops at the hang
            // guard), not for a fixed time a starved test task could outlast.
            let (holding, holds) = AsyncStream<Void>.makeStream()
            let release = Mutex(false)
            async let holder: Void = pool.withConnection { connection in
                holds.yield()
                try Self.hold(connection, until: release)
            }
            for await _ in holding { break }
            let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
            #expect(error.kind == .acquireTimeout)
            release.withLock { $0 = true }
            try await holder
            #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        }
    }

    @Test func cancelledWaiterLeavesTheQueue() async throws {
        try await withTestPool("pool_cancel", size: 1) { pool, _ in
            // The holder says when it has the only connection (a fixed sleep raced with a loaded
            // machine, where opening the connection alone can take longer).
            let (holding, holds) = AsyncStream<Void>.makeStream()
            let release = Mutex(false)
            async let holder: Void = pool.withConnection { connection in
                holds.yield()
                try Self.hold(connection, until: release)
            }
            for await _ in holding { break }
            let (queued, queues) = AsyncStream<Int>.makeStream()
            pool.observeQueuedWaiters { queues.yield($0) }
            let waiter = Task { try await pool.query("SELECT 1") }
            for await waiting in queued {
                #expect(waiting == 1)
                break
            }
            waiter.cancel()
            await #expect(throws: CancellationError.self) { try await waiter.value }
            release.withLock { $0 = true }
            try await holder
            pool.observeQueuedWaiters(nil)
            #expect(try await pool.query("SELECT 2").scalar(Int.self) == 2)
        }
    }

    @Test func brokenConnectionIsReplaced() async throws {
        try await withTestPool("pool_broken", size: 1) { pool, database in
            let firstPID = try await pool.query("SELECT pg_backend_pid()").scalar(Int.self)
            let admin = try database.connect()
            defer { admin.close() }
            // Returns once the backend has exited (the timeout is only an upper bound).
            #expect(try admin.query("SELECT pg_terminate_backend($1, 60000)", [firstPID]).scalar(Bool.self) == true)
            let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
            #expect(error.kind == .connection)
            let secondPID = try await pool.query("SELECT pg_backend_pid()").scalar(Int.self)
            #expect(secondPID != firstPID)
        }
    }

    @Test func openTransactionIsRolledBackOnRelease() async throws {
        try await withTestPool("pool_leftover", size: 1) { pool, _ in
            try await pool.execute("CREATE TABLE t (id int)")
            try await pool.withConnection { connection in
                try connection.query("BEGIN")
                try connection.query("INSERT INTO t VALUES (1)")
            }
            #expect(try await pool.query("SELECT count(*) FROM t").scalar(Int.self) == 0)
        }
    }

    @Test func shutdownFailsLaterCalls() async throws {
        let database = try await TestDatabase.create(label: "pool_shutdown")
        let pool = database.pool(size: 1)
        #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        await pool.shutdown()
        let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error.kind == .pool)
        try await database.drop()
    }

    @Test func missingURLErrorExplainsTheFix() {
        let message = TestDatabaseError.missingURL.description
        #expect(message.contains(TestDatabase.urlVariable))
        #expect(message.contains("scripts/pg.sh start"))
    }

    @Test func badURLFailsWithConnectionError() async throws {
        let pool = PostgresPool(url: "postgresql://postgres@127.0.0.1:1/nowhere?connect_timeout=2", size: 1)
        let error = try await #require(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error.kind == .connection)
        await pool.shutdown()
    }

    /// Keeps `connection` busy in short sleeps until `release` is set (or a hung test reaches the hang guard).
    private static func hold(_ connection: PostgresConnection, until release: borrowing Mutex<Bool>) throws {
        try hold(connection, until: { release.withLock { $0 } })
    }

    /// Keeps `connection` busy in short sleeps until `released()` says so (or a hung test reaches the hang guard).
    private static func hold(_ connection: PostgresConnection, until released: () -> Bool) throws {
        let deadline = ContinuousClock.now + HangGuard.limit
        while !released() && ContinuousClock.now < deadline {
            _ = try connection.query("SELECT pg_sleep(0.02)")
        }
    }
}

/// What the pool does when its server changes role or goes away, as in a failover.
@Suite("Connection pool across a failover")
struct PoolFailoverTests {
    @Test func aConnectionWhoseServerRefusesWritesIsReplaced() async throws {
        try await withTestPool("pool_readonly", size: 1) { pool, _ in
            // A session that the server treats like a hot standby: every write refused with 25006.
            let first = try await pool.withConnection { connection in
                try connection.query("SET SESSION default_transaction_read_only = on")
                return try connection.query("SELECT pg_backend_pid()").scalar(Int.self)
            }
            do {
                try await pool.query("CREATE TABLE refused (x int)")
                Issue.record("a write on a read-only session succeeded")
            } catch let error as PostgresError {
                #expect(error.isReadOnlyTransaction)
                #expect(error.hint?.contains("target_session_attrs=read-write") == true)
            }
            let (second, readOnly) = try await pool.withConnection { connection in
                (try connection.query("SELECT pg_backend_pid()").scalar(Int.self),
                 try connection.query("SHOW default_transaction_read_only").scalar(String.self))
            }
            #expect(second != first)
            #expect(readOnly == "off")
            try await pool.query("CREATE TABLE accepted (x int)")
        }
    }

    @Test func aServerLostMidStatementIsAClearErrorAndTheNextCallReconnects() async throws {
        try await withTestPool("pool_lost", size: 1) { pool, _ in
            let first = try await pool.withConnection { try $0.query("SELECT pg_backend_pid()").scalar(Int.self) }
            do {
                // The backend ends itself mid-statement, as when the primary dies.
                try await pool.query("SELECT pg_terminate_backend(pg_backend_pid())")
                Issue.record("the statement survived its backend")
            } catch let error as PostgresError {
                #expect(error.isConnectionFailure)
                #expect(error.hint?.contains("may or may not have been applied") == true)
            }
            let second = try await pool.withConnection { try $0.query("SELECT pg_backend_pid()").scalar(Int.self) }
            #expect(second != first)
        }
    }
}

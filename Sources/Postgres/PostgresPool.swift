import Logging
import NIOCore
import NIOPosix
import Synchronization

/// A bounded pool of ``PostgresConnection``s for async code.
///
/// - Connections are opened lazily, at most `size` at a time.
/// - libpq blocks, so every call runs on an `NIOThreadPool` (its own, with `size` threads, unless one
///   is passed in): never on an event loop, and never blocking the cooperative pool's threads.
/// - When all connections are leased, callers wait in FIFO order; with an `acquireTimeout` a waiter
///   gives up with a ``PostgresError/Kind/acquireTimeout`` error. Cancelling a waiting task removes it.
/// - A connection that broke (or was left inside a transaction that cannot be rolled back) is closed
///   and its slot reopened on demand; one left inside a transaction is rolled back first. So is one
///   whose server refused a write as read-only (SQLSTATE 25006: a standby, or an old primary after a
///   failover): the next connection is opened through the URL again, and a multi-host URL with
///   `target_session_attrs=read-write` reaches whichever member is the primary now.
/// - ``shutdown()`` closes idle connections, fails waiters, and closes the rest as they come back.
package final class PostgresPool: Sendable {
    /// The URL (or libpq keyword string) connections are opened with.
    package let url: String
    /// The maximum number of open connections.
    package let size: Int
    /// How long a caller may wait for a connection; `nil` waits as long as it takes.
    package let acquireTimeout: Duration?
    let logger: Logger
    private let threadPool: NIOThreadPool
    private let ownsThreadPool: Bool
    private let state: Mutex<PostgresPoolState>
    private let queueObserver = Mutex<(@Sendable (Int) -> Void)?>(nil)

    /// Creates a pool; no connection is opened until the first call.
    /// - Parameters:
    ///   - size: the maximum number of connections (at least 1).
    ///   - acquireTimeout: how long a caller waits for a free connection before failing.
    ///   - threadPool: where blocking calls run; by default a pool of `size` threads owned (started
    ///     and shut down) by this pool. A shared one should have at least `size` threads.
    package init(
        url: String,
        size: Int = 4,
        acquireTimeout: Duration? = nil,
        threadPool: NIOThreadPool? = nil,
        logger: Logger = Logger(label: "crimescope.postgres.pool")
    ) {
        self.url = url
        self.size = max(1, size)
        self.acquireTimeout = acquireTimeout
        self.logger = logger
        if let threadPool {
            self.threadPool = threadPool
            ownsThreadPool = false
        } else {
            self.threadPool = NIOThreadPool(numberOfThreads: max(1, size))
            self.threadPool.start()
            ownsThreadPool = true
        }
        state = Mutex(PostgresPoolState(capacity: max(1, size)))
    }

    deinit {
        if ownsThreadPool && !state.withLock({ $0.isShutdown }) {
            threadPool.shutdownGracefully { _ in }
        }
    }

    /// Leases a connection for the duration of `body`, which runs on the pool's thread pool.
    /// The connection returns to the pool afterwards, rolled back if `body` left a transaction open.
    package func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) throws -> T) async throws -> T {
        let connection = try await acquire()
        let outcome: Result<T, any Error>
        do {
            outcome = try await runBlocking { () -> Result<T, any Error> in
                let outcome = Result { try body(connection) }
                Self.rollBackIfNeeded(connection)
                if case .failure(let error as PostgresError) = outcome, error.isReadOnlyTransaction {
                    connection.logger.warning("the server refused a write as read-only: dropping the connection to reconnect to the primary")
                    connection.close()
                }
                return outcome
            }
        } catch {
            release(connection)
            throw error
        }
        release(connection)
        return try outcome.get()
    }

    /// Runs `body` inside `BEGIN` … `COMMIT` on one leased connection; any error thrown rolls back.
    package func withTransaction<T: Sendable>(_ body: @Sendable (PostgresConnection) throws -> T) async throws -> T {
        try await withConnection { connection in try connection.transaction { try body(connection) } }
    }

    /// Runs one statement with bound parameters on any free connection.
    @discardableResult
    package func query(_ sql: String, _ parameters: PostgresParameters = []) async throws -> PostgresRows {
        // `PostgresParameters` holds `any PostgresBindable`, which is Sendable; copy it for the closure.
        let bound = parameters
        return try await withConnection { connection in try connection.query(sql, bound) }
    }

    /// Runs a multi-statement script with the simple protocol (see ``PostgresConnection/execute(_:)``).
    package func execute(_ sql: String) async throws {
        try await withConnection { connection in try connection.execute(sql) }
    }

    /// Runs `COPY … FROM STDIN` on any free connection (see ``PostgresConnection/copyIn(_:_:)``).
    @discardableResult
    package func copyIn(_ sql: String, _ writer: @Sendable (CopyWriter) throws -> Void) async throws -> Int {
        try await withConnection { connection in try connection.copyIn(sql, writer) }
    }

    /// Closes idle connections, fails callers still waiting, and closes leased connections when they
    /// come back; later calls fail with a ``PostgresError/Kind/pool`` error.
    package func shutdown() async {
        let (idle, waiters) = state.withLock { $0.shutdown() }
        for waiter in waiters { waiter.resume(throwing: Self.shutdownError) }
        for connection in idle { connection.close() }
        if ownsThreadPool {
            do {
                try await threadPool.shutdownGracefully()
            } catch {
                logger.warning("thread pool shutdown failed: \(error)")
            }
        }
    }

    /// Test hook: `observer` is told the number of waiting callers each time a caller joins the
    /// queue, so a test can act on a queued waiter (cancel it) once it is queued, not after a guess.
    func observeQueuedWaiters(_ observer: (@Sendable (Int) -> Void)?) {
        queueObserver.withLock { $0 = observer }
    }

    // MARK: - Leasing

    static let shutdownError = PostgresError(kind: .pool, message: "the connection pool is shut down")

    private func acquire() async throws -> PostgresConnection {
        var lease = try await acquireLease()
        // An idle connection whose server went away (restart, failover) is closed and the lease
        // taken again, instead of failing the caller's first statement.
        while case .reuse(let connection) = lease, !connection.isStillConnected() {
            logger.info("discarding an idle connection the server closed")
            release(connection)
            lease = try await acquireLease()
        }
        switch lease {
        case .reuse(let connection):
            return connection
        case .open:
            do {
                let url = self.url
                let logger = self.logger
                return try await threadPool.runIfActive { try PostgresConnection.connect(to: url, logger: logger) }
            } catch {
                handOff(state.withLock { $0.releaseFailedOpen() })
                throw error
            }
        }
    }

    private func acquireLease() async throws -> PostgresPoolState.Lease {
        let id = state.withLock { $0.makeWaiterID() }
        let timer = acquireTimeout.map { timeout in
            Task { [weak self] in
                try await Task.sleep(for: timeout)
                self?.failWaiter(id: id, with: PostgresError(
                    kind: .acquireTimeout,
                    message: "no connection became free within \(timeout) (pool size \(self?.size ?? 0))"
                ))
            }
        }
        defer { timer?.cancel() }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: PostgresPoolState.Waiter) in
                let outcome: Result<PostgresPoolState.Lease, any Error>? = state.withLock { state in
                    if state.isShutdown { return .failure(Self.shutdownError) }
                    // Checked under the lock: a cancellation handler that ran earlier found nothing to remove.
                    if Task.isCancelled { return .failure(CancellationError()) }
                    return state.acquire(id: id, continuation: continuation).map { .success($0) }
                }
                if let outcome {
                    continuation.resume(with: outcome)
                } else if let observer = queueObserver.withLock({ $0 }) {
                    observer(state.withLock { $0.waitingCount })
                }
            }
        } onCancel: {
            failWaiter(id: id, with: CancellationError())
        }
    }

    private func failWaiter(id: UInt64, with error: any Error) {
        state.withLock { $0.removeWaiter(id: id) }?.resume(throwing: error)
    }

    private func release(_ connection: PostgresConnection) {
        let reusable = connection.isHealthy && !connection.isInTransaction
        let (handoff, close) = state.withLock { $0.release(connection, reusable: reusable) }
        if close {
            if !reusable { logger.debug("discarding a broken connection") }
            connection.close()
        }
        handOff(handoff)
    }

    private func handOff(_ handoff: PostgresPoolState.Handoff?) {
        handoff?.waiter.resume(returning: handoff.map(\.lease) ?? .open)
    }

    private static func rollBackIfNeeded(_ connection: PostgresConnection) {
        guard connection.isHealthy, connection.isInTransaction else { return }
        connection.logger.warning("a pooled connection came back inside a transaction; rolling back")
        _ = try? connection.query("ROLLBACK")
    }

    /// Runs `body` on the thread pool and waits for it, without letting the closure escape.
    private func runBlocking<T: Sendable>(_ body: @Sendable () throws -> T) async throws -> T {
        try await withoutActuallyEscaping(body) { escapable in
            let box = BlockingWorkBox(escapable)
            defer { box.discard() }
            return try await threadPool.runIfActive { try box.run() }
        }
    }
}

import CLibPQ
import Foundation
import Logging

/// One libpq connection. Every call blocks the calling thread until the server answers, so use it
/// from a thread that may block (``PostgresPool`` runs calls on an `NIOThreadPool`), never from an
/// event loop or directly in async code.
///
/// Thread safety: one owner at a time. The class is `@unchecked Sendable` so that it can be handed
/// from one thread to the next (the pool does), not so that two threads can use it at once.
///
/// Every session is configured for this library's codecs: `client_min_messages=warning`,
/// `TimeZone=UTC`, `DateStyle=ISO`, `bytea_output=hex` (these override `options` given in the URL).
/// NOTICE messages that still arrive are logged at `.notice` rather than printed to stderr.
package final class PostgresConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    private let noticeSink: PostgresNoticeSink
    /// The logger used for notices and diagnostics.
    package let logger: Logger

    static let sessionOptions =
        "-c client_min_messages=warning -c TimeZone=UTC -c DateStyle=ISO -c bytea_output=hex -c extra_float_digits=1"

    private init(handle: OpaquePointer, logger: Logger) {
        self.handle = handle
        self.logger = logger
        noticeSink = PostgresNoticeSink(logger: logger)
        noticeSink.install(on: handle)
    }

    deinit { close() }

    /// Opens a connection (blocking) from a URL (`postgresql://user@host:port/db?…`) or a libpq
    /// keyword string (`host=… dbname=…`). Unless the URL says otherwise, `connect_timeout` is 10 s.
    package static func connect(
        to url: String,
        logger: Logger = Logger(label: "crimescope.postgres")
    ) throws(PostgresError) -> PostgresConnection {
        // Keywords before "dbname" are defaults the URL may override; those after it override the URL.
        let keywords = ["connect_timeout", "fallback_application_name", "dbname", "options"]
        let values = ["10", "crimescope", url, sessionOptions]
        let handle = withCStringArray(keywords) { keywordPointers in
            withCStringArray(values) { valuePointers in PQconnectdbParams(keywordPointers, valuePointers, 1) }
        }
        guard let handle else {
            throw PostgresError(kind: .connection, message: "libpq could not allocate a connection")
        }
        guard PQstatus(handle) == CONNECTION_OK else {
            let message = PostgresDiagnostics.connectionMessage(handle)
            PQfinish(handle)
            throw PostgresError(kind: .connection, message: message, detail: "while connecting to \(redacted(url))")
        }
        return PostgresConnection(handle: handle, logger: logger)
    }

    /// Whether the connection is open and not broken (libpq's `PQstatus` is `CONNECTION_OK`).
    var isHealthy: Bool { handle.map { PQstatus($0) == CONNECTION_OK } ?? false }

    /// Whether an idle connection still has its server: reads what is pending without waiting
    /// (`PQconsumeInput`; libpq's socket is non-blocking), which notices a server that closed the
    /// connection while it sat in a pool (a restarted or failed-over PostgreSQL). A stale
    /// connection is broken afterwards (``isHealthy`` is false).
    func isStillConnected() -> Bool {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return false }
        return PQconsumeInput(handle) == 1 && PQstatus(handle) == CONNECTION_OK
    }

    /// Whether a transaction block is open (or failed and awaiting ROLLBACK) on this connection.
    var isInTransaction: Bool {
        guard let handle else { return false }
        let status = PQtransactionStatus(handle)
        return status == PQTRANS_INTRANS || status == PQTRANS_INERROR
    }

    /// Whether the open transaction has failed and only accepts ROLLBACK.
    var isInTransactionError: Bool { handle.map { PQtransactionStatus($0) == PQTRANS_INERROR } ?? false }

    /// Runs one statement with bound parameters (`$1`, `$2`, … sent separately, in text format).
    /// Uses the extended protocol, so `sql` cannot hold more than one statement.
    @discardableResult
    package func query(_ sql: String, _ parameters: PostgresParameters = []) throws(PostgresError) -> PostgresRows {
        let handle = try requireOpen()
        let texts = parameters.map { $0?.postgresValue.textEncoded }
        if let position = texts.firstIndex(where: { $0?.utf8.contains(0) ?? false }) {
            throw PostgresError(
                kind: .query,
                message: "parameter $\(position + 1) contains a NUL byte, which PostgreSQL text cannot hold",
                sqlState: "22021"
            )
        }
        let result = withOptionalCStringArray(texts) { values in
            PQexecParams(handle, sql, Int32(texts.count), nil, values, nil, nil, 0)
        }
        return try checked(result, handle: handle)
    }

    /// Runs one or more `;`-separated statements with the simple protocol (no parameters), as
    /// migrations and schema scripts need. Outside an explicit transaction the whole string runs as
    /// one implicit transaction; it stops at the first failing statement.
    package func execute(_ sql: String) throws(PostgresError) {
        let handle = try requireOpen()
        _ = try checked(PQexec(handle, sql), handle: handle)
        // PQexec returns only the last result; nothing else is pending.
    }

    /// Runs a `COPY … FROM STDIN` statement, letting `writer` stream the data, and returns the number
    /// of rows the server copied. A server-side failure (a bad row, a constraint) is thrown as a
    /// ``PostgresError/Kind/copy`` error with its SQLSTATE after the COPY ends, and the statement
    /// leaves nothing behind; an error thrown by `writer` aborts the COPY and is rethrown unchanged.
    @discardableResult
    package func copyIn(_ sql: String, _ writer: (CopyWriter) throws -> Void) throws -> Int {
        let handle = try requireOpen()
        let start = PQexec(handle, sql)
        guard let start, PQresultStatus(start) == PGRES_COPY_IN else {
            _ = try checked(start, handle: handle)
            throw PostgresError(kind: .copy, message: "copyIn needs a COPY … FROM STDIN statement")
        }
        PQclear(start)
        lastCopyCount = 0
        let copyWriter = CopyWriter(connection: handle)
        defer { copyWriter.invalidate() }
        do {
            try writer(copyWriter)
            try copyWriter.flush()
        } catch {
            _ = PQputCopyEnd(handle, "COPY aborted by the client: \(error)")
            _ = drainResults(handle)
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            throw PostgresError(kind: .copy, message: PostgresDiagnostics.connectionMessage(handle))
        }
        if let failure = drainResults(handle) {
            var error = failure
            if error.kind == .query { error.kind = .copy }
            throw error
        }
        return lastCopyCount
    }

    /// Reconnects with the same parameters after the connection broke (blocking).
    func reset() throws(PostgresError) {
        let handle = try requireOpen()
        PQreset(handle)
        guard PQstatus(handle) == CONNECTION_OK else {
            throw PostgresError(kind: .connection, message: PostgresDiagnostics.connectionMessage(handle))
        }
    }

    /// Closes the connection; later calls throw ``PostgresError/Kind/connection`` errors.
    package func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    // MARK: - Internals

    private var lastCopyCount = 0

    private func requireOpen() throws(PostgresError) -> OpaquePointer {
        guard let handle else { throw PostgresError(kind: .connection, message: "the connection is closed") }
        return handle
    }

    /// Returns the rows of a successful result, or frees it and throws its error.
    private func checked(_ result: OpaquePointer?, handle: OpaquePointer) throws(PostgresError) -> PostgresRows {
        guard let result else {
            throw PostgresError(kind: .connection, message: PostgresDiagnostics.connectionMessage(handle))
        }
        let status = PQresultStatus(result)
        if status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK || status == PGRES_EMPTY_QUERY {
            return PostgresRows(result: PostgresResult(taking: result))
        }
        if status == PGRES_COPY_IN || status == PGRES_COPY_OUT {
            PQclear(result)
            abandonCopy(handle, status: status)
            throw PostgresError(
                kind: .query,
                message: "COPY … FROM STDIN needs copyIn; COPY … TO STDOUT is not supported"
            )
        }
        let error = PostgresDiagnostics.error(from: result, connection: handle, kind: .query)
        PQclear(result)
        throw error
    }

    private func abandonCopy(_ handle: OpaquePointer, status: ExecStatusType) {
        if status == PGRES_COPY_IN {
            _ = PQputCopyEnd(handle, "COPY FROM STDIN is only supported through copyIn")
        } else {
            var buffer: UnsafeMutablePointer<CChar>?
            while PQgetCopyData(handle, &buffer, 0) > 0 {
                PQfreemem(buffer)
                buffer = nil
            }
        }
        _ = drainResults(handle)
    }

    /// Reads results until libpq has none left; returns the first error, records a COPY's row count.
    private func drainResults(_ handle: OpaquePointer) -> PostgresError? {
        var firstError: PostgresError?
        while let result = PQgetResult(handle) {
            let status = PQresultStatus(result)
            if status == PGRES_COMMAND_OK {
                lastCopyCount = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
            } else if status == PGRES_FATAL_ERROR || status == PGRES_BAD_RESPONSE || status == PGRES_NONFATAL_ERROR {
                if firstError == nil {
                    firstError = PostgresDiagnostics.error(from: result, connection: handle, kind: .query)
                }
            }
            PQclear(result)
            if PQstatus(handle) != CONNECTION_OK { break }
        }
        return firstError
    }

    /// The URL with any password replaced, for error messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

import Foundation
import CLibPQ

/// Turns libpq's failure reports (a failed `PGresult`, or the connection's error message) into
/// ``PostgresError`` values that carry the SQLSTATE.
enum PostgresDiagnostics {
    // The PG_DIAG_* field codes are character macros, which Swift does not import.
    private static let sqlStateField = Int32(UInt8(ascii: "C"))
    private static let primaryMessageField = Int32(UInt8(ascii: "M"))
    private static let detailField = Int32(UInt8(ascii: "D"))
    private static let hintField = Int32(UInt8(ascii: "H"))

    /// The error described by `result` (not freed here), falling back to the connection's message.
    static func error(from result: OpaquePointer?, connection: OpaquePointer?, kind: PostgresError.Kind) -> PostgresError {
        let sqlState = field(sqlStateField, of: result)
        let message = field(primaryMessageField, of: result)
            ?? result.flatMap { PQresultErrorMessage($0) }.map { String(cString: $0) }.flatMap(nonEmpty)
            ?? connectionMessage(connection)
        let brokenConnection = connection.map { PQstatus($0) != CONNECTION_OK } ?? true
        let resolvedKind: PostgresError.Kind =
            (sqlState?.hasPrefix("08") ?? false) || (sqlState == nil && brokenConnection) ? .connection : kind
        return PostgresError(
            kind: resolvedKind,
            message: message,
            sqlState: sqlState,
            detail: field(detailField, of: result),
            hint: field(hintField, of: result) ?? failoverHint(kind: resolvedKind, sqlState: sqlState)
        )
    }

    /// What a caller needs to know when the server went away mid-statement (a restart or a
    /// failover) or when a write reached a standby, in words, since both look alike otherwise.
    static func failoverHint(kind: PostgresError.Kind, sqlState: String?) -> String? {
        if sqlState == readOnlyTransaction {
            return "this server is a read-only standby (a failover may have demoted it): connect with target_session_attrs=read-write "
                + "and every member listed (host=a,b or postgresql://a:5432,b:5432/db); the pool drops this connection"
        }
        guard kind == .connection else { return nil }
        return "the database server went away during the statement (a restart or a failover): an open transaction was rolled back, "
            + "and a COMMIT that was in flight may or may not have been applied; the pool opens a new connection on the next call "
            + "(with a multi-host URL and target_session_attrs=read-write, to the new primary), so idempotent work can simply be run again"
    }

    /// `25006` read_only_sql_transaction: a write on a hot standby or in a read-only transaction.
    static let readOnlyTransaction = "25006"

    /// The connection's last error message, trimmed, or a generic text.
    static func connectionMessage(_ connection: OpaquePointer?) -> String {
        connection.flatMap { PQerrorMessage($0) }.map { String(cString: $0) }.flatMap(nonEmpty)
            ?? "unknown libpq error"
    }

    private static func field(_ code: Int32, of result: OpaquePointer?) -> String? {
        result.flatMap { PQresultErrorField($0, code) }.map { String(cString: $0) }
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

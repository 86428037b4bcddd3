/// An error from the `Postgres` library: a failed connection, a server error with its SQLSTATE,
/// a value that could not be decoded, an exhausted or closed pool, or a failed migration.
package struct PostgresError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, broadly; ``sqlState`` says precisely when the server reported it.
    package enum Kind: String, Sendable, Hashable {
        /// Connecting failed, or the connection broke during a call.
        case connection
        /// The server rejected a statement (see ``PostgresError/sqlState``).
        case query
        /// A `COPY … FROM STDIN` failed, on the server or in the row writer.
        case copy
        /// A column value could not be decoded into the requested Swift type.
        case decoding
        /// The pool is shut down, or a caller misused it.
        case pool
        /// No pooled connection became free within the pool's acquire timeout.
        case acquireTimeout
        /// A migration file is misnamed or duplicated, the schema name is invalid, or a migration failed.
        case migration
    }

    /// The five-character SQLSTATE the server reported (e.g. `23505`), if any.
    package var sqlState: String?
    /// The primary, human-readable message.
    package var message: String
    /// The server's DETAIL field, or extra context added by this library.
    package var detail: String?
    /// The server's HINT field, if any.
    package var hint: String?
    /// The broad category of the failure.
    package var kind: Kind
    /// The version of the migration that failed, for ``Kind/migration`` errors raised while applying one.
    package var migrationVersion: Int?

    /// Creates an error; most are created by the library itself.
    package init(
        kind: Kind,
        message: String,
        sqlState: String? = nil,
        detail: String? = nil,
        hint: String? = nil,
        migrationVersion: Int? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.detail = detail
        self.hint = hint
        self.migrationVersion = migrationVersion
    }

    package var description: String {
        var text = "PostgresError.\(kind.rawValue)"
        if let sqlState { text += " [\(sqlState)]" }
        if let migrationVersion { text += " (migration \(migrationVersion))" }
        text += ": \(message)"
        if let detail { text += " DETAIL: \(detail)" }
        if let hint { text += " HINT: \(hint)" }
        return text
    }
}

/// Well-known SQLSTATE classes, so callers can branch without memorising codes.
extension PostgresError {
    /// `23505`: a unique or primary-key constraint was violated.
    var isUniqueViolation: Bool { sqlState == "23505" }
    /// `23503`: a foreign-key constraint was violated.
    var isForeignKeyViolation: Bool { sqlState == "23503" }
    /// `23502`: a NOT NULL constraint was violated.
    var isNotNullViolation: Bool { sqlState == "23502" }
    /// `23514`: a CHECK constraint was violated.
    var isCheckViolation: Bool { sqlState == "23514" }
    /// `40001` or `40P01`: the transaction may succeed if retried (serialization failure, deadlock).
    var isRetryableTransactionFailure: Bool { sqlState == "40001" || sqlState == "40P01" }
    /// `57014`: the statement was cancelled (e.g. by `statement_timeout`).
    var isQueryCanceled: Bool { sqlState == "57014" }
    /// Class `22` (data exception: bad input syntax, out-of-range values…).
    var isDataException: Bool { sqlState?.hasPrefix("22") ?? false }
    /// `25006`: a write on a read-only server (a hot standby, e.g. an old primary after a
    /// failover) or in a read-only transaction.
    var isReadOnlyTransaction: Bool { sqlState == PostgresDiagnostics.readOnlyTransaction }
    /// Class `08`, or a broken connection detected by libpq.
    var isConnectionFailure: Bool { kind == .connection || (sqlState?.hasPrefix("08") ?? false) }
}

/// Well-known SQLSTATE classes, so callers can branch without memorising codes.
extension PostgresError {
    /// `23505`: a unique or primary-key constraint was violated.
    var isUniqueViolation: Bool { sqlState == "23505" }
    /// `25006`: a write on a read-only server (a hot standby, e.g. an old primary after a
    /// failover) or in a read-only transaction.
    var isReadOnlyTransaction: Bool { sqlState == PostgresDiagnostics.readOnlyTransaction }
    /// Class `08`, or a broken connection detected by libpq.
    var isConnectionFailure: Bool { kind == .connection || (sqlState?.hasPrefix("08") ?? false) }
}

extension PostgresConnection {
    /// Runs `body` between `BEGIN` and `COMMIT`; if `body` (or `COMMIT`) throws, rolls back and rethrows.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        try query("BEGIN")
        let value: T
        do {
            value = try body()
        } catch {
            if isHealthy { _ = try? query("ROLLBACK") }
            throw error
        }
        if isInTransactionError {
            _ = try? query("ROLLBACK")
            throw PostgresError(
                kind: .query,
                message: "the transaction failed inside the body (its error was caught there) and was rolled back",
                sqlState: "25P02"
            )
        }
        do {
            try query("COMMIT")
        } catch {
            if isHealthy && isInTransaction { _ = try? query("ROLLBACK") }
            throw error
        }
        return value
    }
}

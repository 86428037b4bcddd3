import Contracts
import Postgres

extension IngestStore {
    static let runColumns = """
        run_id, city, format, source, COALESCE(cursor_after, cursor_before, '') AS cursor,
        rows_read, inserted, updated, unchanged, rejected,
        (EXTRACT(epoch FROM started_at) * 1000)::bigint AS started_ms,
        COALESCE((EXTRACT(epoch FROM finished_at) * 1000)::bigint, 0) AS finished_ms,
        status, COALESCE(error, '') AS error, COALESCE(waiting_for, 0) AS waiting_for,
        COALESCE(outbox_position, 0) AS outbox_position
        """

    /// Marks `running`/`waiting` runs whose loader died (no liveness lock) as failed; returns how many.
    @discardableResult
    func markAbandonedRuns() async throws -> Int {
        try await pool.withConnection { connection in try RunLedger.markAbandonedRuns(on: connection) }
    }

    /// One run, or `nil` when there is none with that id. Runs whose loader died read as failed.
    package func run(id: Int64) async throws -> Run? {
        try await pool.withConnection { connection in
            try RunLedger.markAbandonedRuns(on: connection)
            let rows = try connection.query("SELECT \(Self.runColumns) FROM ingest.etl_runs WHERE run_id = $1", [id])
            return try rows.first.map(Self.decodeRun)
        }
    }

    /// Runs newest first, optionally of one city, with ids below `beforeRunID` (0: from the newest).
    package func runs(city: String?, limit: Int, beforeRunID: Int64) async throws -> [Run] {
        try await pool.withConnection { connection in
            try RunLedger.markAbandonedRuns(on: connection)
            let rows = try connection.query("""
                SELECT \(Self.runColumns) FROM ingest.etl_runs
                WHERE ($1::text IS NULL OR city = $1) AND ($2::bigint = 0 OR run_id < $2)
                ORDER BY run_id DESC LIMIT $3
                """, [city, beforeRunID, limit])
            return try rows.map(Self.decodeRun)
        }
    }

    /// A page of a run's rejected rows by line number, and how many the run has in all.
    package func rejects(runID: Int64, limit: Int, afterLineNumber: Int64) async throws -> (rejects: [Reject], total: Int64) {
        try await pool.withConnection { connection in
            let total = try connection.query("SELECT count(*) FROM ingest.rejects WHERE run_id = $1", [runID]).scalar(Int64.self)
            let rows = try connection.query("""
                SELECT line_number, raw_text, reason FROM ingest.rejects
                WHERE run_id = $1 AND line_number > $2 ORDER BY line_number LIMIT $3
                """, [runID, afterLineNumber, limit])
            let rejects = try rows.map { row in
                Reject(runID: runID, lineNumber: try row.decode(Int64.self, at: 0),
                       rawText: try row.decode(String.self, at: 1), reason: try row.decode(String.self, at: 2))
            }
            return (rejects, total)
        }
    }

    static func decodeRun(_ row: PostgresRow) throws -> Run {
        let status: RunStatus = switch try row.decode(String.self, column: "status") {
        case "running": .running
        case "waiting": .waiting
        case "succeeded": .succeeded
        case "failed": .failed
        default: .unspecified
        }
        let format = LoadFormat(rawValue: try row.decode(String.self, column: "format"))?.contract ?? .unspecified
        return Run(
            runID: try row.decode(Int64.self, column: "run_id"),
            city: try row.decode(String.self, column: "city"),
            format: format,
            source: try row.decode(String.self, column: "source"),
            cursor: try row.decode(String.self, column: "cursor"),
            counts: RunCounts(read: try row.decode(Int64.self, column: "rows_read"),
                              inserted: try row.decode(Int64.self, column: "inserted"),
                              updated: try row.decode(Int64.self, column: "updated"),
                              unchanged: try row.decode(Int64.self, column: "unchanged"),
                              rejected: try row.decode(Int64.self, column: "rejected")),
            startedUnixMs: try row.decode(Int64.self, column: "started_ms"),
            finishedUnixMs: try row.decode(Int64.self, column: "finished_ms"),
            status: status,
            error: try row.decode(String.self, column: "error"),
            waitingForRunID: try row.decode(Int64.self, column: "waiting_for"),
            outboxPosition: try row.decode(Int64.self, column: "outbox_position"))
    }
}

extension IngestStore {
    /// A page of a run's rows kept with a note (line order, after `afterLineNumber`) and their total.
    package func rowNotes(runID: Int64, limit: Int, afterLineNumber: Int64) async throws -> (notes: [RowNote], total: Int64) {
        try await pool.withConnection { connection in
            let total = try connection.query("SELECT count(*) FROM ingest.row_notes WHERE run_id = $1", [runID]).scalar(Int64.self)
            let rows = try connection.query("""
                SELECT line_number, source_key, note FROM ingest.row_notes
                WHERE run_id = $1 AND line_number > $2 ORDER BY line_number LIMIT $3
                """, [runID, afterLineNumber, limit])
            let notes = try rows.map { row in
                RowNote(lineNumber: try row.decode(Int.self, at: 0), sourceKey: try row.decode(String.self, at: 1),
                        note: try row.decode(String.self, at: 2))
            }
            return (notes, total)
        }
    }
}

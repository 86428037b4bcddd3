import Contracts
import Postgres

/// Writes the run audit (`ingest.etl_runs`, `ingest.source_cursors`) on a load's own connection.
///
/// A running load holds a session-level advisory lock on its run id; a `running` row whose lock
/// nobody holds belongs to a process that died (killed, lost its database connection), and
/// ``markAbandonedRuns(on:)`` turns it into `failed`. A run blocked behind another run of its city
/// (or behind the previous file of its own list) is `waiting`, with the run it waits for.
enum RunLedger {
    /// First key of the two-key advisory lock a load holds on its run id.
    static let runLockClass: Int32 = 0x4947_5354  // "IGST"

    static let abandonedMessage = "abandoned: the loading process ended without finishing (killed, or its database connection was lost); committed batches are kept, run the load again to complete it"

    /// Marks `running` runs without a live loader as failed; returns how many. Advisory locks are
    /// per database but `pg_locks` lists every database's: only this database's locks count (a
    /// run 1 of another CrimeScope database on the same server kept this one's run 1 "running").
    @discardableResult
    static func markAbandonedRuns(on connection: PostgresConnection) throws -> Int {
        try connection.query("""
            UPDATE ingest.etl_runs r SET status = 'failed', finished_at = clock_timestamp(), error = $2
            WHERE r.status IN ('running', 'waiting') AND NOT EXISTS (
                SELECT 1 FROM pg_locks l
                WHERE l.locktype = 'advisory' AND l.granted AND l.classid = ($1::int)::oid
                  AND l.objid = (r.run_id::int)::oid AND l.objsubid = 2
                  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
            """, [Int(runLockClass), abandonedMessage]).affectedRows
    }

    /// Reserves a run id, takes its liveness lock, and records the run as `running`.
    static func begin(on connection: PostgresConnection, request: LoadRequest, cursorBefore: String?) throws -> Int64 {
        let runID = try connection.query("SELECT nextval('ingest.etl_runs_run_id_seq')").scalar(Int64.self)
        try connection.query("SELECT pg_advisory_lock($1::int, $2::int)", [Int(runLockClass), runID])
        try connection.query("""
            INSERT INTO ingest.etl_runs (run_id, city, format, source, file_path, full_reload, cursor_before)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            """, [runID, request.city.slug, request.format.rawValue, request.input.sourceName,
                  request.input.filePath, request.fullReload, cursorBefore])
        return runID
    }

    /// Marks the run succeeded and moves the (city, source) cursor, in one transaction.
    static func succeed(on connection: PostgresConnection, runID: Int64, request: LoadRequest,
                        field: CursorPolicy.Field, newest: LocalDateTime?) throws {
        try connection.transaction {
            var cursorText: String?
            if let newest, field != .none {
                let stored = try connection.query("""
                    INSERT INTO ingest.source_cursors AS c (city, source, field, value, run_id)
                    VALUES ($1, $2, $3, $4::timestamp, $5)
                    ON CONFLICT (city, source) DO UPDATE
                    SET field = EXCLUDED.field, value = GREATEST(c.value, EXCLUDED.value), run_id = EXCLUDED.run_id, updated_at = now()
                    RETURNING to_char(value, 'YYYY-MM-DD"T"HH24:MI:SS')
                    """, [request.city.slug, request.input.sourceName, field.rawValue, newest.sqlText, runID])
                cursorText = "\(field.rawValue) >= \(try stored.scalar(String.self))"
            }
            try connection.query("""
                UPDATE ingest.etl_runs SET status = 'succeeded', finished_at = clock_timestamp(),
                       cursor_after = COALESCE($2, cursor_before)
                WHERE run_id = $1
                """, [runID, cursorText])
        }
    }

    /// Records why a run failed (best effort: the database may be the thing that failed).
    static func fail(on connection: PostgresConnection, runID: Int64, error: String) {
        _ = try? connection.query("""
            UPDATE ingest.etl_runs SET status = 'failed', finished_at = clock_timestamp(), error = $2
            WHERE run_id = $1 AND status IN ('running', 'waiting')
            """, [runID, error])
    }

    /// Records, in its own committed statement, that the run waits for run `holder` (nil when the
    /// holder could not be named) before it can commit its next batch.
    static func markWaiting(on connection: PostgresConnection, runID: Int64, for holder: Int64?) throws {
        try connection.query("""
            UPDATE ingest.etl_runs SET status = 'waiting', waiting_for = $2 WHERE run_id = $1 AND status = 'running'
            """, [runID, holder])
    }

    /// Records that the run goes on after waiting.
    static func markRunning(on connection: PostgresConnection, runID: Int64) throws {
        try connection.query("""
            UPDATE ingest.etl_runs SET status = 'running', waiting_for = NULL WHERE run_id = $1 AND status = 'waiting'
            """, [runID])
    }

    /// Releases the liveness lock (closing the connection does too).
    static func end(on connection: PostgresConnection, runID: Int64) {
        _ = try? connection.query("SELECT pg_advisory_unlock($1::int, $2::int)", [Int(runLockClass), runID])
    }

    /// The stored cursor of (city, source).
    static func cursor(on connection: PostgresConnection, city: String, source: String) throws -> LocalDateTime? {
        let rows = try connection.query(
            "SELECT EXTRACT(epoch FROM value)::bigint FROM ingest.source_cursors WHERE city = $1 AND source = $2",
            [city, source])
        guard let row = rows.first else { return nil }
        return LocalDateTime(localSeconds: try row.decode(Int64.self, at: 0))
    }
}

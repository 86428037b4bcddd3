import Postgres

extension IngestStore {
    /// A page of a run's rows kept with a note (line order, after `afterLineNumber`) and their total.
    public func rowNotes(runID: Int64, limit: Int, afterLineNumber: Int64) async throws -> (notes: [RowNote], total: Int64) {
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

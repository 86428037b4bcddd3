import Postgres

extension HeatmapStore {
    /// Adds a batch's window, grid, series and hex changes inside the consumer's transaction
    /// (``apply(_:expecting:)``): one COPY into a temporary stage per table, then an additive upsert
    /// in primary-key order (each index page is visited once per batch, not once per row).
    static func applyWindowGridSeries(_ batch: RollupBatch, on connection: PostgresConnection) throws {
        if !batch.windowChanges.isEmpty {
            try addStaged(on: connection, stage: "window_stage", columns: """
                city text, grain smallint, bucket bigint, area text, primary_type text,
                incidents bigint, arrests bigint, domestic bigint
                """, upsert: """
                INSERT INTO heatmap.window_rollup AS r
                SELECT city, grain, bucket, area, primary_type, incidents, arrests, domestic FROM window_stage
                ORDER BY city, grain, bucket, area, primary_type
                ON CONFLICT (city, grain, bucket, area, primary_type) DO UPDATE
                SET incidents = r.incidents + EXCLUDED.incidents, arrests = r.arrests + EXCLUDED.arrests,
                    domestic = r.domestic + EXCLUDED.domestic
                """) { writer in
                for (key, counts) in batch.windowChanges {
                    try writer.writeRow([key.city, key.grain.rawValue, key.bucket, key.area, key.primaryType,
                                         counts.incidents, counts.arrests, counts.domestic])
                }
            }
        }
        if !batch.gridChanges.isEmpty {
            try addStaged(on: connection, stage: "grid_stage", columns: """
                city text, year smallint, month smallint, primary_type text, cell integer, incidents bigint
                """, upsert: """
                INSERT INTO heatmap.grid_rollup AS r
                SELECT city, year, month, primary_type, cell, incidents FROM grid_stage ORDER BY city, year, month, primary_type, cell
                ON CONFLICT (city, year, month, primary_type, cell) DO UPDATE SET incidents = r.incidents + EXCLUDED.incidents
                """) { writer in
                for (key, incidents) in batch.gridChanges {
                    try writer.writeRow([key.city, key.year, key.month, key.primaryType, key.cell, incidents])
                }
            }
        }
        if !batch.seriesChanges.isEmpty {
            try addStaged(on: connection, stage: "series_stage", columns: """
                city text, area text, crime_group text, week bigint, incidents bigint
                """, upsert: """
                INSERT INTO heatmap.series_rollup AS r
                SELECT city, area, crime_group, week, incidents FROM series_stage ORDER BY city, week, area, crime_group
                ON CONFLICT (city, week, area, crime_group) DO UPDATE SET incidents = r.incidents + EXCLUDED.incidents
                """) { writer in
                for (key, incidents) in batch.seriesChanges {
                    try writer.writeRow([key.city, key.area, key.crimeGroup, key.week, incidents])
                }
            }
        }
        if !batch.hexChanges.isEmpty {
            try addStaged(on: connection, stage: "hex_stage", columns: """
                city text, month integer, primary_type text, q integer, r integer, incidents bigint
                """, upsert: """
                INSERT INTO heatmap.hex_rollup AS h
                SELECT city, month, primary_type, q, r, incidents FROM hex_stage ORDER BY city, month, primary_type, q, r
                ON CONFLICT (city, month, primary_type, q, r) DO UPDATE SET incidents = h.incidents + EXCLUDED.incidents
                """) { writer in
                for (key, incidents) in batch.hexChanges {
                    try writer.writeRow([key.city, key.month, key.primaryType, key.q, key.r, incidents])
                }
            }
        }
    }

    /// Creates the temporary `stage` (emptied at commit) if needed, COPYs the rows `write` gives
    /// into it, then runs `upsert`. `stage`, `columns` and `upsert` are constants of this file,
    /// never input.
    private static func addStaged(on connection: PostgresConnection, stage: String, columns: String, upsert: String,
                                  write: (CopyWriter) throws -> Void) throws {
        try connection.execute("CREATE TEMP TABLE IF NOT EXISTS \(stage) (\(columns)) ON COMMIT DELETE ROWS")
        _ = try connection.copyIn("COPY \(stage) FROM STDIN", write)
        try connection.execute(upsert)
    }
}

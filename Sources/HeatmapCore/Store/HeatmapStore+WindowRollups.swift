import Postgres

extension HeatmapStore {
    /// Adds a batch's window, grid, series and hex changes inside the consumer's transaction
    /// (``apply(_:expecting:)``): one COPY into a temporary stage per table, then an additive upsert.
    static func applyWindowGridSeries(_ batch: RollupBatch, on connection: PostgresConnection) throws {
        if !batch.windowChanges.isEmpty {
            try connection.execute("""
                CREATE TEMP TABLE IF NOT EXISTS window_stage (
                    city text, grain smallint, bucket bigint, area text, primary_type text,
                    incidents bigint, arrests bigint, domestic bigint
                ) ON COMMIT DELETE ROWS
                """)
            _ = try connection.copyIn("COPY window_stage FROM STDIN") { writer in
                for (key, counts) in batch.windowChanges {
                    try writer.writeRow([key.city, key.grain.rawValue, key.bucket, key.area, key.primaryType,
                                         counts.incidents, counts.arrests, counts.domestic])
                }
            }
            try connection.execute("""
                INSERT INTO heatmap.window_rollup AS r
                SELECT city, grain, bucket, area, primary_type, incidents, arrests, domestic FROM window_stage
                ON CONFLICT (city, grain, bucket, area, primary_type) DO UPDATE
                SET incidents = r.incidents + EXCLUDED.incidents, arrests = r.arrests + EXCLUDED.arrests,
                    domestic = r.domestic + EXCLUDED.domestic
                """)
        }
        if !batch.gridChanges.isEmpty {
            try connection.execute("""
                CREATE TEMP TABLE IF NOT EXISTS grid_stage (
                    city text, year smallint, month smallint, primary_type text, cell integer, incidents bigint
                ) ON COMMIT DELETE ROWS
                """)
            _ = try connection.copyIn("COPY grid_stage FROM STDIN") { writer in
                for (key, incidents) in batch.gridChanges {
                    try writer.writeRow([key.city, key.year, key.month, key.primaryType, key.cell, incidents])
                }
            }
            try connection.execute("""
                INSERT INTO heatmap.grid_rollup AS r
                SELECT city, year, month, primary_type, cell, incidents FROM grid_stage
                ON CONFLICT (city, year, month, primary_type, cell) DO UPDATE SET incidents = r.incidents + EXCLUDED.incidents
                """)
        }
        if !batch.seriesChanges.isEmpty {
            try connection.execute("""
                CREATE TEMP TABLE IF NOT EXISTS series_stage (
                    city text, area text, crime_group text, week bigint, incidents bigint
                ) ON COMMIT DELETE ROWS
                """)
            _ = try connection.copyIn("COPY series_stage FROM STDIN") { writer in
                for (key, incidents) in batch.seriesChanges {
                    try writer.writeRow([key.city, key.area, key.crimeGroup, key.week, incidents])
                }
            }
            try connection.execute("""
                INSERT INTO heatmap.series_rollup AS r
                SELECT city, area, crime_group, week, incidents FROM series_stage
                ON CONFLICT (city, week, area, crime_group) DO UPDATE SET incidents = r.incidents + EXCLUDED.incidents
                """)
        }
        if !batch.hexChanges.isEmpty {
            try connection.execute("""
                CREATE TEMP TABLE IF NOT EXISTS hex_stage (
                    city text, month integer, primary_type text, q integer, r integer, incidents bigint
                ) ON COMMIT DELETE ROWS
                """)
            _ = try connection.copyIn("COPY hex_stage FROM STDIN") { writer in
                for (key, incidents) in batch.hexChanges {
                    try writer.writeRow([key.city, key.month, key.primaryType, key.q, key.r, incidents])
                }
            }
            try connection.execute("""
                INSERT INTO heatmap.hex_rollup AS h
                SELECT city, month, primary_type, q, r, incidents FROM hex_stage
                ON CONFLICT (city, month, primary_type, q, r) DO UPDATE SET incidents = h.incidents + EXCLUDED.incidents
                """)
        }
    }
}

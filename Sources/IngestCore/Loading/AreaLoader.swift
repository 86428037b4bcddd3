import Postgres

/// Loads area polygons (GeoJSON) into `ingest.areas` in one transaction.
///
/// Features sharing an id (Chicago beat `3100` is three features) are unioned into one
/// MultiPolygon. An area is inserted, replaced when its name or geometry changed, or left alone.
/// Counts are per feature: `read` features = inserted + updated + unchanged + rejected, where
/// unchanged also holds the extra features merged into an area. Afterwards, in the same transaction:
/// `area_known` of the incidents with a reported area is refreshed (not part of the outbox deltas),
/// and every incident whose area was not reported (`spatial` or `none`) and that has a location is
/// placed again by `ST_Contains` over the city's polygons as they now are; each one whose area
/// changes gets −old/+new outbox deltas, so the heatmap's aggregates stay exact whichever of
/// incidents and areas was loaded first.
struct AreaLoader {
    let connection: PostgresConnection
    let runID: Int64
    let city: IngestCity
    let progress: LoadProgressCounter

    /// The polygon layer of a city's areas.
    static func layer(for city: IngestCity) throws(IngestError) -> AreaLayer {
        switch city.slug {
        case CitySlug.chicago: return .chicagoBeats
        case CitySlug.nyc: return .nypdPrecincts
        default: throw IngestError.invalidArgument("no area layer is defined for city \(city.slug)")
        }
    }

    static let createStaging = """
        CREATE TEMP TABLE IF NOT EXISTS area_staging (line bigint, area text, name text, kind text, geojson text)
        """

    static let upsertAreas = """
        WITH merged AS (
            SELECT area, min(name) AS name, min(kind) AS kind,
                   ST_Multi(ST_CollectionExtract(ST_Union(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4326)), 3))::geometry(MultiPolygon, 4326) AS geom
            FROM area_staging GROUP BY area
        ), previous AS (
            SELECT a.area FROM ingest.areas a JOIN merged m ON a.city = $1 AND a.area = m.area
        ), written AS (
            INSERT INTO ingest.areas AS a (city, area, name, kind, geom, loaded_by_run)
            SELECT $1, area, name, kind, geom, $2 FROM merged
            ON CONFLICT (city, area) DO UPDATE
            SET name = EXCLUDED.name, kind = EXCLUDED.kind, geom = EXCLUDED.geom, loaded_by_run = EXCLUDED.loaded_by_run
            WHERE (a.name, a.kind, ST_AsBinary(a.geom)) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.kind, ST_AsBinary(EXCLUDED.geom))
            RETURNING a.area
        )
        SELECT count(*) FILTER (WHERE p.area IS NULL) AS inserted, count(*) FILTER (WHERE p.area IS NOT NULL) AS updated
        FROM written w LEFT JOIN previous p ON p.area = w.area
        """

    static let refreshAreaKnown = """
        UPDATE ingest.incidents i
        SET area_known = EXISTS (SELECT 1 FROM ingest.areas a WHERE a.city = i.city AND a.area = i.area)
        WHERE i.city = $1 AND i.area_source = 'reported'
          AND i.area_known IS DISTINCT FROM EXISTS (SELECT 1 FROM ingest.areas a WHERE a.city = i.city AND a.area = i.area)
        """

    /// Places the city's incidents without a reported area (and with a location) in the polygon that
    /// contains them, records each change in `load_changes` (as a batch does) and writes its outbox
    /// deltas. Returns how many incidents changed area. Runs under the city lock of the caller's transaction.
    private func reassignSpatialAreas() throws -> Int {
        try connection.execute(LoadSQL.createSessionTables)
        try connection.query(LoadSQL.truncateSessionTables)
        try connection.query(LoadSQL.reassignSpatialAreas, [city.slug])
        let changed = try connection.query(LoadSQL.changeCounts).first?.decode(Int.self, column: "updated") ?? 0
        if changed > 0 {
            try connection.query(LoadSQL.lockOutbox)
            try connection.query(LoadSQL.writeOutbox, [city.slug, runID])
        }
        return changed
    }

    func run(source: any ByteSource) throws -> ParseSummary {
        let parser = AreaGeoJSONParser(layer: try Self.layer(for: city))
        try connection.execute(Self.createStaging)
        return try connection.transaction {
            try connection.query(LoadSQL.lockCity, [city.slug])
            try connection.query("TRUNCATE area_staging")
            var rejects: [RejectedRow] = []
            var summary = ParseSummary()
            try connection.copyIn("COPY area_staging FROM STDIN") { writer in
                summary = try parser.parse(CountingByteSource(inner: source, progress: progress)) { row in
                    progress.addRows(1)
                    switch row {
                    case .area(let polygon):
                        var line: [UInt8] = Array(String(polygon.lineNumber).utf8)
                        for text in [polygon.areaID, polygon.name, polygon.kind, polygon.geometryJSON] {
                            line.append(UInt8(ascii: "\t"))
                            StagingRowEncoder.appendText(text, to: &line)
                        }
                        line.append(UInt8(ascii: "\n"))
                        try writer.writeRaw(line)
                    case .rejected(let rejection):
                        rejects.append(rejection)
                    }
                }
            }
            let counts = try connection.query(Self.upsertAreas, [city.slug, runID])
            let inserted = try counts.first?.decode(Int.self, column: "inserted") ?? 0
            let updated = try counts.first?.decode(Int.self, column: "updated") ?? 0
            try connection.query(Self.refreshAreaKnown, [city.slug])
            let reassigned = try reassignSpatialAreas()
            try BatchWriter.writeRejects(rejects, runID: runID, on: connection)
            let unchanged = summary.rowsRead - rejects.count - inserted - updated
            try connection.query(LoadSQL.addBatchCounts, [runID, summary.rowsRead, inserted, updated, unchanged, rejects.count, 0, 0, 0])
            progress.addCommitted(rows: summary.rowsRead)
            try connection.query("UPDATE ingest.etl_runs SET reassigned = $2 WHERE run_id = $1", [runID, reassigned])
            return summary
        }
    }
}

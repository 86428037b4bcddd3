/// The SQL of a load, in one place. Every statement is set-based; values travel as bound parameters.
enum LoadSQL {
    /// Staging columns in COPY order (see ``StagingRowEncoder``).
    static let stagingColumns = """
        line bigint, source_key text, occurred timestamp, month_only boolean, primary_type text, description text,
        category text, location_description text, arrest boolean, domestic boolean, reported_area text,
        district integer, ward integer, community_area integer, lat double precision, lon double precision,
        block text, iucr text, fbi_code text, lsoa text, updated_on timestamp
        """

    /// Session-private tables (TEMP: no WAL, invisible to other sessions), created once per connection.
    static let createSessionTables = """
        CREATE TEMP TABLE IF NOT EXISTS load_staging (\(stagingColumns));
        CREATE TEMP TABLE IF NOT EXISTS load_changes (
            ord bigint, source_key text, was_update boolean,
            old_area text, old_primary_type text, old_category text, old_occurred timestamp, old_month_only boolean,
            old_arrest boolean, old_domestic boolean, old_lon double precision, old_lat double precision,
            new_area text, new_primary_type text, new_category text, new_occurred timestamp, new_month_only boolean,
            new_arrest boolean, new_domestic boolean, new_lon double precision, new_lat double precision
        );
        """

    static let truncateSessionTables = "TRUNCATE load_staging, load_changes"
    static let copyStaging = "COPY load_staging FROM STDIN"
    static let copyRejects = "COPY ingest.rejects (run_id, line_number, raw_text, reason) FROM STDIN"
    static let copyRowNotes = "COPY ingest.row_notes (run_id, line_number, source_key, note) FROM STDIN"

    /// Serialises batches of one city, so the `previous` snapshot below is the row the upsert replaces.
    static let lockCity = "SELECT pg_advisory_xact_lock(hashtext('crimescope.ingest.city:' || $1))"
    /// Taken right before outbox positions are drawn and held to COMMIT: positions increase in commit order.
    static let lockOutbox = "SELECT pg_advisory_xact_lock(hashtext('crimescope.ingest.outbox'))"

    /// The columns compared to decide whether an incoming version differs from the stored one.
    private static let comparedColumns = [
        "occurred", "month_only", "primary_type", "description", "category", "location_description", "arrest",
        "domestic", "area", "area_source", "area_known", "district", "ward", "community_area", "lat", "lon", "block",
        "iucr", "fbi_code", "lsoa", "updated_on",
    ]
    private static let updatedColumns = comparedColumns + ["source", "line_number", "run_id"]

    /// The aggregated fields (what the outbox carries), `source_key` first.
    private static let changeColumns = ["source_key", "area", "primary_type", "category", "occurred", "month_only",
                                        "arrest", "domestic", "lon", "lat"]

    /// Upserts the staged batch and records every inserted or replaced row, with its old and new
    /// aggregated fields, in `load_changes`. $1 city, $2 run id, $3 source name.
    ///
    /// - Within a batch the latest version of a key wins (greatest `updated_on`, then the last line).
    /// - Area: the reported one when the source has it; else the polygon containing the point
    ///   (`ST_Contains`, GiST index); else none. `area_known` says whether the id has a polygon.
    /// - A stored row is replaced only when the incoming version is not older (`updated_on`, when
    ///   both have one) and differs in some column; otherwise the row counts as unchanged.
    /// - `previous` reads the stored rows in the statement's snapshot, i.e. before the upsert. Keys
    ///   found there are UPDATEd, the others INSERTed without `ON CONFLICT` (a quarter less CPU than
    ///   the speculative insertion): batches of a city are serialised by ``lockCity``, so no other
    ///   transaction adds one of these keys meanwhile (if something did, the unique key would fail
    ///   the batch, never duplicate a row).
    static let upsertBatch = """
        WITH incoming AS (
            SELECT DISTINCT ON (source_key) *
            FROM load_staging
            ORDER BY source_key, updated_on DESC NULLS LAST, line DESC
        ), placed AS (
            SELECT i.*,
                   COALESCE(i.reported_area, spatial.area) AS area,
                   CASE WHEN i.reported_area IS NOT NULL THEN 'reported'
                        WHEN spatial.area IS NOT NULL THEN 'spatial' ELSE 'none' END AS area_source,
                   (known.area IS NOT NULL OR spatial.area IS NOT NULL) AS area_known,
                   $3::text AS source, i.line AS line_number, $2::bigint AS run_id
            FROM incoming i
            LEFT JOIN ingest.areas known ON known.city = $1 AND known.area = i.reported_area
            LEFT JOIN LATERAL (
                SELECT a.area FROM ingest.areas a
                WHERE i.reported_area IS NULL AND i.lon IS NOT NULL AND a.city = $1
                  AND ST_Contains(a.geom, ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326))
                ORDER BY a.area LIMIT 1
            ) spatial ON true
        ), previous AS (
            SELECT t.id, \(comparedColumns.map { "t.\($0)" }.joined(separator: ", ")), t.source_key
            FROM ingest.incidents t JOIN incoming i ON t.city = $1 AND t.source_key = i.source_key
        ), updated AS (
            UPDATE ingest.incidents t SET \(updatedColumns.map { "\($0) = p.\($0)" }.joined(separator: ", "))
            FROM placed p JOIN previous o ON o.source_key = p.source_key
            WHERE t.id = o.id
              AND (o.updated_on IS NULL OR p.updated_on IS NULL OR p.updated_on >= o.updated_on)
              AND (\(comparedColumns.map { "o.\($0)" }.joined(separator: ", ")))
                  IS DISTINCT FROM (\(comparedColumns.map { "p.\($0)" }.joined(separator: ", ")))
            RETURNING o.source_key, true, \(changeColumns.dropFirst().map { "o.\($0)" }.joined(separator: ", ")),
                      \(changeColumns.dropFirst().map { "t.\($0)" }.joined(separator: ", "))
        ), inserted AS (
            INSERT INTO ingest.incidents (city, source_key, \(updatedColumns.joined(separator: ", ")))
            SELECT $1, source_key, \(updatedColumns.joined(separator: ", "))
            FROM placed p WHERE NOT EXISTS (SELECT 1 FROM previous o WHERE o.source_key = p.source_key)
            RETURNING \(changeColumns.joined(separator: ", "))
        )
        INSERT INTO load_changes
        SELECT row_number() OVER (ORDER BY c.source_key), c.*
        FROM (
            SELECT source_key, false, NULL::text, NULL::text, NULL::text, NULL::timestamp, NULL::boolean, NULL::boolean,
                   NULL::boolean, NULL::double precision, NULL::double precision,
                   \(changeColumns.dropFirst().joined(separator: ", "))
            FROM inserted
            UNION ALL
            SELECT * FROM updated
        ) c
        """

    /// After areas change: every incident of city $1 whose area was not reported and that has a
    /// location is placed again (`ST_Contains`, the lowest area id when polygons overlap); the ones
    /// whose area changes are updated and recorded in `load_changes` as updates (old and new fields).
    static let reassignSpatialAreas = """
        WITH placed AS (
            SELECT i.id, i.area AS old_area, spatial.area AS new_area
            FROM ingest.incidents i
            LEFT JOIN LATERAL (
                SELECT a.area FROM ingest.areas a
                WHERE a.city = $1 AND ST_Contains(a.geom, ST_SetSRID(ST_MakePoint(i.lon, i.lat), 4326))
                ORDER BY a.area LIMIT 1
            ) spatial ON true
            WHERE i.city = $1 AND i.area_source <> 'reported' AND i.lon IS NOT NULL
        ), moved AS (
            UPDATE ingest.incidents t
            SET area = p.new_area, area_source = CASE WHEN p.new_area IS NULL THEN 'none' ELSE 'spatial' END,
                area_known = p.new_area IS NOT NULL
            FROM placed p
            WHERE t.id = p.id AND p.old_area IS DISTINCT FROM p.new_area
            RETURNING t.source_key, true, p.old_area, \(changeColumns.dropFirst(2).map { "t.\($0)" }.joined(separator: ", ")),
                      t.area, \(changeColumns.dropFirst(2).map { "t.\($0)" }.joined(separator: ", "))
        )
        INSERT INTO load_changes
        SELECT row_number() OVER (ORDER BY m.source_key), m.* FROM moved m
        """

    static let changeCounts = """
        SELECT count(*) FILTER (WHERE NOT was_update) AS inserted, count(*) FILTER (WHERE was_update) AS updated
        FROM load_changes
        """

    /// Outbox deltas grouped per this many changed records (≤ 2× as many deltas, ~1 MiB on the wire).
    static let changesPerOutboxEntry = 10_000

    private static let oldProjection = "(old_area, old_primary_type, old_category, old_occurred, old_month_only, old_arrest, old_domestic, old_lon, old_lat)"
    private static let newProjection = "(new_area, new_primary_type, new_category, new_occurred, new_month_only, new_arrest, new_domestic, new_lon, new_lat)"

    /// Writes this batch's outbox entries: +1 for each insert; -1 old and +1 new for each update
    /// whose aggregated fields changed (an update of other columns nets to nothing and is left out).
    /// $1 city, $2 run id. Returns the number of deltas written. The aggregates take no ORDER BY
    /// (each would sort the batch again): every input row feeds all arrays at once, so the arrays
    /// stay parallel whatever order the rows arrive in.
    static let writeOutbox = """
        WITH deltas AS (
            SELECT ord, 0 AS part, -1 AS sign, old_area AS area, old_primary_type AS primary_type, old_category AS category,
                   old_occurred AS occurred, old_month_only AS month_only, old_arrest AS arrest, old_domestic AS domestic,
                   old_lon AS lon, old_lat AS lat
            FROM load_changes WHERE was_update AND \(oldProjection) IS DISTINCT FROM \(newProjection)
            UNION ALL
            SELECT ord, 1, 1, new_area, new_primary_type, new_category, new_occurred, new_month_only, new_arrest,
                   new_domestic, new_lon, new_lat
            FROM load_changes WHERE NOT was_update OR \(oldProjection) IS DISTINCT FROM \(newProjection)
        ), entries AS (
            INSERT INTO ingest.outbox (run_id, city, delta_count, signs, areas, primary_types, categories, occurred,
                                       month_only, arrests, domestic, has_location, lons, lats)
            SELECT $2, $1, count(*),
                   array_agg(sign::smallint),
                   array_agg(COALESCE(area, '')),
                   array_agg(COALESCE(primary_type, '')),
                   array_agg(COALESCE(category, '')),
                   array_agg(occurred),
                   array_agg(month_only),
                   array_agg(arrest),
                   array_agg(domestic),
                   array_agg(lon IS NOT NULL),
                   array_agg(lon),
                   array_agg(lat)
            FROM deltas
            GROUP BY (ord - 1) / \(changesPerOutboxEntry)
            ORDER BY (ord - 1) / \(changesPerOutboxEntry)
            RETURNING delta_count
        )
        SELECT COALESCE(sum(delta_count), 0)::bigint FROM entries
        """

    /// Adds one committed batch to its run's counts (the CHECK keeps them adding up).
    static let addBatchCounts = """
        UPDATE ingest.etl_runs
        SET rows_read = rows_read + $2, inserted = inserted + $3, updated = updated + $4, unchanged = unchanged + $5,
            rejected = rejected + $6, duplicates = duplicates + $7, skipped_by_cursor = skipped_by_cursor + $8,
            noted = noted + $9, batches = batches + 1
        WHERE run_id = $1
        """
}

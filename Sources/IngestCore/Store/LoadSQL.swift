/// The SQL of a load, in one place. Values travel as bound parameters or binary COPY data.
///
/// A batch (see ``BatchWriter``) first probes its keys (``probeKeys``): each row is then new,
/// unchanged (same stored hash: nothing to do) or differing. New rows are COPYed straight into
/// `ingest.incidents` (PostgreSQL routes them to their partitions and inserts them a page at a
/// time) and their keys into `incident_keys`, with ids drawn in one statement; their outbox entries
/// are COPYed from what ingest already holds. Only differing rows go through the staging table and
/// the set-based compare and UPDATE below.
enum LoadSQL {
    /// A record's columns in the order ``LoadRowEncoder`` writes them; `area` is the reported one in
    /// the staging table and the area as placed in the incidents.
    static let recordColumns = [
        "source_key", "occurred", "month_only", "primary_type", "description", "category", "location_description",
        "arrest", "domestic", "area", "district", "ward", "community_area", "lat", "lon", "block", "iucr",
        "fbi_code", "lsoa", "updated_on", "line_number",
    ]

    /// Staging columns in COPY order: ``recordColumns`` (as `reported_area` and `line`), the
    /// row's hash and its spatially placed area (both from ingest).
    static let stagingColumns = """
        source_key text, occurred timestamp, month_only boolean, primary_type text, description text,
        category text, location_description text, arrest boolean, domestic boolean, reported_area text,
        district integer, ward integer, community_area integer, lat double precision, lon double precision,
        block text, iucr text, fbi_code text, lsoa text, updated_on timestamp, line bigint, row_hash bigint,
        spatial_area text
        """

    /// The names of ``stagingColumns``, for the COPY column list.
    private static let stagingColumnNames = stagingColumns
        .split(separator: ",")
        .compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) }
        .joined(separator: ", ")

    /// Session-private tables (TEMP: no WAL, invisible to other sessions), created once per connection.
    /// `load_staging` holds a batch's differing rows, `load_known` their keys' ids and `occurred`
    /// (``findKnown``), `load_previous` their stored versions (``findPrevious``), `load_changes`
    /// the replaced rows' old and new aggregated fields (updates and area reassignments).
    static let createSessionTables = """
        CREATE TEMP TABLE IF NOT EXISTS load_staging (\(stagingColumns));
        CREATE TEMP TABLE IF NOT EXISTS load_known (source_key text, id bigint, occurred timestamp, unchanged boolean);
        CREATE TEMP TABLE IF NOT EXISTS load_previous AS
            SELECT id, source_key, \(comparedColumns.joined(separator: ", ")) FROM ingest.incidents WITH NO DATA;
        CREATE TEMP TABLE IF NOT EXISTS load_changes (
            source_key text, was_update boolean,
            old_area text, old_primary_type text, old_category text, old_occurred timestamp, old_month_only boolean,
            old_arrest boolean, old_domestic boolean, old_lon double precision, old_lat double precision,
            new_area text, new_primary_type text, new_category text, new_occurred timestamp, new_month_only boolean,
            new_arrest boolean, new_domestic boolean, new_lon double precision, new_lat double precision
        );
        """

    /// Session settings of a load connection, set before the session's first temporary table (the
    /// temporary buffers cannot change after it): the staging tables of a batch stay in the
    /// session's memory instead of going through the kernel's page cache; sorts and hashes of a
    /// batch stay in memory; the outbox's large arrays are compressed with lz4 instead of pglz (a
    /// third of the outbox statement's CPU went to pglz). No Memoize: the planner puts one over the
    /// partition probe of ``findPrevious``, whose keys never repeat (every lookup a miss; a quarter
    /// of the lookup's time). No merge joins: joining a batch's rows by key (``updateExisting``,
    /// ``moveKeys``) would sort both sides by text in the database's collation; a hash join needs
    /// no order. No JIT: the batch statements' estimated costs make PostgreSQL compile them on
    /// every batch (~85–300 ms each), more than the compiled expressions ever save here.
    static let sessionSettings = """
        SET temp_buffers = '256MB'; SET work_mem = '64MB'; SET default_toast_compression = 'lz4';
        SET enable_memoize = off; SET enable_mergejoin = off; SET jit = off
        """

    static let truncateSessionTables = "TRUNCATE load_staging, load_known, load_previous, load_changes"
    static let copyStaging = "COPY load_staging (\(stagingColumnNames)) FROM STDIN (FORMAT binary)"
    /// New rows: ``recordColumns``, then the columns ingest adds (``BatchWriter`` writes them in this order).
    static let copyIncidents = """
        COPY ingest.incidents (\(recordColumns.joined(separator: ", ")), id, city, area_source, area_known, source, run_id)
        FROM STDIN (FORMAT binary)
        """
    static let copyKeys = "COPY ingest.incident_keys (city, source_key, id, occurred, row_hash) FROM STDIN (FORMAT binary)"
    /// Outbox entries of new rows (position and creation time from their defaults, in row order).
    static let copyOutbox = """
        COPY ingest.outbox (run_id, city, delta_count, signs, areas, primary_types, categories, occurred, month_only,
                            arrests, domestic, has_location, lons, lats) FROM STDIN (FORMAT binary)
        """
    static let copyRejects = "COPY ingest.rejects (run_id, line_number, raw_text, reason) FROM STDIN"
    static let copyRowNotes = "COPY ingest.row_notes (run_id, line_number, source_key, note) FROM STDIN"

    /// Serialises batches of one city, so `load_known` and `load_previous` stay the stored state until COMMIT. A
    /// session lock, taken before BEGIN and released after COMMIT or ROLLBACK (see ``BatchWriter``),
    /// so that a run blocked on it can first record, in its own committed statement, that it waits.
    static let tryLockCity = "SELECT pg_try_advisory_lock(hashtext('crimescope.ingest.city:' || $1))"
    static let lockCity = "SELECT pg_advisory_lock(hashtext('crimescope.ingest.city:' || $1))"
    static let unlockCity = "SELECT pg_advisory_unlock(hashtext('crimescope.ingest.city:' || $1))"
    /// The same lock for one transaction (an area load's single transaction), released at its end.
    static let lockCityInTransaction = "SELECT pg_advisory_xact_lock(hashtext('crimescope.ingest.city:' || $1))"

    /// The run holding city $1's lock: the run-liveness lock ($2 is ``RunLedger/runLockClass``)
    /// held by the same backend, in this database (`pg_locks` lists every database's). A one-key
    /// advisory lock shows its key's high half as `classid` and its low half as `objid`; nothing
    /// when the holder already let go.
    static let cityLockHolder = """
        SELECT run.objid::bigint
        FROM pg_locks city
        JOIN pg_locks run ON run.pid = city.pid AND run.locktype = 'advisory' AND run.granted
                          AND run.classid = ($2::int)::oid AND run.objsubid = 2
        WHERE city.locktype = 'advisory' AND city.granted AND city.objsubid = 1
          AND city.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND ((city.classid::bigint << 32) | city.objid::bigint) = hashtext('crimescope.ingest.city:' || $1)::bigint
          AND city.pid <> pg_backend_pid()
        LIMIT 1
        """

    /// The planner's estimate of city $1's stored keys (the first line of the plan holds `rows=N`).
    static let estimateCityRows = "EXPLAIN SELECT 1 FROM ingest.incident_keys WHERE city = $1"
    /// Rows inserted into city $1 by runs that ended after the incidents were last analysed, or are
    /// still going (their committed batches count).
    static let insertedSinceAnalyze = """
        SELECT COALESCE(sum(inserted), 0)::bigint FROM ingest.etl_runs
        WHERE city = $1 AND (finished_at IS NULL OR finished_at > COALESCE(
            (SELECT greatest(last_analyze, last_autoanalyze) FROM pg_stat_user_tables
             WHERE relid = 'ingest.incident_keys'::regclass), '-infinity'))
        """
    /// Refreshes the statistics the planner estimates every city's keys from (the incidents'
    /// partitions are one city each: their own sizes tell the planner a city's rows).
    static let analyzeCities = "ANALYZE ingest.incident_keys (city)"
    /// Taken right before outbox positions are drawn and held to COMMIT: positions increase in commit order.
    static let lockOutbox = "SELECT pg_advisory_xact_lock(hashtext('crimescope.ingest.outbox'))"
    /// Under ``lockOutbox``: makes sure outbox partitions cover the next $1 positions (migration
    /// 0006; a partition is created about once per thousand entries).
    static let ensureOutboxPartitions = """
        SELECT ingest.ensure_outbox_partitions((SELECT last_value FROM ingest.outbox_position_seq) + $1::bigint)
        """

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

    /// A staged row `s` as stored, in the order of ``updatedColumns`` (joined with the city's areas
    /// as `known`). $2 run id, $3 source name. Area: the reported one when the source has it; else
    /// the polygon containing the point (``placePoints``, copied in as `spatial_area`); else none. `area_known` says whether
    /// the id has a polygon.
    private static let placedValues = """
        s.occurred, s.month_only, s.primary_type, s.description, s.category, s.location_description, s.arrest,
        s.domestic, COALESCE(s.reported_area, s.spatial_area),
        CASE WHEN s.reported_area IS NOT NULL THEN 'reported' WHEN s.spatial_area IS NOT NULL THEN 'spatial' ELSE 'none' END,
        (known.area IS NOT NULL OR s.spatial_area IS NOT NULL),
        s.district, s.ward, s.community_area, s.lat, s.lon, s.block, s.iucr, s.fbi_code, s.lsoa, s.updated_on,
        $3::text, s.line, $2::bigint
        """

    /// The batch's keys ($2, a text array) of city $1 that exist: their 1-based position in $2 and
    /// their stored ``RowContentHash`` (NULL when stored before migration 0007). One probe of the
    /// key index (`incident_keys_city_source_key`, migration 0005) per key; the LATERAL with
    /// `OFFSET 0` keeps the planner from hashing the whole key table, and comparing in `COLLATE "C"`
    /// leaves it no index but the key's, whatever the statistics say of the city.
    static let probeKeys = """
        SELECT b.ord, key.row_hash
        FROM unnest($2::text[]) WITH ORDINALITY AS b(source_key, ord) CROSS JOIN LATERAL (
            SELECT k.row_hash FROM ingest.incident_keys k
            WHERE k.city = ($1::text COLLATE "C") AND k.source_key = (b.source_key COLLATE "C") OFFSET 0
        ) key
        """

    /// Which of the reported areas $2 (a text array) of city $1 have a polygon (`area_known`).
    static let knownAreas = "SELECT area FROM ingest.areas WHERE city = $1 AND area = ANY ($2::text[])"

    /// For rows without a reported area but with a location: the polygon of city $1 containing each
    /// point ($2 longitudes, $3 latitudes; `ST_Contains`, GiST index; the lowest id when polygons
    /// overlap), by 1-based position, NULL when none does.
    static let placePoints = """
        SELECT p.ord, (
            SELECT a.area FROM ingest.areas a
            WHERE a.city = $1 AND ST_Contains(a.geom, ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326))
            ORDER BY a.area LIMIT 1)
        FROM unnest($2::float8[], $3::float8[]) WITH ORDINALITY AS p(lon, lat, ord)
        """

    /// The plan of a load statement (tests check which indexes the lookups use).
    static func explain(_ statement: String) -> String { "EXPLAIN " + statement }

    /// Reserves $1 consecutive incident ids and returns the first (migration 0008).
    static let drawIncidentIDs = "SELECT ingest.draw_incident_ids($1::bigint)"

    /// Records in `load_known` the staged (differing) keys of city $1: the incident's id and
    /// `occurred` (and whether the stored hash equals the staged one: never, once ``probeKeys``
    /// sorted them). Probes as ``probeKeys`` does.
    static let findKnown = """
        WITH known AS (
            INSERT INTO load_known
            SELECT s.source_key, key.id, key.occurred, COALESCE(key.row_hash = s.row_hash, false)
            FROM load_staging s CROSS JOIN LATERAL (
                SELECT k.id, k.occurred, k.row_hash FROM ingest.incident_keys k
                WHERE k.city = ($1::text COLLATE "C") AND k.source_key = (s.source_key COLLATE "C") OFFSET 0
            ) key
            RETURNING unchanged
        )
        SELECT count(*), count(*) FILTER (WHERE unchanged) FROM known
        """

    /// Copies into `load_previous` the stored versions of the known keys whose hash differs: per
    /// key one probe of the (occurred, id) index of the single (city, year) partition that
    /// `occurred` names (run-time partition pruning). $1 city.
    static let findPrevious = """
        INSERT INTO load_previous
        SELECT t.id, t.source_key, \(comparedColumns.map { "t.\($0)" }.joined(separator: ", "))
        FROM load_known key CROSS JOIN LATERAL (
            SELECT * FROM ingest.incidents i
            WHERE i.city = $1 AND i.occurred = key.occurred AND i.id = key.id OFFSET 0
        ) t
        WHERE NOT key.unchanged
        """

    /// Creates the incidents partitions of city $1 for year $2 when missing (migration 0005). Run in
    /// its own short transaction under the city's lock, before the batch's: creating a partition
    /// locks its parent, which must not stay locked for a whole batch.
    static let ensureIncidentPartition = "SELECT ingest.ensure_incident_partition($1, $2::int)"

    /// Replaces stored rows by their staged versions when the incoming one is not older
    /// (`updated_on`, when both have one) and differs in some column, recording the old and new
    /// aggregated fields in `load_changes`; the others count as unchanged. The differing rows are
    /// picked from `load_previous` first (MATERIALIZED), so only they probe the partitions (and
    /// `load_previous` holds only the keys whose hash differs): a reload of an unchanged year
    /// touches no incident. A stored version equal to the staged one column by column while its key's
    /// hash is not the staged row's (a key stored before migration 0007 has none) adopts the staged
    /// hash (`adopted`), so the next reload trusts it without reading the row. Only run when
    /// ``findPrevious`` found keys. $1 city, $2 run id, $3 source name; the affected row count is the
    /// number updated.
    static let updateExisting = """
        WITH incoming (source_key, \(updatedColumns.joined(separator: ", "))) AS (
            SELECT s.source_key, \(placedValues)
            FROM load_staging s
            JOIN load_previous o ON o.source_key = s.source_key
            LEFT JOIN ingest.areas known ON known.city = $1 AND known.area = s.reported_area
        ), changed AS MATERIALIZED (
            SELECT p.*, o.id AS stored_id, \(changeColumns.dropFirst().map { "o.\($0) AS stored_\($0)" }.joined(separator: ", "))
            FROM incoming p JOIN load_previous o ON o.source_key = p.source_key
            WHERE (o.updated_on IS NULL OR p.updated_on IS NULL OR p.updated_on >= o.updated_on)
              AND (\(comparedColumns.map { "o.\($0)" }.joined(separator: ", ")))
                  IS DISTINCT FROM (\(comparedColumns.map { "p.\($0)" }.joined(separator: ", ")))
        ), updated AS (
            UPDATE ingest.incidents t SET \(updatedColumns.map { "\($0) = p.\($0)" }.joined(separator: ", "))
            FROM changed p
            WHERE t.city = $1 AND t.occurred = p.stored_occurred AND t.id = p.stored_id
            RETURNING p.source_key, true, \(changeColumns.dropFirst().map { "p.stored_\($0)" }.joined(separator: ", ")),
                      \(changeColumns.dropFirst().map { "t.\($0)" }.joined(separator: ", "))
        ), adopted AS (
            UPDATE ingest.incident_keys k SET row_hash = s.row_hash
            FROM incoming p JOIN load_previous o ON o.source_key = p.source_key JOIN load_staging s ON s.source_key = p.source_key
            WHERE k.city = ($1::text COLLATE "C") AND k.source_key = (p.source_key COLLATE "C")
              AND (\(comparedColumns.map { "o.\($0)" }.joined(separator: ", ")))
                  IS NOT DISTINCT FROM (\(comparedColumns.map { "p.\($0)" }.joined(separator: ", ")))
        )
        INSERT INTO load_changes SELECT * FROM updated
        """

    /// After ``updateExisting``: the keys of the replaced rows follow them — the staged row's hash,
    /// and `occurred` (a revision may move an incident to another year's partition). $1 city.
    static let moveKeys = """
        UPDATE ingest.incident_keys k SET occurred = c.new_occurred, row_hash = s.row_hash
        FROM load_changes c JOIN load_staging s ON s.source_key = c.source_key
        WHERE k.city = ($1::text COLLATE "C") AND k.source_key = (c.source_key COLLATE "C")
        """

    /// After areas change: every incident of city $1 whose area was not reported and that has a
    /// location is placed again (`ST_Contains`, the lowest area id when polygons overlap); the ones
    /// whose area changes are updated and recorded in `load_changes` as updates (old and new fields).
    static let reassignSpatialAreas = """
        WITH placed AS (
            SELECT i.id, i.occurred, i.area AS old_area, spatial.area AS new_area
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
            WHERE t.city = $1 AND t.occurred = p.occurred AND t.id = p.id AND p.old_area IS DISTINCT FROM p.new_area
            RETURNING t.source_key, true, p.old_area, \(changeColumns.dropFirst(2).map { "t.\($0)" }.joined(separator: ", ")),
                      t.area, \(changeColumns.dropFirst(2).map { "t.\($0)" }.joined(separator: ", "))
        )
        INSERT INTO load_changes SELECT * FROM moved
        """

    static let changeCounts = """
        SELECT count(*) FILTER (WHERE NOT was_update) AS inserted, count(*) FILTER (WHERE was_update) AS updated
        FROM load_changes
        """

    /// Outbox deltas grouped per this many changed records (≤ 2× as many deltas, ~1 MiB on the wire).
    static let changesPerOutboxEntry = 10_000

    private static let oldProjection = "(old_area, old_primary_type, old_category, old_occurred, old_month_only, old_arrest, old_domestic, old_lon, old_lat)"
    private static let newProjection = "(new_area, new_primary_type, new_category, new_occurred, new_month_only, new_arrest, new_domestic, new_lon, new_lat)"

    /// After this transaction wrote outbox entries, under the outbox lock: run $1's newest position
    /// is the one the session drew last (migration 0009). Only after at least one entry was written
    /// in the session (`currval` fails otherwise).
    static let recordOutboxPosition = """
        UPDATE ingest.etl_runs SET outbox_position = currval('ingest.outbox_position_seq') WHERE run_id = $1
        """

    /// Writes the outbox entries of the replaced rows in `load_changes`: -1 old and +1 new for each
    /// one whose aggregated fields changed (an update of other columns nets to nothing and is left
    /// out). $1 city, $2 run id. Returns the number of deltas written. (New rows' entries are
    /// COPYed by ``BatchWriter``, ``copyOutbox``.)
    ///
    /// Entries hold up to ``changesPerOutboxEntry`` replaced rows (both deltas of one row in the
    /// same entry), numbered in the order the rows are read: no sort by key. The aggregates take
    /// no ORDER BY either (each would sort the batch again): every input row feeds all arrays at
    /// once, so the arrays stay parallel whatever order the rows arrive in.
    static let writeReplacedOutbox = """
        WITH replaced AS (
            SELECT row_number() OVER () AS ord, c.* FROM load_changes c
            WHERE \(oldProjection) IS DISTINCT FROM \(newProjection)
        ), deltas AS (
            SELECT 1 AS part, ord, -1 AS sign, old_area AS area, old_primary_type AS primary_type, old_category AS category,
                   old_occurred AS occurred, old_month_only AS month_only, old_arrest AS arrest, old_domestic AS domestic,
                   old_lon AS lon, old_lat AS lat
            FROM replaced
            UNION ALL
            SELECT 1, ord, 1, new_area, new_primary_type, new_category, new_occurred, new_month_only, new_arrest,
                   new_domestic, new_lon, new_lat
            FROM replaced
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
            GROUP BY part, (ord - 1) / \(changesPerOutboxEntry)
            ORDER BY part, (ord - 1) / \(changesPerOutboxEntry)
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

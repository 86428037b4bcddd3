import Foundation
@testable import IngestCore
import Postgres
import TestSupport
import Testing

/// A database holding data in the layout before partitioning (migrations 0001–0004) migrates in
/// place: every incident and outbox entry survives, byte for byte, and loads go on from there.
@Suite("In-place migration to partitioned incidents and outbox", .serialized, .timeLimit(.minutes(10)))
struct IngestMigrationInPlaceTests {
    /// Count and an order-independent-of-layout checksum of every incident column, by id.
    static let incidentsChecksum = """
        SELECT count(*)::text || ' ' || md5(string_agg(md5(t::text), '' ORDER BY id)) FROM (
            SELECT id, city, source_key, occurred, month_only, primary_type, description, category, location_description,
                   arrest, domestic, area, area_source, area_known, district, ward, community_area, lat, lon, block, iucr,
                   fbi_code, lsoa, updated_on, source, line_number, run_id
            FROM ingest.incidents) t
        """
    static let outboxChecksum = "SELECT count(*)::text || ' ' || md5(string_agg(md5(o::text), '' ORDER BY position)) FROM ingest.outbox o"

    @Test("old-layout rows (three cities, years 2001–2024, NULLs) keep their count and checksum; keys and partitions follow; a later load updates them")
    func migratesInPlace() async throws {
        try await TestDatabase.withDatabase(label: "migrate-in-place") { database in
            let pool = database.pool(size: 2)
            do {
                try await Self.migrateInPlace(database: database, pool: pool)
                await pool.shutdown()
            } catch {
                await pool.shutdown()
                throw error
            }
        }
    }

    static func migrateInPlace(database: TestDatabase, pool: PostgresPool) async throws {
            let migrations = try Migration.load(directory: IngestBackend.migrationsDirectory)
            #expect(migrations.contains { $0.version == 5 } && migrations.contains { $0.version == 6 })
            _ = try await Migrator(schema: "ingest", migrations: migrations.filter { $0.version <= 4 }).migrate(pool)
            try await pool.execute("""
                INSERT INTO ingest.incidents (city, source_key, occurred, month_only, primary_type, description, category,
                    location_description, arrest, domestic, area, area_source, area_known, district, ward, community_area,
                    lat, lon, block, iucr, fbi_code, lsoa, updated_on, source, line_number, run_id)
                SELECT (ARRAY['chicago', 'nyc', 'uk-west-yorkshire'])[1 + n % 3], 'K' || n,
                       timestamp '2001-01-01' + (n * 7919 % 8766) * interval '1 day' + (n % 1440) * interval '1 minute',
                       n % 3 = 2, CASE WHEN n % 11 = 0 THEN NULL ELSE 'TYPE' || n % 7 END, 'description ' || n,
                       'category' || n % 5, NULL, n % 2 = 0, n % 5 = 0,
                       CASE WHEN n % 13 = 0 THEN NULL ELSE lpad((n % 300)::text, 4, '0') END,
                       CASE WHEN n % 13 = 0 THEN 'none' ELSE 'reported' END, n % 17 <> 0,
                       n % 25, NULLIF(n % 50, 0), n % 77,
                       CASE WHEN n % 9 = 0 THEN NULL ELSE 41.6 + (n % 1000) / 2500.0 END,
                       CASE WHEN n % 9 = 0 THEN NULL ELSE -87.9 + (n % 997) / 2500.0 END,
                       'block ' || n, 'I' || n % 99, 'F' || n % 26, NULL,
                       CASE WHEN n % 4 = 0 THEN NULL ELSE timestamp '2024-06-01' + n * interval '1 second' END,
                       'old.csv', n, 0
                FROM generate_series(1, 6000) n;
                INSERT INTO ingest.outbox (run_id, city, delta_count, signs, areas, primary_types, categories, occurred,
                    month_only, arrests, domestic, has_location, lons, lats)
                SELECT 0, 'chicago', 2, ARRAY[1, -1]::smallint[], ARRAY['0111', ''], ARRAY['THEFT', 'BATTERY'], ARRAY['a', 'b'],
                       ARRAY[timestamp '2016-01-01' + n * interval '1 hour', timestamp '2017-01-01'], ARRAY[false, false],
                       ARRAY[n % 2 = 0, true], ARRAY[false, true], ARRAY[true, false], ARRAY[-87.6, NULL], ARRAY[41.8, NULL]
                FROM generate_series(1, 25) n;
                """)
            let incidentsBefore = try await pool.query(Self.incidentsChecksum).scalar(String.self)
            let outboxBefore = try await pool.query(Self.outboxChecksum).scalar(String.self)
            let yearsBefore = try await pool.query(
                "SELECT count(DISTINCT (city, extract(year FROM occurred)))::int FROM ingest.incidents").scalar(Int.self)

            let applied = try await Migrator(schema: "ingest", migrations: migrations).migrate(pool)
            #expect(applied.contains(5) && applied.contains(6))
            #expect(try await pool.query(Self.incidentsChecksum).scalar(String.self) == incidentsBefore)
            #expect(incidentsBefore.hasPrefix("6000 "))
            #expect(try await pool.query(Self.outboxChecksum).scalar(String.self) == outboxBefore)
            #expect(try await pool.query("SELECT relkind::text FROM pg_class WHERE oid = 'ingest.incidents'::regclass").scalar(String.self) == "p")
            #expect(try await pool.query("SELECT relkind::text FROM pg_class WHERE oid = 'ingest.outbox'::regclass").scalar(String.self) == "p")
            // One leaf per (city, year) present, each holding only its own rows; one key per incident.
            #expect(try await pool.query("SELECT count(DISTINCT tableoid)::int FROM ingest.incidents").scalar(Int.self) == yearsBefore)
            #expect(try await pool.query("""
                SELECT count(*)::int FROM ingest.incidents i FULL JOIN ingest.incident_keys k USING (city, source_key, id, occurred)
                WHERE i.ctid IS NULL OR k.id IS NULL
                """).scalar(Int.self) == 0)
            #expect(try await pool.query("SELECT count(*)::int FROM ingest.outbox_partitions()").scalar(Int.self) == 1)

            // Loads continue on the migrated data: a revision of K3 (stored as chicago 2001…) is an
            // update of that row, a new key gets an id above every old one, the outbox goes on.
            let loader = IngestLoader(databaseURL: database.url)
            guard let chicago = IngestCity(slug: "chicago") else { return }
            let csv = IngestPartitionTests.csv([
                IngestPartitionTests.row(id: 3, date: "05/05/2020 10:00:00 AM", updated: "01/01/2025 01:00:00 AM"),
                IngestPartitionTests.row(id: 999_999, date: "05/05/2020 11:00:00 AM", updated: "01/01/2025 01:00:00 AM"),
            ])
            let keyed = String(decoding: csv, as: UTF8.self).replacingOccurrences(of: "\n3,HX3,", with: "\nK3,HX3,")
            let outcome = try await loader.load(LoadRequest(city: chicago, format: .chicagoCSV,
                                                            input: .bytes(Array(keyed.utf8), name: "after.csv"), fullReload: true))
            #expect(outcome.succeeded, "\(outcome.error ?? "")")
            #expect(try await pool.query("SELECT updated::int FROM ingest.etl_runs WHERE run_id = $1", [outcome.runID]).scalar(Int.self) == 1)
            #expect(try await pool.query("SELECT count(*)::int FROM ingest.incidents WHERE source_key = 'K3'").scalar(Int.self) == 1)
            #expect(try await pool.query("""
                SELECT (SELECT id FROM ingest.incidents WHERE source_key = '999999') > 6000
                """).scalar(Bool.self))
            #expect(try await pool.query("SELECT min(position)::int FROM ingest.outbox WHERE run_id = $1", [outcome.runID]).scalar(Int.self) == 26)
    }
}

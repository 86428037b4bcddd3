import Foundation
@testable import IngestCore
import Postgres
import Testing

/// A reload decides "unchanged" from the hash stored with each key (migration 0007) and reads the
/// stored version only for keys whose hash differs or is missing.
@Suite("Row hashes: a reload skips the rows whose stored hash matches", .serialized, .timeLimit(.minutes(10)))
struct IngestLoadRowHashTests {
    static let sample = "chicago-crimes/samples/portal_csv_2014-02-28_to_03-15.csv.gz"

    @Test("keys carry hashes; keys without one are compared column by column and get one; a matching hash is trusted")
    func reloadUsesTheStoredHash() async throws {
        try await IngestTestDatabase.with(label: "rowhash") { db in
            #expect(try await db.load(Self.sample, city: "chicago", format: .chicagoCSV).succeeded)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incident_keys WHERE row_hash IS NULL") == 0)
            #expect(try await db.scalar("SELECT count(DISTINCT row_hash) FROM ingest.incident_keys") == 6_957)

            let keyHashes = "SELECT md5(string_agg(source_key || ':' || row_hash, ',' ORDER BY source_key)) FROM ingest.incident_keys"
            let hashesBefore = try await db.pool.query(keyHashes).scalar(String.self)

            // 150 rows altered behind ingest's back (arrest flipped); 100 of them with their hash
            // cleared, as keys stored before migration 0007 are: the reload compares those column by
            // column and restores them. The other 50 keep their hash, which says the source values
            // are stored: they are not read, and stay as they are.
            try await db.pool.execute("""
                CREATE TABLE public.altered AS
                SELECT source_key, row_number() OVER (ORDER BY source_key) <= 100 AS cleared
                FROM ingest.incident_keys ORDER BY source_key LIMIT 150
                """)
            try await db.pool.execute("""
                UPDATE ingest.incidents i SET arrest = NOT i.arrest FROM public.altered a WHERE i.source_key = a.source_key
                """)
            try await db.pool.execute("""
                UPDATE ingest.incident_keys k SET row_hash = NULL FROM public.altered a WHERE k.source_key = a.source_key AND a.cleared
                """)
            // 40 more keys lose their hash with their rows untouched: the reload finds them equal
            // column by column and gives them their hash back.
            try await db.pool.execute("""
                UPDATE ingest.incident_keys SET row_hash = NULL WHERE source_key IN (
                    SELECT source_key FROM ingest.incident_keys WHERE source_key NOT IN (SELECT source_key FROM public.altered)
                    ORDER BY source_key LIMIT 40)
                """)

            let again = try await db.load(Self.sample, city: "chicago", format: .chicagoCSV, fullReload: true)
            let counts = try await db.counts(run: again.runID)
            #expect(again.succeeded, "\(again.error ?? "")")
            #expect(counts["updated"] == 100 && counts["unchanged"] == 6_857 && counts["inserted"] == 0, "\(counts)")
            #expect(try await db.scalar("""
                SELECT count(*) FROM ingest.incidents i JOIN public.altered a USING (source_key) WHERE i.run_id = $1 AND a.cleared
                """, [again.runID]) == 100)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE run_id = $1", [again.runID]) == 100)
            #expect(try await db.outboxMismatches(city: "chicago") == 0)
            // The restored keys, and the equal ones, got back the hash the first load gave them.
            let hashesAfter = try await db.pool.query(keyHashes).scalar(String.self)
            #expect(hashesAfter == hashesBefore)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incident_keys WHERE row_hash IS NULL") == 0)

            let third = try await db.load(Self.sample, city: "chicago", format: .chicagoCSV, fullReload: true)
            #expect(try await db.counts(run: third.runID)["unchanged"] == 6_957)
        }
    }
}

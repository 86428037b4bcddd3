import Foundation
@testable import IngestCore
import Testing

/// "Later" is decided by `Updated On` when both versions have one, else by load order.
@Suite("Revisions: the later version of a record wins and the outbox carries the difference", .serialized, .timeLimit(.minutes(10)))
struct IngestLoadRevisionTests {
    @Test("the April-2014 portal sample, then the 2018 extract of 2014, then the sample again")
    func sampleThenExtractThenSample() async throws {
        try await IngestTestDatabase.with(label: "revision") { db in
            let sample = "chicago-crimes/samples/portal_csv_2014-02-28_to_03-15.csv.gz"
            let first = try await db.load(sample, city: "chicago", format: .chicagoCSV)
            #expect(first.succeeded)
            #expect(try await db.counts(run: first.runID)["inserted"] == 6_957)

            // The 2018 extract has a later Updated On for all 6,919 shared IDs (and other values differ
            // in all of them: re-geocoded coordinates), so each is an update; the rest of 2014 is new.
            let extract = try await db.load("chicago-crimes/chicago_crimes_2014.csv.xz", city: "chicago", format: .chicagoCSV)
            #expect(extract.succeeded, "\(extract.error ?? "")")
            let counts = try await db.counts(run: extract.runID)
            #expect(counts["rows_read"] == 275_200)
            #expect(counts["updated"] == 6_919)
            // Nothing is rejected: the 5 rows of 2014 with the portal's geocode of X/Y = 0 (a point in
            // Missouri) are kept with their beat and no location, each with a note.
            #expect(counts["rejected"] == 0 && counts["unchanged"] == 0)
            #expect(try await db.scalar("SELECT noted FROM ingest.etl_runs WHERE run_id = $1", [extract.runID]) == 5)
            #expect(try await db.scalar("""
                SELECT count(*) FROM ingest.row_notes n JOIN ingest.incidents i ON i.city = 'chicago' AND i.source_key = n.source_key
                WHERE n.run_id = $1 AND i.lat IS NULL AND i.area IS NOT NULL AND n.note LIKE '%null geocode%'
                """, [extract.runID]) == 5)
            let newIn2014 = 275_200 - 6_919
            #expect(counts["inserted"] == newIn2014)
            // The 38 IDs that were deleted later keep their sample version; the 6,919 now hold the extract's.
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE run_id = $1", [first.runID]) == 38)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE run_id = $1", [extract.runID]) == 275_200)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents") == 275_200 + 38)
            #expect(try await db.scalar(
                "SELECT count(*) FROM ingest.incidents WHERE run_id = $1 AND updated_on < '2015-01-01'",
                [extract.runID]) == 0)
            // Outbox: +6,957, then −6,919/+6,919 and the new records; nets out per area and type.
            #expect(try await db.scalar("SELECT sum(delta_count) FROM ingest.outbox") == 6_957 + 2 * 6_919 + newIn2014)
            #expect(try await db.scalar(
                "SELECT count(*) FROM ingest.outbox o, unnest(o.signs) s WHERE o.run_id = $1 AND s = -1", [extract.runID]) == 6_919)
            #expect(try await db.outboxMismatches(city: "chicago") == 0)

            // The sample again: its 6,919 shared records are older than the stored ones → unchanged;
            // the 38 others are identical → unchanged. Nothing in the outbox.
            let outboxBefore = try await db.scalar("SELECT count(*) FROM ingest.outbox")
            let again = try await db.load(sample, city: "chicago", format: .chicagoCSV, fullReload: true)
            let againCounts = try await db.counts(run: again.runID)
            #expect(againCounts["rows_read"] == 6_957 && againCounts["unchanged"] == 6_957)
            #expect(againCounts["inserted"] == 0 && againCounts["updated"] == 0)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.outbox") == outboxBefore)
        }
    }
}

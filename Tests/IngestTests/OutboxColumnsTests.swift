import Contracts
@testable import IngestCore
import Postgres
import Testing
@testable import Wire

/// PullOutbox with `columnar` answers the same deltas as without it, over a real socket: located,
/// unlocated and month-only incidents of real loads, plus one entry written by hand with the edge
/// values (removals, NULL coordinates, fractional seconds on both sides of the half, before 2000,
/// names outside ASCII). Columns are read from the arrays' binary send format, deltas from text.
@Suite("Outbox pulled as columns", .serialized, .timeLimit(.minutes(10)))
struct OutboxColumnsTests {
    /// The deltas of `columns`, as the per-delta pull spells them.
    static func deltas(of columns: OutboxColumns) throws -> [IncidentDelta] {
        try (0..<columns.signs.count).map { i in
            let flags = columns.flags[i]
            let names = columns.names
            let area = Int(columns.areas[i]), type = Int(columns.primaryTypes[i]), category = Int(columns.categories[i])
            try #require(area < names.count && type < names.count && category < names.count)
            return IncidentDelta(sign: columns.signs[i], city: columns.city, area: names[area], primaryType: names[type],
                                 category: names[category], occurredLocalSeconds: columns.occurredLocalSeconds[i],
                                 monthOnly: flags & 1 != 0, arrest: flags & 2 != 0, domestic: flags & 4 != 0,
                                 hasLocation: flags & 8 != 0, lon: columns.lons[i], lat: columns.lats[i])
        }
    }

    @Test("columns expand to exactly the per-delta answer, page by page")
    func columnsMatchDeltas() async throws {
        try await IngestTestDatabase.with(label: "outbox-columns") { db in
            let chicago = try await db.load("chicago-crimes/samples/portal_csv_2014-02-28_to_03-15.csv.gz", city: "chicago",
                                            format: .chicagoCSV, batchRows: 2_000)
            #expect(chicago.succeeded, "\(chicago.error ?? "")")
            let yorkshire = try await db.load("uk-police-west-yorkshire/2017-07-west-yorkshire-street.csv.xz", city: "uk-west-yorkshire",
                                              format: .policeUKCSV)
            #expect(yorkshire.succeeded, "\(yorkshire.error ?? "")")
            try await db.pool.execute("""
                INSERT INTO ingest.outbox (run_id, city, delta_count, signs, areas, primary_types, categories, occurred,
                                           month_only, arrests, domestic, has_location, lons, lats)
                VALUES (0, 'chicago', 4, '{-1,1,-1,1}', '{0111,Åre,0111,""}', '{THEFT,"VOL DE VÉLO",THEFT,THEFT}',
                        '{property,violent,property,other}',
                        '{"2017-03-04 05:06:07.5","1999-12-31 23:59:59.5","2017-03-04 05:06:07.499999","1970-01-01 00:00:00"}',
                        '{f,t,f,f}', '{t,f,f,t}', '{f,t,t,f}', '{t,f,t,f}', '{-87.625,NULL,-87.5,NULL}', '{41.875,NULL,41.5,NULL}')
                """)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.outbox WHERE delta_count > 0") >= 6)
            try await IngestRPCTests.withServer(db) { client in
                var after: Int64 = 0, pages = 0, deltas = 0, removals = 0
                while true {
                    let rows = try await client.call(Methods.Ingest.pullOutbox,
                                                     PullOutboxRequest(afterPosition: after, maxEntries: 3, maxDeltas: 5_000))
                    let columns = try await client.call(Methods.Ingest.pullOutbox,
                                                        PullOutboxRequest(afterPosition: after, maxEntries: 3, maxDeltas: 5_000, columnar: true))
                    #expect(columns.entries.map(\.position) == rows.entries.map(\.position))
                    #expect(columns.lastPosition == rows.lastPosition && columns.behindDeltas == rows.behindDeltas)
                    if rows.entries.isEmpty { break }
                    for (byColumn, byDelta) in zip(columns.entries, rows.entries) {
                        #expect(byColumn.deltas.isEmpty && byDelta.columns == nil)
                        let expanded = try Self.deltas(of: try #require(byColumn.columns))
                        #expect(expanded == byDelta.deltas, "entry \(byDelta.position)")
                        // Each distinct name is sent once per entry.
                        let names = try #require(byColumn.columns).names
                        #expect(Set(names).count == names.count)
                        deltas += expanded.count
                        removals += expanded.filter { $0.sign < 0 }.count
                    }
                    after = rows.lastPosition
                    pages += 1
                }
                #expect(pages >= 3)
                #expect(removals >= 2)
                let stored = try await db.scalar("SELECT sum(delta_count) FROM ingest.outbox")
                #expect(deltas == stored)
            }
            // The hand-written entry: rounding as EXTRACT(epoch …)::bigint, NULL coordinates as 0.
            let beforeLast = Int64(try await db.scalar("SELECT max(position) - 1 FROM ingest.outbox"))
            let last = try await IngestStore(pool: db.pool).pullOutbox(afterPosition: beforeLast, maxEntries: 1, maxDeltas: 100, columnar: true)
            let columns = try #require(last.entries.first?.columns)
            #expect(columns.occurredLocalSeconds == [1_488_603_968, 946_684_800, 1_488_603_967, 0] as [Int64])
            #expect(columns.lons == [-87.625, 0, -87.5, 0] as [Double])
            #expect(columns.lats == [41.875, 0, 41.5, 0] as [Double])
            // Bits: 1 month-only, 2 arrest, 4 domestic, 8 located.
            #expect(columns.flags == [10, 5, 12, 2] as [UInt32])
            #expect(columns.names.contains("Åre") && columns.names.contains("VOL DE VÉLO") && columns.names.contains(""))
        }
    }
}

import Contracts
import Foundation
@testable import IngestCore
import Postgres
import TestSupport
import Testing
@testable import Wire

/// The outbox is partitioned by position; a partition is dropped only once every named consumer
/// has acknowledged all of its positions, and a pull after a dropped position fails.
@Suite("Outbox partitions and retention", .serialized, .timeLimit(.minutes(10)))
struct IngestOutboxRetentionTests {
    static func partitions(_ db: IngestTestDatabase) async throws -> [String] {
        try await db.pool.query("SELECT name || ' ' || first_position || '-' || (end_position - 1) FROM ingest.outbox_partitions() ORDER BY first_position")
            .map { try $0.decode(String.self, at: 0) }
    }

    @Test("partitions of two positions; dropped only after both consumers passed them; older pulls fail, later ones are whole")
    func dropsOnlyWhatEveryConsumerPassed() async throws {
        try await IngestTestDatabase.with(label: "outbox-retention") { db in
            try await db.pool.execute("UPDATE ingest.outbox_layout SET entries_per_partition = 2")
            // 6,957 rows in batches of 1,000: seven batches, one entry each (positions 1–7).
            let outcome = try await db.load("chicago-crimes/samples/portal_csv_2014-02-28_to_03-15.csv.gz", city: "chicago",
                                            format: .chicagoCSV, batchRows: 1_000)
            #expect(outcome.succeeded, "\(outcome.error ?? "")")
            #expect(try await db.scalar("SELECT count(*) FROM ingest.outbox") == 7)
            #expect(try await Self.partitions(db).prefix(4) == ["outbox_p1 1-2", "outbox_p3 3-4", "outbox_p5 5-6", "outbox_p7 7-8"])

            let store = IngestStore(pool: db.pool)
            // No named consumer yet: nothing goes, whatever the positions.
            #expect(try await store.dropPassedOutboxPartitions() == 0)
            // The heatmap has a snapshot at 5; another consumer only at 2: only 1–2 may go.
            #expect(try await store.acknowledgeOutbox(consumer: "other", position: 2) == 2)
            #expect(try await Self.partitions(db).first == "outbox_p3 3-4")
            #expect(try await store.acknowledgeOutbox(consumer: "heatmap", position: 5) == 5)
            #expect(try await Self.partitions(db).first == "outbox_p3 3-4")
            // An acknowledgement never moves back, and never past the newest position.
            #expect(try await store.acknowledgeOutbox(consumer: "heatmap", position: 1) == 5)
            #expect(try await store.acknowledgeOutbox(consumer: "other", position: 99) == 7)
            // Now both passed 5: 3–4 goes; 5–6 stays (6 is after the heatmap's 5).
            #expect(try await Self.partitions(db).first == "outbox_p5 5-6")
            #expect(try await db.scalar("SELECT dropped_through::int FROM ingest.outbox_retention") == 4)

            // A pull after a dropped position fails; one from the heatmap's position returns 6 and 7 whole.
            await #expect(throws: IngestError.self) {
                _ = try await store.pullOutbox(afterPosition: 3, maxEntries: 100, maxDeltas: 40_000)
            }
            let pulled = try await store.pullOutbox(afterPosition: 5, maxEntries: 100, maxDeltas: 40_000)
            #expect(pulled.entries.map(\.position) == [6, 7])
            #expect(pulled.entries.reduce(0) { $0 + $1.deltas.count } == 6_957 - 5_000)
            // Position 4 is the last dropped one: a pull after it is still whole.
            #expect(try await store.pullOutbox(afterPosition: 4, maxEntries: 100, maxDeltas: 40_000).entries.first?.position == 5)

            // Loads go on into new partitions.
            let again = try await db.load("chicago-crimes/samples/portal_csv_2014-02-28_to_03-15.csv.gz", city: "chicago",
                                          format: .chicagoCSV, fullReload: true, batchRows: 1_000)
            #expect(again.succeeded)
            #expect(try await store.outboxConsumers().map(\.consumer) == ["heatmap", "other"])

            // Each run keeps its newest position once retention dropped its entries (migration 0009):
            // it is what a client sends as the minimum position of its heatmap reads. The reload
            // changed nothing (no position); NYC's load writes after 7.
            #expect(try await store.run(id: again.runID)?.outboxPosition == 0)
            let nyc = try await db.load("nypd-arrests/NYPD_Arrests_Data_Historic_2017-12.csv.gz", city: "nyc",
                                        format: .nypdArrestsCSV, batchRows: 5_000)
            #expect(nyc.succeeded, "\(nyc.error ?? "")")
            let newest = Int64(try await db.scalar("SELECT max(position)::int FROM ingest.outbox"))
            #expect(newest > 8)
            #expect(try await store.run(id: outcome.runID)?.outboxPosition == 7)
            #expect(try await store.run(id: nyc.runID)?.outboxPosition == newest)
            #expect(try await store.acknowledgeOutbox(consumer: "heatmap", position: newest) == newest)
            #expect(try await store.acknowledgeOutbox(consumer: "other", position: newest) == newest)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.outbox WHERE position <= 7") == 0)
            #expect(try await store.run(id: outcome.runID)?.outboxPosition == 7)
            #expect(try await store.run(id: nyc.runID)?.outboxPosition == newest)
        }
    }

    @Test("PullOutbox checks the consumer's acknowledgement and records it")
    func pullOutboxRecordsAcknowledgements() async throws {
        #expect(throws: IngestError.self) {
            _ = try RequestValidation.outboxConsumer(PullOutboxRequest(afterPosition: 3, consumer: "heatmap", acknowledgedPosition: 4))
        }
        #expect(throws: IngestError.self) {
            _ = try RequestValidation.outboxConsumer(PullOutboxRequest(afterPosition: 3, acknowledgedPosition: 2))
        }
        #expect(throws: IngestError.self) {
            _ = try RequestValidation.outboxConsumer(PullOutboxRequest(afterPosition: 3, consumer: "heat map", acknowledgedPosition: 2))
        }
        #expect(try RequestValidation.outboxConsumer(PullOutboxRequest(afterPosition: 3)) == nil)
        #expect(try RequestValidation.outboxConsumer(PullOutboxRequest(afterPosition: 3, consumer: "heatmap", acknowledgedPosition: 3)) == "heatmap")
    }

    @Test("over RPC: a named PullOutbox needs the token, records its acknowledgement and lets passed partitions go; a pull after them is FAILED_PRECONDITION")
    func acknowledgementsOverRPC() async throws {
        try await IngestTestDatabase.with(label: "outbox-retention-rpc") { db in
            try await db.pool.execute("UPDATE ingest.outbox_layout SET entries_per_partition = 2")
            #expect(try await db.load("chicago-crimes/samples/portal_csv_2014-02-28_to_03-15.csv.gz", city: "chicago",
                                      format: .chicagoCSV, batchRows: 1_000).succeeded)
            try await IngestRPCTests.withServer(db) { client in
                // Unnamed pulls record nothing.
                let first = try await client.call(Methods.Ingest.pullOutbox, PullOutboxRequest(afterPosition: 0, maxEntries: 3))
                #expect(first.entries.map(\.position) == [1, 2, 3])
                #expect(try await db.scalar("SELECT count(*) FROM ingest.outbox_consumers") == 0)
                // An acknowledgement lets entries go: it needs the write token.
                #expect(await IngestRPCTests.code {
                    _ = try await client.call(Methods.Ingest.pullOutbox,
                                              PullOutboxRequest(afterPosition: 3, consumer: "heatmap", acknowledgedPosition: 3))
                } == .unauthenticated)
                #expect(await IngestRPCTests.code {
                    _ = try await client.call(Methods.Ingest.pullOutbox,
                                              PullOutboxRequest(afterPosition: 3, consumer: "heatmap", acknowledgedPosition: 3),
                                              metadata: [MetadataEntry(key: "authorization", value: "Bearer wrong")])
                } == .unauthenticated)
                #expect(try await db.scalar("SELECT count(*) FROM ingest.outbox_consumers") == 0)
                // Acknowledging past what was read is refused.
                #expect(await IngestRPCTests.code {
                    _ = try await client.call(Methods.Ingest.pullOutbox,
                                              PullOutboxRequest(afterPosition: 3, consumer: "heatmap", acknowledgedPosition: 4),
                                              metadata: IngestRPCTests.bearer)
                } == .invalidArgument)
                // The heatmap's snapshot is at 3: positions 1–2 go, 3–4 stay.
                let next = try await client.call(Methods.Ingest.pullOutbox,
                                                 PullOutboxRequest(afterPosition: 3, consumer: "heatmap", acknowledgedPosition: 3),
                                                 metadata: IngestRPCTests.bearer)
                #expect(next.entries.first?.position == 4)
                #expect(try await db.scalar("SELECT acknowledged_position::int FROM ingest.outbox_consumers WHERE consumer = 'heatmap'") == 3)
                #expect(try await Self.partitions(db).first == "outbox_p3 3-4")
                #expect(await IngestRPCTests.code {
                    _ = try await client.call(Methods.Ingest.pullOutbox, PullOutboxRequest(afterPosition: 1))
                } == .failedPrecondition)
                #expect(try await client.call(Methods.Ingest.pullOutbox, PullOutboxRequest(afterPosition: 2)).entries.first?.position == 3)
            }
        }
    }
}

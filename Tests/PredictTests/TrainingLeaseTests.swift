import Foundation
import Postgres
@testable import PredictCore
import TestSupport
import Testing
import Wire

/// The training lease on a real PostgreSQL: one holder per city, a clear refusal naming the job,
/// takeover only after expiry with a new fence, and a fenced save that refuses the old holder.
@Suite("Training leases")
struct TrainingLeaseTests {
    @Test("a second replica is refused with the running job; after expiry it takes over and the old holder can no longer save")
    func leaseAndFence() async throws {
        try await TestDatabase.withDatabase(label: "predict_lease") { database in
            let pool = database.pool(size: 2)
            _ = try await Migrator(schema: "predict", migrations: try Migration.load(directory: PredictBackend.migrationsDirectory),
                                   logger: PredictTestServices.logger).migrate(pool)
            let first = TrainingLeaseStore(pool: pool, holder: "replica-a", timeToLive: .seconds(60))
            let second = TrainingLeaseStore(pool: pool, holder: "replica-b", timeToLive: .seconds(60))
            let lease = try await first.acquire(city: "chicago")
            do {
                _ = try await second.acquire(city: "chicago")
                Issue.record("a second lease on the same city was granted")
            } catch let error as PredictError {
                #expect(error.rpcError.code == .alreadyExists)
                #expect(error.description.contains("job \(lease.jobID) on replica replica-a"), "\(error)")
            }
            // Another city is independent; job ids are unique across holders.
            let other = try await second.acquire(city: "nyc")
            #expect(other.jobID != lease.jobID)
            #expect(try await first.renew(lease))

            // The holder's own fenced transaction passes while the lease holds.
            try await pool.withTransaction { try TrainingLeaseStore.checkHeld(lease, on: $0) }

            // A lease that expired (a paused replica) is taken over with a higher fence …
            let paused = TrainingLeaseStore(pool: pool, holder: "replica-c", timeToLive: .milliseconds(1))
            let stale = try await paused.acquire(city: "houston")
            try await pool.query("SELECT pg_sleep(0.01)")
            let takeover = try await second.acquire(city: "houston")
            #expect(takeover.fence > stale.fence && takeover.jobID != stale.jobID)
            // … and the old holder can neither renew nor save.
            #expect(try await paused.renew(stale) == false)
            do {
                try await pool.withTransaction { try TrainingLeaseStore.checkHeld(stale, on: $0) }
                Issue.record("the fenced-out holder passed the fence check")
            } catch let error as PredictError {
                #expect(error.rpcError.code == .aborted && error.description.contains("were not saved"), "\(error)")
            }
            // Its release leaves the new holder's lease alone; the new holder's release frees the city.
            try await paused.release(stale)
            try await pool.withTransaction { try TrainingLeaseStore.checkHeld(takeover, on: $0) }
            try await second.release(takeover)
            let again = try await first.acquire(city: "houston")
            #expect(again.fence > takeover.fence)
            await pool.shutdown()
        }
    }
}

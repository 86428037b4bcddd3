import Foundation
import Postgres

/// The `predict.training_leases` rows: which replica may train a city now. SQL only with bound
/// parameters. See the migration `0004_training_leases.sql` for the expiry and fencing rules.
package struct TrainingLeaseStore: Sendable {
    let pool: PostgresPool
    /// This replica's name in the lease rows.
    package let holder: String
    /// How long a lease lasts without renewal.
    package let timeToLive: Duration

    package init(pool: PostgresPool, holder: String = TrainingLeaseStore.processHolder(), timeToLive: Duration = .seconds(60)) {
        self.pool = pool
        self.holder = holder
        self.timeToLive = timeToLive
    }

    /// "host:pid:random", unique per process.
    package static func processHolder() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Takes the city's lease for a new job (its id from the database, unique across replicas).
    /// - Throws: ALREADY_EXISTS naming the running job and its replica when another holds an unexpired lease.
    package func acquire(city: String) async throws -> TrainingLease {
        let holder = self.holder, seconds = Self.seconds(timeToLive)
        let taken = try await pool.withTransaction { connection -> TrainingLease? in
            let row = try connection.query("""
                INSERT INTO predict.training_leases (city, job_id, holder, fence, expires_at)
                VALUES ($1, nextval('predict.training_job_ids'), $2, nextval('predict.training_fences'),
                        now() + make_interval(secs => $3::double precision))
                ON CONFLICT (city) DO UPDATE
                    SET job_id = EXCLUDED.job_id, holder = EXCLUDED.holder, fence = EXCLUDED.fence,
                        acquired_at = now(), expires_at = EXCLUDED.expires_at
                    WHERE predict.training_leases.expires_at < now()
                RETURNING job_id, fence
                """, [city, holder, seconds]).first
            guard let row else { return nil }
            return TrainingLease(city: city, jobID: try row.decode(Int64.self, at: 0), fence: try row.decode(Int64.self, at: 1))
        }
        if let taken { return taken }
        let rows = try await pool.query("""
            SELECT job_id, holder, GREATEST(0, extract(epoch FROM expires_at - now()))::double precision
            FROM predict.training_leases WHERE city = $1
            """, [city])
        guard let row = rows.first else {
            throw PredictError.aborted("the training lease of '\(city)' changed hands while it was taken: try again")
        }
        let job = try row.decode(Int64.self, at: 0), other = try row.decode(String.self, at: 1)
        let left = try row.decode(Double.self, at: 2)
        throw PredictError.alreadyExists("a training of '\(city)' is already running as job \(job) on replica \(other)"
                                         + (other == holder ? " (this one)" : "") + String(format: " (its lease expires in %.0f s unless renewed)", left))
    }

    /// Extends the lease by ``timeToLive``; false when it was lost (expired and taken over).
    func renew(_ lease: TrainingLease) async throws -> Bool {
        let rows = try await pool.query("""
            UPDATE predict.training_leases SET expires_at = now() + make_interval(secs => $3::double precision)
            WHERE city = $1 AND fence = $2 RETURNING 1
            """, [lease.city, lease.fence, Self.seconds(timeToLive)])
        return !rows.isEmpty
    }

    /// Gives the lease up (nothing happens when it was lost already).
    func release(_ lease: TrainingLease) async throws {
        try await pool.query("DELETE FROM predict.training_leases WHERE city = $1 AND fence = $2", [lease.city, lease.fence])
    }

    /// The fencing check inside a saving transaction: locks the lease row and throws ABORTED unless
    /// it still carries `lease`'s fence and has not expired.
    static func checkHeld(_ lease: TrainingLease, on connection: PostgresConnection) throws {
        let rows = try connection.query("""
            SELECT 1 FROM predict.training_leases WHERE city = $1 AND fence = $2 AND expires_at > now() FOR UPDATE
            """, [lease.city, lease.fence])
        guard !rows.isEmpty else {
            throw PredictError.aborted("job \(lease.jobID) lost the training lease of '\(lease.city)' (it expired and may be held by another "
                                       + "replica): its models were not saved")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

import Contracts
import Foundation
import Synchronization

/// Training jobs started by the Train RPC: one at a time per city, each running in the
/// background with its progress kept for GetTrainingProgress (for the life of the process).
///
/// With a ``TrainingLeaseStore`` (the service's), "one at a time" holds across every replica on
/// the database: a job starts only after taking the city's lease (its id then comes from the
/// database, so ids are unique across replicas), renews it every third of its lifetime while it
/// runs, saves only while it still holds it, and gives it up at the end.
package final class TrainingJobs: Sendable {
    private struct State {
        var table = TrainingJobTable()
        var tasks: [Int64: Task<Void, Never>] = [:]
    }
    private let state = Mutex(State())
    private let leases: TrainingLeaseStore?

    package init(leases: TrainingLeaseStore? = nil) {
        self.leases = leases
    }

    /// Starts `work` as a new job for `city`; `work` reports through the closure it is given.
    /// - Throws: ALREADY_EXISTS naming the running job when a training of the city is already
    ///   running in this process or (with leases) on another replica.
    package func start(city: String, work: @escaping @Sendable (@escaping @Sendable (String, Double) -> Void) async throws -> Void) async throws -> Int64 {
        try state.withLock { (state: inout State) throws(PredictError) in try state.table.claim(city: city) }
        let lease: TrainingLease?
        do {
            lease = try await leases?.acquire(city: city)
        } catch {
            state.withLock { $0.table.abandon(city: city) }
            throw error
        }
        let id: Int64 = state.withLock { $0.table.start(city: city, leaseJobID: lease?.jobID) }
        let leases = self.leases
        let task = Task.detached { [self] in
            let report: @Sendable (String, Double) -> Void = { phase, fraction in
                self.state.withLock { $0.table.report(id, phase: phase, fraction: fraction) }
            }
            do {
                if let lease, let leases {
                    try await Self.holding(lease, in: leases) { try await work(report) }
                } else {
                    try await work(report)
                }
                finish(id, city: city, error: nil)
            } catch {
                finish(id, city: city, error: error)
            }
        }
        state.withLock { $0.tasks[id] = task }
        return id
    }

    /// Runs `body` with `lease` as ``TrainingLease/current``, renewing it every third of its
    /// lifetime meanwhile, and releases it at the end (also when `body` throws).
    package static func holding(_ lease: TrainingLease, in leases: TrainingLeaseStore, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let renewal = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: leases.timeToLive / 3)
                if Task.isCancelled { return }
                // A lost lease is caught when saving (the fence check); a failed renewal is retried.
                _ = try? await leases.renew(lease)
            }
        }
        do {
            try await TrainingLease.$current.withValue(lease) { try await body() }
        } catch {
            renewal.cancel()
            try? await leases.release(lease)
            throw error
        }
        renewal.cancel()
        try? await leases.release(lease)
    }

    /// The job's progress, nil for an unknown job.
    package func progress(_ id: Int64) -> TrainingProgress? {
        state.withLock { $0.table.progress(id) }
    }

    /// Waits for the job to end and returns its final progress.
    package func wait(_ id: Int64) async -> TrainingProgress? {
        let task = state.withLock { $0.tasks[id] }
        await task?.value
        return progress(id)
    }

    /// The domain refusal (``PredictError``) a finished job ended with; nil while it runs, when it
    /// succeeded, or when it failed otherwise (its progress' `error` says how).
    func refusal(_ id: Int64) -> PredictError? {
        state.withLock { $0.table.refusal(id) }
    }

    private func finish(_ id: Int64, city: String, error: (any Error)?) {
        state.withLock { state in
            state.table.finish(id, city: city, error.map { .failed(message: "\($0)", refusal: $0 as? PredictError) } ?? .succeeded)
            state.tasks[id] = nil
        }
    }
}

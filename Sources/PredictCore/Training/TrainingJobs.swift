import Contracts
import Foundation
import Synchronization

/// Training jobs started by the Train RPC: one at a time per city, each running in the
/// background with its progress kept for GetTrainingProgress (for the life of the process).
public final class TrainingJobs: Sendable {
    private struct State {
        var lastID: Int64 = 0
        var progress: [Int64: TrainingProgress] = [:]
        var runningByCity: [String: Int64] = [:]
        var tasks: [Int64: Task<Void, Never>] = [:]
        /// Jobs that ended in a domain refusal (no data, a single-valued label…).
        var refusals: [Int64: PredictError] = [:]
    }
    private let state = Mutex(State())

    public init() {}

    /// Starts `work` as a new job for `city`; `work` reports through the closure it is given.
    /// - Throws: FAILED_PRECONDITION when a training of the city is already running.
    public func start(city: String, work: @escaping @Sendable (@escaping @Sendable (String, Double) -> Void) async throws -> Void) throws(PredictError) -> Int64 {
        let id: Int64 = try state.withLock { (state: inout State) throws(PredictError) -> Int64 in
            if let running = state.runningByCity[city] {
                throw .failedPrecondition("a training of '\(city)' is already running as job \(running)")
            }
            state.lastID += 1
            let id = state.lastID
            state.runningByCity[city] = id
            state.progress[id] = TrainingProgress(jobID: id, phase: "queued", fraction: 0)
            return id
        }
        let task = Task.detached { [self] in
            do {
                try await work { phase, fraction in self.update(id) { $0.phase = phase; $0.fraction = fraction } }
                finish(id, city: city, error: nil)
            } catch {
                finish(id, city: city, error: error)
            }
        }
        state.withLock { $0.tasks[id] = task }
        return id
    }

    /// The job's progress, nil for an unknown job.
    public func progress(_ id: Int64) -> TrainingProgress? {
        state.withLock { $0.progress[id] }
    }

    /// Waits for the job to end and returns its final progress.
    public func wait(_ id: Int64) async -> TrainingProgress? {
        let task = state.withLock { $0.tasks[id] }
        await task?.value
        return progress(id)
    }

    /// The domain refusal (``PredictError``) a finished job ended with; nil while it runs, when it
    /// succeeded, or when it failed otherwise (its progress' `error` says how).
    public func refusal(_ id: Int64) -> PredictError? {
        state.withLock { $0.refusals[id] }
    }

    private func update(_ id: Int64, _ change: (inout TrainingProgress) -> Void) {
        state.withLock { state in
            guard var progress = state.progress[id], !progress.finished else { return }
            change(&progress)
            state.progress[id] = progress
        }
    }

    private func finish(_ id: Int64, city: String, error: (any Error)?) {
        state.withLock { state in
            var progress = state.progress[id] ?? TrainingProgress(jobID: id)
            progress.finished = true
            if let error {
                progress.error = "\(error)"
                progress.phase = "failed"
                state.refusals[id] = error as? PredictError
            } else {
                progress.phase = "done"
                progress.fraction = 1
            }
            state.progress[id] = progress
            state.runningByCity[city] = nil
            state.tasks[id] = nil
        }
    }
}

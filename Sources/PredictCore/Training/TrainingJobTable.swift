import Contracts

/// The training jobs' bookkeeping as a value: which city is training under which job, each job's
/// progress and how it ended. ``TrainingJobs`` keeps one under a lock and runs the tasks and
/// leases; every transition is here, so it is tested by driving events, with no tasks or database.
///
/// A city moves `free → claimed (job 0, taking the lease) → running (job id) → free`; a job's
/// progress moves `queued → reported phases → done | failed` and never changes once finished.
struct TrainingJobTable: Sendable {
    private(set) var lastID: Int64 = 0
    private var progress: [Int64: TrainingProgress] = [:]
    private var runningByCity: [String: Int64] = [:]
    private var refusals: [Int64: PredictError] = [:]

    /// How a job ended.
    enum Outcome {
        case succeeded
        /// Failed with `message`; `refusal` when it was a domain refusal (no data, a single-valued label…).
        case failed(message: String, refusal: PredictError?)
    }

    /// Claims `city` for a new job, before its lease is taken (the job shows as 0, "starting").
    /// - Throws: ALREADY_EXISTS naming the running job when the city is already claimed.
    mutating func claim(city: String) throws(PredictError) {
        if let running = runningByCity[city] {
            throw .alreadyExists("a training of '\(city)' is already running as job \(running)" + (running == 0 ? " (starting)" : ""))
        }
        runningByCity[city] = 0
    }

    /// Gives up a claim whose lease could not be taken.
    mutating func abandon(city: String) {
        if runningByCity[city] == 0 { runningByCity[city] = nil }
    }

    /// Starts the claimed city's job, numbered by its lease when there is one (unique across
    /// replicas), else the next number of this process; returns the job id.
    mutating func start(city: String, leaseJobID: Int64?) -> Int64 {
        let id = leaseJobID ?? lastID + 1
        lastID = max(lastID, id)
        runningByCity[city] = id
        progress[id] = TrainingProgress(jobID: id, phase: "queued", fraction: 0)
        return id
    }

    /// A report from a running job; ignored once the job has finished (or for an unknown job).
    mutating func report(_ id: Int64, phase: String, fraction: Double) {
        guard var current = progress[id], !current.finished else { return }
        current.phase = phase
        current.fraction = fraction
        progress[id] = current
    }

    /// Ends job `id` of `city` and frees the city.
    mutating func finish(_ id: Int64, city: String, _ outcome: Outcome) {
        var current = progress[id] ?? TrainingProgress(jobID: id)
        current.finished = true
        switch outcome {
        case .succeeded:
            current.phase = "done"
            current.fraction = 1
        case .failed(let message, let refusal):
            current.error = message
            current.phase = "failed"
            refusals[id] = refusal
        }
        progress[id] = current
        if runningByCity[city] == id { runningByCity[city] = nil }
    }

    /// The job's progress, nil for an unknown job.
    func progress(_ id: Int64) -> TrainingProgress? { progress[id] }

    /// The domain refusal a finished job ended with.
    func refusal(_ id: Int64) -> PredictError? { refusals[id] }

    /// The job running (or 0: starting) for `city`, nil when the city is free.
    func runningJob(city: String) -> Int64? { runningByCity[city] }
}

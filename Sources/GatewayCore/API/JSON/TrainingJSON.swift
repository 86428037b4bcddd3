import Contracts

/// `POST /api/v1/models/train` and `GET /api/v1/models/train/{job}`: a training job's progress.
struct TrainingJSON: Codable, Sendable, Equatable {
    var jobId: Int64
    var phase: String
    /// 0-1.
    var fraction: Double
    var finished: Bool
    /// Empty unless the job failed.
    var error: String
    /// Where to follow the job (`GET`).
    var progress: String

    init(_ progress: TrainingProgress) {
        jobId = progress.jobID
        phase = progress.phase
        fraction = progress.fraction
        finished = progress.finished
        error = progress.error
        self.progress = "/api/v1/models/train/\(progress.jobID)"
    }
}

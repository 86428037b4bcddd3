import Contracts

/// `POST /api/v1/models/train` and `GET /api/v1/models/train/{job}`: a training job's progress.
public struct TrainingJSON: Codable, Sendable, Equatable {
    public var jobId: Int64
    public var phase: String
    /// 0-1.
    public var fraction: Double
    public var finished: Bool
    /// Empty unless the job failed.
    public var error: String
    /// Where to follow the job (`GET`).
    public var progress: String

    public init(_ progress: TrainingProgress) {
        jobId = progress.jobID
        phase = progress.phase
        fraction = progress.fraction
        finished = progress.finished
        error = progress.error
        self.progress = "/api/v1/models/train/\(progress.jobID)"
    }
}

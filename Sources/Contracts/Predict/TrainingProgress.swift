import CrimeScopeProtos

/// `crimescope.predict.v1.TrainingProgress`: a training job's progress.
public struct TrainingProgress: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.TrainingProgress"

    public var jobID: Int64
    public var phase: String
    public var fraction: Double
    public var finished: Bool
    public var error: String

    public init(jobID: Int64 = 0, phase: String = "", fraction: Double = 0, finished: Bool = false, error: String = "") {
        self.jobID = jobID
        self.phase = phase
        self.fraction = fraction
        self.finished = finished
        self.error = error
    }

    typealias CMessage = Crimescope__Predict__V1__TrainingProgress
    static let cInit = crimescope__predict__v1__training_progress__init
    static let cUnpack = crimescope__predict__v1__training_progress__unpack
    static let cFree = crimescope__predict__v1__training_progress__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.job_id = jobID
        c.phase = arena.string(phase)
        c.fraction = fraction
        c.finished = CWrite.bool(finished)
        c.error = arena.string(error)
    }

    init(c: CMessage) {
        jobID = c.job_id
        phase = CRead.string(c.phase)
        fraction = c.fraction
        finished = CRead.bool(c.finished)
        error = CRead.string(c.error)
    }
}

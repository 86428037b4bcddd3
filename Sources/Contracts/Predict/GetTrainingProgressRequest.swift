import CrimeScopeProtos

/// `crimescope.predict.v1.GetTrainingProgressRequest`: asks for a training job's progress.
public struct GetTrainingProgressRequest: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.GetTrainingProgressRequest"

    public var jobID: Int64

    public init(jobID: Int64 = 0) {
        self.jobID = jobID
    }

    typealias CMessage = Crimescope__Predict__V1__GetTrainingProgressRequest
    static let cInit = crimescope__predict__v1__get_training_progress_request__init
    static let cUnpack = crimescope__predict__v1__get_training_progress_request__unpack
    static let cFree = crimescope__predict__v1__get_training_progress_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.job_id = jobID
    }

    init(c: CMessage) {
        jobID = c.job_id
    }
}

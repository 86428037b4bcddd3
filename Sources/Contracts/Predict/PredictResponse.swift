import CrimeScopeProtos

/// `crimescope.predict.v1.PredictResponse`: every model's answer.
public struct PredictResponse: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.PredictResponse"

    public var answers: [ModelAnswer]

    public init(answers: [ModelAnswer] = []) {
        self.answers = answers
    }

    typealias CMessage = Crimescope__Predict__V1__PredictResponse
    static let cInit = crimescope__predict__v1__predict_response__init
    static let cUnpack = crimescope__predict__v1__predict_response__unpack
    static let cFree = crimescope__predict__v1__predict_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_answers = answers.count
        c.answers = arena.messages(answers)
    }

    init(c: CMessage) {
        answers = CRead.messages(c.n_answers, c.answers, as: ModelAnswer.self)
    }
}

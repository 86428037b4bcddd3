import CrimeScopeProtos

/// `crimescope.predict.v1.ModelAnswer`: one model's answer and explanation.
public struct ModelAnswer: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.ModelAnswer"

    public var kind: ModelKind
    public var modelVersion: String
    public var probability: Double
    public var topClasses: [ClassProbability]
    public var explanation: Explanation?

    public init(
        kind: ModelKind = .unspecified, modelVersion: String = "", probability: Double = 0,
        topClasses: [ClassProbability] = [], explanation: Explanation? = nil
    ) {
        self.kind = kind
        self.modelVersion = modelVersion
        self.probability = probability
        self.topClasses = topClasses
        self.explanation = explanation
    }

    typealias CMessage = Crimescope__Predict__V1__ModelAnswer
    static let cInit = crimescope__predict__v1__model_answer__init
    static let cUnpack = crimescope__predict__v1__model_answer__unpack
    static let cFree = crimescope__predict__v1__model_answer__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.kind = kind.c
        c.model_version = arena.string(modelVersion)
        c.probability = probability
        c.n_top_classes = topClasses.count
        c.top_classes = arena.messages(topClasses)
        c.explanation = explanation?.cPointer(in: arena)
    }

    init(c: CMessage) {
        kind = ModelKind(c: c.kind)
        modelVersion = CRead.string(c.model_version)
        probability = c.probability
        topClasses = CRead.messages(c.n_top_classes, c.top_classes, as: ClassProbability.self)
        explanation = CRead.message(c.explanation, as: Explanation.self)
    }
}

import CrimeScopeProtos

/// `crimescope.predict.v1.ModelAnswer`: one model's answer and explanation, and the inputs it
/// rests on.
public struct ModelAnswer: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.ModelAnswer"

    public var kind: ModelKind
    public var modelVersion: String
    public var probability: Double
    public var topClasses: [ClassProbability]
    public var explanation: Explanation?
    /// Inputs given and used as values, by `IncidentContext` field name (`area`, `hour`,
    /// `day_of_week`, `month`, `location_description`, `primary_type`, `position`).
    public var inputsUsed: [String]
    /// Optional inputs not given, read as missing: the answer is over every value they take.
    public var inputsMissing: [String]
    /// Inputs given with a value the training window never saw, read as missing too.
    public var inputsUnseen: [String]
    /// Inputs not given that the beat's training profile supplied (`district`, `community_area`, `position`).
    public var inputsFilled: [String]

    public init(
        kind: ModelKind = .unspecified, modelVersion: String = "", probability: Double = 0,
        topClasses: [ClassProbability] = [], explanation: Explanation? = nil, inputsUsed: [String] = [],
        inputsMissing: [String] = [], inputsUnseen: [String] = [], inputsFilled: [String] = []
    ) {
        self.kind = kind
        self.modelVersion = modelVersion
        self.probability = probability
        self.topClasses = topClasses
        self.explanation = explanation
        self.inputsUsed = inputsUsed
        self.inputsMissing = inputsMissing
        self.inputsUnseen = inputsUnseen
        self.inputsFilled = inputsFilled
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
        c.n_inputs_used = inputsUsed.count
        c.inputs_used = arena.strings(inputsUsed)
        c.n_inputs_missing = inputsMissing.count
        c.inputs_missing = arena.strings(inputsMissing)
        c.n_inputs_unseen = inputsUnseen.count
        c.inputs_unseen = arena.strings(inputsUnseen)
        c.n_inputs_filled = inputsFilled.count
        c.inputs_filled = arena.strings(inputsFilled)
    }

    init(c: CMessage) {
        kind = ModelKind(c: c.kind)
        modelVersion = CRead.string(c.model_version)
        probability = c.probability
        topClasses = CRead.messages(c.n_top_classes, c.top_classes, as: ClassProbability.self)
        explanation = CRead.message(c.explanation, as: Explanation.self)
        inputsUsed = CRead.strings(c.n_inputs_used, c.inputs_used)
        inputsMissing = CRead.strings(c.n_inputs_missing, c.inputs_missing)
        inputsUnseen = CRead.strings(c.n_inputs_unseen, c.inputs_unseen)
        inputsFilled = CRead.strings(c.n_inputs_filled, c.inputs_filled)
    }
}

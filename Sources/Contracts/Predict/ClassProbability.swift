import CrimeScopeProtos

/// `crimescope.predict.v1.ClassProbability`: one class of a multi-class model and its probability.
public struct ClassProbability: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.ClassProbability"

    public var label: String
    public var probability: Double

    public init(label: String = "", probability: Double = 0) {
        self.label = label
        self.probability = probability
    }

    typealias CMessage = Crimescope__Predict__V1__ClassProbability
    static let cInit = crimescope__predict__v1__class_probability__init
    static let cUnpack = crimescope__predict__v1__class_probability__unpack
    static let cFree = crimescope__predict__v1__class_probability__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.label = arena.string(label)
        c.probability = probability
    }

    init(c: CMessage) {
        label = CRead.string(c.label)
        probability = c.probability
    }
}

import CrimeScopeProtos

/// `crimescope.predict.v1.PredictRequest`: asks every model about one incident context.
public struct PredictRequest: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.PredictRequest"

    public var context: IncidentContext?
    public var topContributions: Int32
    public var topClasses: Int32

    public init(context: IncidentContext? = nil, topContributions: Int32 = 0, topClasses: Int32 = 0) {
        self.context = context
        self.topContributions = topContributions
        self.topClasses = topClasses
    }

    typealias CMessage = Crimescope__Predict__V1__PredictRequest
    static let cInit = crimescope__predict__v1__predict_request__init
    static let cUnpack = crimescope__predict__v1__predict_request__unpack
    static let cFree = crimescope__predict__v1__predict_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.context = context?.cPointer(in: arena)
        c.top_contributions = topContributions
        c.top_classes = topClasses
    }

    init(c: CMessage) {
        context = CRead.message(c.context, as: IncidentContext.self)
        topContributions = c.top_contributions
        topClasses = c.top_classes
    }
}

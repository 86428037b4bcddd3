import CrimeScopeProtos

/// `crimescope.predict.v1.GetModelMetricsRequest`: asks for a city's model evaluations.
public struct GetModelMetricsRequest: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.GetModelMetricsRequest"

    public var city: String

    public init(city: String = "") {
        self.city = city
    }

    typealias CMessage = Crimescope__Predict__V1__GetModelMetricsRequest
    static let cInit = crimescope__predict__v1__get_model_metrics_request__init
    static let cUnpack = crimescope__predict__v1__get_model_metrics_request__unpack
    static let cFree = crimescope__predict__v1__get_model_metrics_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
    }
}

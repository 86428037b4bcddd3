import CrimeScopeProtos

/// `crimescope.predict.v1.GetModelMetricsResponse`: a city's model evaluations.
public struct GetModelMetricsResponse: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.GetModelMetricsResponse"

    public var models: [ModelMetrics]

    public init(models: [ModelMetrics] = []) {
        self.models = models
    }

    typealias CMessage = Crimescope__Predict__V1__GetModelMetricsResponse
    static let cInit = crimescope__predict__v1__get_model_metrics_response__init
    static let cUnpack = crimescope__predict__v1__get_model_metrics_response__unpack
    static let cFree = crimescope__predict__v1__get_model_metrics_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_models = models.count
        c.models = arena.messages(models)
    }

    init(c: CMessage) {
        models = CRead.messages(c.n_models, c.models, as: ModelMetrics.self)
    }
}

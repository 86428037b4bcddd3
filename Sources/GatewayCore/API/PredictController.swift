import Contracts
import Hummingbird

/// The predict service's reads (`GET /api/v1/predict`, `/forecast`, `/models`,
/// `/models/train/{job}`) and its token-protected write `POST /api/v1/models/train`.
struct PredictController: Sendable {
    var caller: BackendCaller

    init(caller: BackendCaller) {
        self.caller = caller
    }

    func register(on api: RouterGroup<GatewayRequestContext>) {
        api.get("predict") { request, context in try await predict(request, context) }
        api.get("forecast") { request, context in try await forecast(request, context) }
        api.get("models") { request, context in try await models(request, context) }
        api.post("models/train") { request, context in try await train(request, context) }
        api.get("models/train/:job") { request, context in try await progress(request, context) }
    }

    /// → Predict/Predict.
    func predict(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try PredictQuery(QueryParameters(request, allowed: PredictQuery.names))
        let reply = try await caller.predict(Methods.Predict.predict, query.request, context: context)
        return try JSONResponse.make(PredictJSON(query: query, response: reply), for: request)
    }

    /// → Predict/Forecast.
    func forecast(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try ForecastQuery(QueryParameters(request, allowed: ForecastQuery.names))
        let reply = try await caller.predict(Methods.Predict.forecast, query.request, context: context)
        return try JSONResponse.make(ForecastJSON(query: query, response: reply), for: request)
    }

    /// → Predict/GetModelMetrics.
    func models(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let city = try QueryParameters(request, allowed: ["city"]).requiredCity()
        let reply = try await caller.predict(Methods.Predict.getModelMetrics, GetModelMetricsRequest(city: city), context: context)
        return try JSONResponse.make(ModelsJSON(city: city, response: reply), for: request)
    }

    /// → Predict/Train (asynchronous; `202` with the job).
    func train(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let authorization = try BearerToken.metadata(request)
        _ = try QueryParameters(request, allowed: [])
        let body = try TrainBody(await JSONBody.read(request, allowed: TrainBody.names))
        let reply = try await caller.predict(Methods.Predict.train, body.request,
                                             context: context, metadata: [authorization])
        return try JSONResponse.make(TrainingJSON(reply), for: request, status: reply.finished ? .ok : .accepted)
    }

    /// → Predict/GetTrainingProgress.
    func progress(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let text = try context.parameters.require("job")
        guard let job = QueryParameters.strictInteger(text), job > 0, !text.hasPrefix("+") else {
            throw APIError.invalidArgument("the job id must be a positive integer, got '\(text.prefix(40))'")
        }
        let reply = try await caller.predict(Methods.Predict.getTrainingProgress, GetTrainingProgressRequest(jobID: Int64(job)), context: context)
        return try JSONResponse.make(TrainingJSON(reply), for: request)
    }
}

import BackendKit
import Contracts
import Logging
import ServiceKit
import Wire

/// The `crimescope.predict.v1.Predict` handlers for the per-incident models: thin conversions
/// between the contracts and the registry, the training jobs and the pipeline. Train needs the
/// bearer token. The beat forecast registers its own Forecast handler (see ``PredictBackend``).
struct PredictHandlers: Sendable {
    let registry: ModelRegistry
    let jobs: TrainingJobs
    let pipeline: TrainingPipeline
    let writeAuthorization: WriteAuthorization
    /// Further metrics for GetModelMetrics (the beat forecast's), per city.
    let extraMetrics: @Sendable (String) async throws -> [ModelMetrics]
    /// Trains the beat forecast of a city (Train with MODEL_KIND_BEAT_FORECAST); nil refuses that kind.
    let trainForecast: (@Sendable (String, @escaping @Sendable (String, Double) -> Void) async throws -> Void)?

    init(registry: ModelRegistry, jobs: TrainingJobs, pipeline: TrainingPipeline, writeAuthorization: WriteAuthorization,
                extraMetrics: @escaping @Sendable (String) async throws -> [ModelMetrics] = { _ in [] },
                trainForecast: (@Sendable (String, @escaping @Sendable (String, Double) -> Void) async throws -> Void)? = nil) {
        self.registry = registry
        self.jobs = jobs
        self.pipeline = pipeline
        self.writeAuthorization = writeAuthorization
        self.extraMetrics = extraMetrics
        self.trainForecast = trainForecast
    }

    /// Registers Predict, GetModelMetrics, Train and GetTrainingProgress.
    func register(on router: inout RPCRouter) {
        router.register(Methods.Predict.predict) { (request: PredictRequest, _) in try await predict(request) }
        router.register(Methods.Predict.getModelMetrics) { (request: GetModelMetricsRequest, _) in try await modelMetrics(request) }
        router.register(Methods.Predict.train) { (request: TrainRequest, context) in try await train(request, context) }
        router.register(Methods.Predict.getTrainingProgress) { (request: GetTrainingProgressRequest, _) in try trainingProgress(request) }
    }

    /// All four models' answers for one incident context, each explained; the models run
    /// concurrently (each booster has its own lock), answers in the order arrest, domestic,
    /// property, crime type.
    func predict(_ request: PredictRequest) async throws -> PredictResponse {
        guard let context = request.context else { throw PredictError.invalidArgument("context is required") }
        try IncidentRequest.validate(context)
        guard request.topContributions >= 0, request.topClasses >= 0 else {
            throw PredictError.invalidArgument("top_contributions and top_classes must not be negative")
        }
        let models = registry.models(city: context.city)
        guard !models.isEmpty else {
            throw PredictError.failedPrecondition("no trained models for city '\(context.city)': run 'predict train --city \(context.city)' or the Train RPC")
        }
        let chosen = ModelKind.incidentModels.compactMap { models[$0] }
        let incidents = try chosen.map { try IncidentRequest.features(context, encoding: $0.descriptor.encoding) }
        let top = Int(request.topContributions), classes = request.topClasses == 0 ? 5 : Int(request.topClasses)
        let answers = try await withThrowingTaskGroup(of: (Int, ModelAnswer).self) { group in
            for (index, model) in chosen.enumerated() {
                let incident = incidents[index]
                group.addTask { (index, try model.answer(incident, topContributions: top, topClasses: classes)) }
            }
            var answers = [ModelAnswer?](repeating: nil, count: chosen.count)
            for try await (index, answer) in group { answers[index] = answer }
            return answers.compactMap { $0 }
        }
        return PredictResponse(answers: answers)
    }

    /// The city's models' test metrics, ROC points, calibration and importances.
    func modelMetrics(_ request: GetModelMetricsRequest) async throws -> GetModelMetricsResponse {
        guard !request.city.isEmpty else { throw PredictError.invalidArgument("city is required") }
        let models = registry.models(city: request.city)
        var metrics = ModelKind.incidentModels.compactMap { models[$0]?.metrics }
        metrics += try await extraMetrics(request.city)
        guard !metrics.isEmpty else {
            throw PredictError.failedPrecondition("no trained models for city '\(request.city)': run 'predict train --city \(request.city)' or the Train RPC")
        }
        return GetModelMetricsResponse(models: metrics)
    }

    /// Starts training (token-protected); synchronous calls wait for the end. A synchronous job
    /// the data refuses (a ``PredictError``: no rows, too few months, a model whose label has one
    /// value — see ``SingleValuedLabels``) ends the call with that status, e.g. FAILED_PRECONDITION;
    /// an asynchronous one ends as phase "failed" with the message in `error`.
    func train(_ request: TrainRequest, _ context: ServerContext) async throws -> TrainingProgress {
        try writeAuthorization.authorize(context)
        guard !request.city.isEmpty else { throw PredictError.invalidArgument("city is required") }
        let kinds = request.kinds.isEmpty ? ModelKind.incidentModels : request.kinds
        let forecast = kinds.contains(.beatForecast) ? trainForecast : nil
        let incidentKinds = kinds.filter { $0 != .beatForecast || forecast == nil }
        if let other = incidentKinds.first(where: { !ModelKind.incidentModels.contains($0) }) {
            throw PredictError.invalidArgument("Train trains the per-incident models (arrest, domestic, property, crime type)"
                                               + (trainForecast == nil ? "" : " and the beat forecast") + "; \(other.name) is not one")
        }
        let pipeline = self.pipeline, city = request.city
        let id = try await jobs.start(city: city) { progress in
            if !incidentKinds.isEmpty {
                let share = forecast == nil ? 1.0 : 0.8
                _ = try await pipeline.run(city: city, kinds: incidentKinds) { phase, fraction in progress(phase, share * fraction) }
            }
            if let forecast {
                try await forecast(city) { phase, fraction in progress(phase, incidentKinds.isEmpty ? fraction : 0.8 + 0.2 * fraction) }
            }
        }
        if request.asynchronous {
            return jobs.progress(id) ?? TrainingProgress(jobID: id, phase: "queued")
        }
        let progress = await jobs.wait(id) ?? TrainingProgress(jobID: id, phase: "unknown")
        if let refusal = jobs.refusal(id) { throw refusal }
        return progress
    }

    /// A job's progress; NOT_FOUND for a job this process never started.
    func trainingProgress(_ request: GetTrainingProgressRequest) throws -> TrainingProgress {
        guard request.jobID > 0 else { throw PredictError.invalidArgument("job_id must be positive, got \(request.jobID)") }
        guard let progress = jobs.progress(request.jobID) else { throw PredictError.notFound("no training job \(request.jobID) in this process") }
        return progress
    }
}

import BackendKit
import Contracts
import Logging
import ServiceKit
import Wire

/// The `crimescope.ingest.v1.Ingest` handlers: thin conversions between the contracts and the
/// loader and store. Writes (StartLoad) need the bearer token.
package struct IngestHandlers: Sendable {
    let loader: IngestLoader
    let store: IngestStore
    let writeAuthorization: WriteAuthorization

    package init(loader: IngestLoader, store: IngestStore, writeAuthorization: WriteAuthorization) {
        self.loader = loader
        self.store = store
        self.writeAuthorization = writeAuthorization
    }

    /// Registers every method of the service.
    package func register(on router: inout RPCRouter) {
        router.register(Methods.Ingest.startLoad) { (request: StartLoadRequest, context) in try await startLoad(request, context) }
        router.register(Methods.Ingest.startPull) { (request: StartPullRequest, context) in try await startPull(request, context) }
        router.register(Methods.Ingest.getRun) { (request: GetRunRequest, _) in try await getRun(request) }
        router.register(Methods.Ingest.listRuns) { (request: ListRunsRequest, _) in try await listRuns(request) }
        router.register(Methods.Ingest.listRejects) { (request: ListRejectsRequest, _) in try await listRejects(request) }
        router.register(Methods.Ingest.listIncidents) { (request: ListIncidentsRequest, _) in try await listIncidents(request) }
        router.register(Methods.Ingest.listAreas) { (request: ListAreasRequest, _) in try await listAreas(request) }
        router.register(Methods.Ingest.pullOutbox) { (request: PullOutboxRequest, context) in try await pullOutbox(request, context) }
        router.register(Methods.Ingest.countIncidents) { (request: CountIncidentsRequest, _) in try await countIncidents(request) }
        router.register(Methods.Ingest.listTrainingRows) { (request: ListTrainingRowsRequest, _) in try await listTrainingRows(request) }
    }

    /// Starts a load. Synchronous calls wait for the run to end, but never past the call's
    /// deadline: shortly before it they answer with the run as it stands (still running or
    /// waiting; follow it with GetRun), so a long load is never a DEADLINE_EXCEEDED while it goes
    /// on. Asynchronous calls return the running run at once.
    func startLoad(_ request: StartLoadRequest, _ context: ServerContext) async throws -> StartLoadResponse {
        try writeAuthorization.authorize(context)
        let plan = try StartLoadPlanner.plan(request)
        let job = try await loader.start(plan)
        if !request.asynchronous {
            await Self.waitForEnd(of: job, before: context.deadline)
        }
        guard let run = try await store.run(id: job.runID) else {
            throw IngestError.notFound("run \(job.runID) vanished")
        }
        return StartLoadResponse(run: run)
    }

    /// Starts a live Socrata pull of the city (see ``SocrataPuller``), token-protected and
    /// synchronous or asynchronous like StartLoad.
    func startPull(_ request: StartPullRequest, _ context: ServerContext) async throws -> StartLoadResponse {
        try writeAuthorization.authorize(context)
        let job = try await SocrataPuller(loader: loader).start(SocrataPullRequest(city: try RequestValidation.city(request.city)))
        if !request.asynchronous {
            await Self.waitForEnd(of: job, before: context.deadline)
        }
        guard let run = try await store.run(id: job.runID) else {
            throw IngestError.notFound("run \(job.runID) vanished")
        }
        return StartLoadResponse(run: run)
    }

    /// Waits until `job` ends or `deadline` is near (a tenth of a second or 10 % of the time left
    /// before it, whichever is more, is kept to answer in). The wait runs in a task of its own:
    /// the handler's cancellation must not cancel the load (``LoadJob/wait()`` would).
    static func waitForEnd(of job: LoadJob, before deadline: ContinuousClock.Instant?) async {
        guard let deadline else { return await Task { _ = await job.wait() }.value }
        let answerBy = deadline - max(.milliseconds(100), (deadline - .now) / 10)
        // Whichever comes first finishes the stream; the load's waiter outlives this call.
        let (first, finish) = AsyncStream<Never>.makeStream()
        Task { _ = await job.wait(); finish.finish() }
        let timer = Task { try? await Task.sleep(until: answerBy, clock: .continuous); finish.finish() }
        for await _ in first {}
        timer.cancel()
    }

    func getRun(_ request: GetRunRequest) async throws -> Run {
        guard request.runID > 0 else { throw IngestError.invalidArgument("run_id must be positive, got \(request.runID)") }
        guard let run = try await store.run(id: request.runID) else { throw IngestError.notFound("no run \(request.runID)") }
        return run
    }

    func listRuns(_ request: ListRunsRequest) async throws -> ListRunsResponse {
        let city = request.city.isEmpty ? nil : try RequestValidation.city(request.city).slug
        let limit = try RequestValidation.limit(request.limit, fallback: 50, maximum: 1000)
        guard request.beforeRunID >= 0 else { throw IngestError.invalidArgument("before_run_id must not be negative") }
        return ListRunsResponse(runs: try await store.runs(city: city, limit: limit, beforeRunID: request.beforeRunID))
    }

    func listRejects(_ request: ListRejectsRequest) async throws -> ListRejectsResponse {
        _ = try await getRun(GetRunRequest(runID: request.runID))
        let limit = try RequestValidation.limit(request.limit, fallback: 100, maximum: 5000)
        let page = try await store.rejects(runID: request.runID, limit: limit, afterLineNumber: request.afterLineNumber)
        return ListRejectsResponse(rejects: page.rejects, total: page.total)
    }

    func listIncidents(_ request: ListIncidentsRequest) async throws -> ListIncidentsResponse {
        let city = try RequestValidation.city(request.city)
        let range = try LocalRange(request.range)
        if let box = request.bbox, !(box.minLon <= box.maxLon && box.minLat <= box.maxLat) {
            throw IngestError.invalidArgument("bbox must have min_lon <= max_lon and min_lat <= max_lat")
        }
        let limit = try RequestValidation.limit(request.limit, fallback: 100_000, maximum: 250_000)
        return try await store.incidents(city: city.slug, range: range, bbox: request.bbox, categories: request.categories, limit: limit)
    }

    func listAreas(_ request: ListAreasRequest) async throws -> ListAreasResponse {
        let city = try RequestValidation.city(request.city)
        // The version first: a reload in between makes it older than the areas, never newer.
        let version = try await store.areasVersion(city: city.slug)
        if request.versionOnly { return ListAreasResponse(version: version) }
        return ListAreasResponse(areas: try await store.areas(city: city.slug), version: version)
    }

    /// Reads the outbox. A pull that names a consumer records its acknowledgement, which lets
    /// ingest drop outbox partitions: that is a write, so it needs the token (anyone else could
    /// acknowledge for the heatmap and delete the entries it still needs).
    func pullOutbox(_ request: PullOutboxRequest, _ context: ServerContext) async throws -> PullOutboxResponse {
        guard request.afterPosition >= 0 else { throw IngestError.invalidArgument("after_position must not be negative") }
        let maxEntries = try RequestValidation.limit(request.maxEntries, fallback: 100, maximum: 10_000, field: "max_entries")
        let maxDeltas = try RequestValidation.limit(request.maxDeltas, fallback: 20_000, maximum: 40_000, field: "max_deltas")
        let consumer = try RequestValidation.outboxConsumer(request)
        if consumer != nil { try writeAuthorization.authorize(context) }
        let response = try await store.pullOutbox(afterPosition: request.afterPosition, maxEntries: maxEntries, maxDeltas: maxDeltas,
                                                 columnar: request.columnar)
        if let consumer {
            try await store.acknowledgeOutbox(consumer: consumer, position: request.acknowledgedPosition)
        }
        return response
    }

    func countIncidents(_ request: CountIncidentsRequest) async throws -> CountIncidentsResponse {
        let city = try RequestValidation.city(request.city)
        return try await store.countIncidents(city: city.slug, range: try LocalRange(request.range), primaryType: request.primaryType)
    }

    func listTrainingRows(_ request: ListTrainingRowsRequest) async throws -> ListTrainingRowsResponse {
        let city = try RequestValidation.city(request.city)
        let limit = try RequestValidation.limit(request.limit, fallback: 10_000, maximum: 50_000)
        guard request.afterKey >= 0 else { throw IngestError.invalidArgument("after_key must not be negative") }
        return try await store.trainingRows(city: city.slug, range: try LocalRange(request.range), afterKey: request.afterKey, limit: limit)
    }
}

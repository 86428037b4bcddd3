import Contracts
import Hummingbird

/// `GET /api/v1/ingest/runs/{id}` → Ingest/GetRun, `GET /api/v1/ingest/runs/{id}/rejects` →
/// Ingest/ListRejects, and the token-protected
/// `POST /api/v1/ingest/loads` → Ingest/StartLoad (the caller's bearer token is passed through).
struct IngestWritesController: Sendable {
    var caller: BackendCaller

    init(caller: BackendCaller) {
        self.caller = caller
    }

    func register(on api: RouterGroup<GatewayRequestContext>) {
        api.get("ingest/runs/:run/rejects") { request, context in try await rejects(request, context) }
        api.get("ingest/runs/:run") { request, context in try await run(request, context) }
        api.post("ingest/loads") { request, context in try await load(request, context) }
    }

    func rejects(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try RejectsQuery(runID: context.parameters.require("run"), QueryParameters(request, allowed: RejectsQuery.names))
        let reply = try await caller.ingest(Methods.Ingest.listRejects, query.request, context: context)
        return try JSONResponse.make(RejectsJSON(query: query, response: reply), for: request)
    }

    func load(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let authorization = try BearerToken.metadata(request)
        _ = try QueryParameters(request, allowed: [])
        let body = try LoadBody(await JSONBody.read(request, allowed: LoadBody.names))
        let reply = try await caller.ingest(Methods.Ingest.startLoad, body.request,
                                            context: context, metadata: [authorization])
        let run = reply.run.map(IngestRunsJSON.RunJSON.init)
        let finished = reply.run.map { $0.status.hasEnded } ?? false
        var response = try JSONResponse.make(LoadJSON(run: run, rejects: run.map { "/api/v1/ingest/runs/\($0.runId)/rejects" }),
                                             for: request, status: finished ? .ok : .accepted)
        // A load that goes on (not asked to wait, or longer than the call's deadline): where to follow it.
        if !finished, let run { response.headers[.location] = "/api/v1/ingest/runs/\(run.runId)" }
        return ReadPosition.tagWritten(response, reply.run)
    }

    /// `GET /api/v1/ingest/runs/{run}` → Ingest/GetRun: one run, to follow a load.
    func run(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let text = try context.parameters.require("run")
        guard let runID = QueryParameters.strictInteger(text), runID > 0, !text.hasPrefix("+") else {
            throw APIError.invalidArgument("the run id must be a positive integer, got '\(text.prefix(40))'")
        }
        let reply = try await caller.ingest(Methods.Ingest.getRun, GetRunRequest(runID: Int64(runID)), context: context)
        return ReadPosition.tagWritten(try JSONResponse.make(IngestRunsJSON.RunJSON(reply), for: request), reply)
    }
}

/// `POST /api/v1/ingest/loads`: the run the load started (`202`, still running) or ran (`200`
/// with `wait`), and where to follow it.
struct LoadJSON: Codable, Sendable, Equatable {
    var run: IngestRunsJSON.RunJSON?
    /// The rejects of the run (`GET`).
    var rejects: String?
}

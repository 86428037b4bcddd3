import Contracts
import Hummingbird

/// `GET /api/v1/hotspots/significance` → Heatmap/GetSignificance.
struct SignificanceController: Sendable {
    var caller: BackendCaller

    init(caller: BackendCaller) {
        self.caller = caller
    }

    func register(on api: RouterGroup<GatewayRequestContext>) {
        api.get("hotspots/significance") { request, context in try await significance(request, context) }
    }

    func significance(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try SignificanceQuery(QueryParameters(request, allowed: SignificanceQuery.names))
        var rpcRequest = query.request
        rpcRequest.minPosition = try ReadPosition.minimum(of: request)
        let reply = try await caller.heatmap(Methods.Heatmap.getSignificance, rpcRequest, context: context)
        return ReadPosition.tag(try JSONResponse.make(SignificanceJSON(query: query, response: reply), for: request), reply.position)
    }
}

import Contracts
import Hummingbird

/// `GET /api/v1/hotspots` → Heatmap/GetHexHotspots.
struct HotspotsController: Sendable {
    var caller: BackendCaller

    init(caller: BackendCaller) {
        self.caller = caller
    }

    func register(on api: RouterGroup<GatewayRequestContext>) {
        api.get("hotspots") { request, context in try await hotspots(request, context) }
    }

    func hotspots(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try HotspotsQuery(QueryParameters(request, allowed: HotspotsQuery.names))
        var rpcRequest = query.request
        rpcRequest.minPosition = try ReadPosition.minimum(of: request)
        let reply = try await caller.heatmap(Methods.Heatmap.getHexHotspots, rpcRequest, context: context)
        return ReadPosition.tag(try JSONResponse.make(HotspotsJSON(query: query, response: reply), for: request), reply.position)
    }
}

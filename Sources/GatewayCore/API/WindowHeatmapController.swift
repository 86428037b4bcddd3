import Contracts
import Hummingbird

/// `GET /api/v1/heatmap/window` → Heatmap/GetWindowHeatmap.
struct WindowHeatmapController: Sendable {
    var caller: BackendCaller

    init(caller: BackendCaller) {
        self.caller = caller
    }

    func register(on api: RouterGroup<GatewayRequestContext>) {
        api.get("heatmap/window") { request, context in try await window(request, context) }
    }

    func window(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try WindowHeatmapQuery(QueryParameters(request, allowed: WindowHeatmapQuery.names))
        var rpcRequest = query.request
        rpcRequest.minPosition = try ReadPosition.minimum(of: request)
        let reply = try await caller.heatmap(Methods.Heatmap.getWindowHeatmap, rpcRequest, context: context)
        return ReadPosition.tag(JSONResponse.text(WindowHeatmapJSON(query: query, response: reply), for: request), reply.position)
    }
}

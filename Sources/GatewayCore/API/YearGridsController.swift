import Contracts
import Hummingbird

/// `GET /api/v1/grids` → Heatmap/GetYearGrids.
struct YearGridsController: Sendable {
    var caller: BackendCaller

    init(caller: BackendCaller) {
        self.caller = caller
    }

    func register(on api: RouterGroup<GatewayRequestContext>) {
        api.get("grids") { request, context in try await grids(request, context) }
    }

    func grids(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try YearGridsQuery(QueryParameters(request, allowed: YearGridsQuery.names))
        var rpcRequest = query.request
        rpcRequest.minPosition = try ReadPosition.minimum(of: request)
        let reply = try await caller.heatmap(Methods.Heatmap.getYearGrids, rpcRequest, context: context)
        return ReadPosition.tag(try JSONResponse.make(YearGridsJSON(query: query, response: reply), for: request), reply.position)
    }
}

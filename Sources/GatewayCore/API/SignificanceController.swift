import Contracts
import Hummingbird

/// `GET /api/v1/hotspots/significance` → Heatmap/GetSignificance.
public struct SignificanceController: Sendable {
    public var caller: BackendCaller

    public init(caller: BackendCaller) {
        self.caller = caller
    }

    public func register(on api: RouterGroup<GatewayRequestContext>) {
        api.get("hotspots/significance") { request, context in try await significance(request, context) }
    }

    func significance(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try SignificanceQuery(QueryParameters(request, allowed: SignificanceQuery.names))
        let reply = try await caller.heatmap(Methods.Heatmap.getSignificance, query.request, context: context)
        return try JSONResponse.make(SignificanceJSON(query: query, response: reply), for: request)
    }
}

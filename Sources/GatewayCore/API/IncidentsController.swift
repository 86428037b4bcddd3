import Contracts
import Hummingbird

/// `GET /api/v1/incidents` → Ingest/ListIncidents (and Heatmap/ListCities for the time zone).
struct IncidentsController: Sendable {
    var caller: BackendCaller

    init(caller: BackendCaller) {
        self.caller = caller
    }

    func register(on api: RouterGroup<GatewayRequestContext>) {
        api.get("incidents") { request, context in try await incidents(request, context) }
    }

    func incidents(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try IncidentsQuery(QueryParameters(request, allowed: IncidentsQuery.names))
        async let incidents = caller.ingest(Methods.Ingest.listIncidents, query.request, context: context)
        async let cities = caller.heatmap(Methods.Heatmap.listCities, ListCitiesRequest(), context: context)
        let reply = try await incidents
        let timeZone = (try? await cities)?.cities.first { $0.city == query.request.city }?.timeZone ?? ""
        let json = IncidentsJSON(city: query.request.city, month: query.month, timeZone: timeZone, response: reply)
        return JSONResponse.bytes(json.jsonText(capacity: 64 + json.count * 40).data, for: request)
    }
}

import Contracts
import Foundation
import Hummingbird
import Wire

/// The JSON API under `/api/v1/`: one thin handler per backend call. Each handler parses its
/// query strictly (400 before any call), calls one backend with the configured deadline and
/// the request's `x-request-id`, and maps RPC errors through ``HTTPStatusMapping``.
struct APIController: Sendable {
    var caller: BackendCaller

    /// `positions`: the heatmap replicas' positions (the response cache's watcher), which reads
    /// that ask for a position use to go first where it is.
    init(backends: Backends, callTimeout: Duration, positions: ResponseCache? = nil) {
        caller = BackendCaller(backends: backends, callTimeout: callTimeout, positions: positions)
    }

    func register(on router: Router<GatewayRequestContext>) {
        let api = router.group("/api/v1")
        api.get("cities") { request, context in try await cities(request, context) }
        api.get("heatmap") { request, context in try await heatmap(request, context) }
        api.get("areas/shapes") { request, context in try await areaShapes(request, context) }
        api.get("areas/:city/:area") { request, context in try await areaDetail(request, context) }
        api.get("ingest/runs") { request, context in try await ingestRuns(request, context) }
        api.get("openapi.json") { request, _ in try OpenAPIDocument.response(for: request) }
        WindowHeatmapController(caller: caller).register(on: api)
        IncidentsController(caller: caller).register(on: api)
        YearGridsController(caller: caller).register(on: api)
        HotspotsController(caller: caller).register(on: api)
        SignificanceController(caller: caller).register(on: api)
        ExportController(caller: caller).register(on: api)
        IngestWritesController(caller: caller).register(on: api)
        PredictController(caller: caller).register(on: api)
        APIPageController().register(on: router)
    }

    /// `GET /api/v1/cities` → Heatmap/ListCities.
    func cities(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        _ = try QueryParameters(request, allowed: [])
        let reply = try await caller.heatmap(Methods.Heatmap.listCities,
                                             ListCitiesRequest(minPosition: try ReadPosition.minimum(of: request)), context: context)
        return ReadPosition.tag(try JSONResponse.make(CitiesJSON(reply), for: request), reply.position)
    }

    /// `GET /api/v1/heatmap` → Heatmap/GetBeatHeatmap.
    func heatmap(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["city", "year", "year_from", "year_to", "hour_min", "hour_max", "primary_type"])
        let parsed = try HeatmapQuery(query)
        var rpcRequest = parsed.request
        rpcRequest.minPosition = try ReadPosition.minimum(of: request)
        // The reply is read straight into the JSON writer's view of the same message.
        var reply = try await caller.heatmap(Methods.Heatmap.getBeatHeatmap.withReply(HeatmapReplyJSON.self), rpcRequest,
                                             context: context)
        reply.city = parsed.request.city
        reply.filters = parsed.filters
        return ReadPosition.tag(JSONResponse.text(reply, for: request), reply.position)
    }

    /// `GET /api/v1/areas/shapes` → Heatmap/GetAreaShapes, as GeoJSON with an ETag.
    func areaShapes(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["city"])
        let city = try query.requiredCity()
        let reply = try await caller.heatmap(Methods.Heatmap.getAreaShapes, AreaShapesRequest(city: city), context: context)
        let data = try AreaShapesGeoJSON.encode(city: city, shapes: reply.shapes)
        let etag = JSONResponse.etag(data)
        let cacheControl = "public, max-age=300"
        if JSONResponse.matches(request, etag: etag) {
            return Response(status: .notModified, headers: [.eTag: etag, .cacheControl: cacheControl])
        }
        return JSONResponse.bytes(data, for: request, contentType: "application/geo+json; charset=utf-8",
                                  cacheControl: cacheControl, etag: etag)
    }

    /// `GET /api/v1/areas/{city}/{area}` → Heatmap/GetAreaDetail (and ListCities for the time zone).
    func areaDetail(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["year_from", "year_to"])
        let city = try context.parameters.require("city")
        let area = try context.parameters.require("area")
        guard QueryParameters.isCitySlug(city) else {
            throw APIError.invalidArgument("the city must be a slug such as chicago, nyc or uk-metropolitan, got '\(city.prefix(40))'")
        }
        guard !area.isEmpty, area.count <= 100, area.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value != 127 }) else {
            throw APIError.invalidArgument("the area must be 1-100 printable characters")
        }
        let yearFrom = try query.integer("year_from", in: HeatmapQuery.years)
        let yearTo = try query.integer("year_to", in: HeatmapQuery.years)
        if let yearFrom, let yearTo, yearFrom > yearTo { throw APIError.invalidArgument("year_from is after year_to") }
        let detailRequest = AreaDetailRequest(area: AreaId(city: city, area: area), yearFrom: Int32(yearFrom ?? 0),
                                              yearTo: Int32(yearTo ?? 0), minPosition: try ReadPosition.minimum(of: request))
        async let detail = caller.heatmap(Methods.Heatmap.getAreaDetail, detailRequest, context: context)
        async let cities = caller.heatmap(Methods.Heatmap.listCities, ListCitiesRequest(), context: context)
        let reply = try await detail
        let timeZone = (try? await cities)?.cities.first { $0.city == city }?.timeZone ?? ""
        return ReadPosition.tag(try JSONResponse.make(AreaDetailJSON(city: city, area: area, timeZone: timeZone,
                                                                     yearFrom: yearFrom, yearTo: yearTo, response: reply), for: request),
                                reply.position)
    }

    /// `GET /api/v1/ingest/runs` → Ingest/ListRuns.
    func ingestRuns(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let query = try QueryParameters(request, allowed: ["city", "limit"])
        let city = try query.city() ?? ""
        let limit = try query.integer("limit", in: 1...500) ?? 20
        let reply = try await caller.ingest(Methods.Ingest.listRuns,
                                   ListRunsRequest(city: city, limit: Int32(limit)), context: context)
        return try JSONResponse.make(IngestRunsJSON(reply), for: request)
    }
}

/// `GET /api/v1/openapi.json`: the hand-written OpenAPI 3.1 document (`Web/openapi.json`).
enum OpenAPIDocument {
    /// The document's bytes, read once from the bundle.
    static let data: Data? = WebResources.data("openapi.json")

    static func response(for request: Request) throws -> Response {
        guard let data else { throw APIError(status: .internalServerError, code: "INTERNAL", message: "openapi.json is not bundled") }
        return JSONResponse.bytes(data, for: request, cacheControl: "public, max-age=60")
    }
}

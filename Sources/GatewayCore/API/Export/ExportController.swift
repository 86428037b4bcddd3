import Contracts
import Hummingbird

/// `GET /api/v1/export/{view}?format=csv|geojson&…`: the data of a view as a streamed download.
/// `{view}` names the JSON endpoint whose query it takes unchanged (plus `format`): `heatmap`,
/// `window` (`/heatmap/window`), `incidents`, `grids`, `hotspots`, `significance`
/// (`/hotspots/significance`), and the predict view's `forecast`, `predict` and `models`. The query is checked exactly as there (400 before any call).
struct ExportController: Sendable {
    var caller: BackendCaller

    /// The views that export, with the JSON endpoint each mirrors.
    static let views: [String: String] = [
        "heatmap": "/api/v1/heatmap", "window": "/api/v1/heatmap/window", "incidents": "/api/v1/incidents",
        "grids": "/api/v1/grids", "hotspots": "/api/v1/hotspots", "significance": "/api/v1/hotspots/significance",
        "forecast": "/api/v1/forecast", "predict": "/api/v1/predict", "models": "/api/v1/models",
    ]

    init(caller: BackendCaller) {
        self.caller = caller
    }

    func register(on api: RouterGroup<GatewayRequestContext>) {
        api.get("export/:view") { request, context in try await export(request, context) }
    }

    func export(_ request: Request, _ context: GatewayRequestContext) async throws -> Response {
        let view = try context.parameters.require("view")
        guard let endpoint = Self.views[view] else {
            throw APIError(status: .notFound, code: "NOT_FOUND",
                           message: "no export '\(view.prefix(40))'; exports: \(Self.views.keys.sorted().joined(separator: ", "))")
        }
        let pairs = request.uri.queryParameters.map { (String($0.key), String($0.value)) }
        let formats = pairs.filter { $0.0 == "format" }
        guard formats.count <= 1 else { throw APIError.invalidArgument("query parameter 'format' is given more than once") }
        let format = try ExportFormat(formats.first?.1)
        let rest = pairs.filter { $0.0 != "format" }
        let header = ExportHeader(view: view, endpoint: endpoint, pairs: rest)
        let exports = ExportTables(caller: caller, context: context, header: header)
        let table: ExportTable
        switch view {
        case "heatmap": table = try await exports.heatmap(HeatmapQuery(QueryParameters(pairs: rest, allowed: Self.heatmapNames)))
        case "window": table = try await exports.window(WindowHeatmapQuery(QueryParameters(pairs: rest, allowed: WindowHeatmapQuery.names)))
        case "incidents": table = try await exports.incidents(IncidentsQuery(QueryParameters(pairs: rest, allowed: IncidentsQuery.names)))
        case "grids": table = try await exports.grids(YearGridsQuery(QueryParameters(pairs: rest, allowed: YearGridsQuery.names)))
        case "hotspots": table = try await exports.hotspots(HotspotsQuery(QueryParameters(pairs: rest, allowed: HotspotsQuery.names)))
        case "forecast": table = try await exports.forecast(ForecastQuery(QueryParameters(pairs: rest, allowed: ForecastQuery.names)))
        case "predict": table = try await exports.predict(PredictQuery(QueryParameters(pairs: rest, allowed: PredictQuery.names)))
        case "models": table = try await exports.models(city: QueryParameters(pairs: rest, allowed: ["city"]).requiredCity())
        default: table = try await exports.significance(SignificanceQuery(QueryParameters(pairs: rest, allowed: SignificanceQuery.names)))
        }
        return ExportStream.response(table, format: format)
    }

    static let heatmapNames: Set<String> = ["city", "year", "year_from", "year_to", "hour_min", "hour_max", "primary_type"]
}

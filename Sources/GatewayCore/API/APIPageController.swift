import Hummingbird

/// `GET /api`: a readable page of the API (`Web/api.html`, which renders `openapi.json` with
/// `Web/api.js`; no third-party code).
struct APIPageController: Sendable {
    init() {}

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/api") { request, _ in
            guard let data = WebResources.data("api.html") else {
                throw APIError(status: .internalServerError, code: "INTERNAL", message: "api.html is not bundled")
            }
            return JSONResponse.bytes(data, for: request, contentType: "text/html; charset=utf-8", cacheControl: "no-cache")
        }
    }
}

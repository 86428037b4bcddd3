import Foundation
import Hummingbird

/// `GET /methodology`: the data sources and their caveats, the models' test metrics and the
/// statement that CrimeScope is not predictive policing (`Web/methodology.html`; its charts come
/// from `/api/v1/models` through `Web/views/methodology.js`).
struct MethodologyPageController: Sendable {
    init() {}

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/methodology") { request, _ in
            guard let data = WebResources.data("methodology.html") else {
                throw APIError(status: .internalServerError, code: "INTERNAL", message: "methodology.html is not bundled")
            }
            return JSONResponse.bytes(data, for: request, contentType: "text/html; charset=utf-8", cacheControl: "no-cache")
        }
    }
}

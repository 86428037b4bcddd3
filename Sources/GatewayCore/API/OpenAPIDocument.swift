import Foundation
import Hummingbird

/// `GET /api/v1/openapi.json`: the hand-written OpenAPI 3.1 document (`Web/openapi.json`).
public enum OpenAPIDocument {
    /// The document's bytes, read once from the bundle.
    public static let data: Data? = WebResources.data("openapi.json")

    static func response(for request: Request) throws -> Response {
        guard let data else { throw APIError(status: .internalServerError, code: "INTERNAL", message: "openapi.json is not bundled") }
        return JSONResponse.bytes(data, for: request, cacheControl: "public, max-age=60")
    }
}

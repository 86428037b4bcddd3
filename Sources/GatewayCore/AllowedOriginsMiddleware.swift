import HTTPTypes
import Hummingbird

/// CORS for the configured browser origins only (`--cors-origins`).
///
/// Hummingbird's ``CORSMiddleware`` does the protocol work (preflight `OPTIONS`, the
/// `Access-Control-*` headers); this wrapper hands it only the requests whose `Origin` is one of
/// the allowed ones (or every origin for `*`). Any other request passes through untouched, so a
/// page from an origin not on the list gets no CORS headers and the browser keeps its same-origin
/// rule. With no origins configured the gateway adds no CORS headers at all.
struct AllowedOriginsMiddleware<Context: RequestContext>: RouterMiddleware {
    let origins: Set<String>
    let allowsEveryOrigin: Bool
    let cors: CORSMiddleware<Context>

    /// `origins`: exact origins such as `https://news.example.org`, or `["*"]` for any origin.
    init(origins: [String]) {
        self.origins = Set(origins)
        self.allowsEveryOrigin = origins.contains("*")
        self.cors = CORSMiddleware(
            allowOrigin: allowsEveryOrigin ? .all : .originBased,
            allowHeaders: [.accept, .authorization, .contentType, .origin, .requestID, ReadPosition.minimumHeader],
            allowMethods: [.get, .post, .head, .options],
            exposedHeaders: ["x-request-id", "etag", ReadPosition.positionHeader.canonicalName],
            maxAge: .seconds(600))
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin], allowsEveryOrigin || origins.contains(origin) else {
            return try await next(request, context)
        }
        return try await cors.handle(request, context: context, next: next)
    }
}

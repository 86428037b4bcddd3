import Hummingbird

/// Answers requests no route takes with the API's JSON error body instead of Hummingbird's
/// empty 404: `405 METHOD_NOT_ALLOWED` with an `Allow` header when the path is served under
/// other methods (a `PUT` of `/api/v1/heatmap`), `404 NOT_FOUND` naming the path otherwise.
///
/// Added to the router after every route: it wraps the router's not-found responder, so it sees
/// only requests the route table did not match (handlers report their own 404s as ``APIError``).
struct UnmatchedRouteMiddleware<Context: RequestContext>: RouterMiddleware {
    /// Each served path template (split into segments) with the methods it answers.
    let templates: [(segments: [Substring], methods: Set<String>)]

    init(routes: [Router<Context>.RouteDescription]) {
        var methodsByPath: [String: Set<String>] = [:]
        for route in routes { methodsByPath[route.path.description, default: []].insert(route.method.rawValue) }
        templates = methodsByPath.sorted { $0.key < $1.key }.map { path, methods in
            (path.split(separator: "/"), methods)
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            let path = request.uri.path
            let allowed = allowedMethods(for: path)
            let shown = String(path.prefix(200))
            guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else {
                throw APIError(status: .notFound, code: "NOT_FOUND",
                               message: "no route for \(request.method.rawValue) \(shown); the API is listed at /api/v1/openapi.json")
            }
            let allow = allowed.sorted().joined(separator: ", ")
            var response = try APIError(status: .methodNotAllowed, code: "METHOD_NOT_ALLOWED",
                                        message: "\(shown) answers \(allow), not \(request.method.rawValue)")
                .response(from: request, context: context)
            response.headers[.allow] = allow
            return response
        }
    }

    /// The methods of every template that matches `path` (empty when none does).
    func allowedMethods(for path: String) -> Set<String> {
        let segments = path.split(separator: "/")
        var allowed = Set<String>()
        for template in templates where Self.matches(template.segments, segments) {
            allowed.formUnion(template.methods)
        }
        return allowed
    }

    /// Literal segments compare equal; `:name`, `{name}` and `*` take one segment, `**` the rest.
    static func matches(_ template: [Substring], _ segments: [Substring]) -> Bool {
        for (index, part) in template.enumerated() {
            if part == "**" { return index < segments.count }
            guard index < segments.count else { return false }
            if part == "*" || part.hasPrefix(":") || part.hasPrefix("{") { continue }
            if part != segments[index] { return false }
        }
        return template.count == segments.count
    }
}

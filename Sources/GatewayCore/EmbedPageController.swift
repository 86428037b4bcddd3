import Hummingbird

/// `GET /embed/{map|month|morph|hotspots}?…`: one view of the app with minimal chrome for an
/// `<iframe>` (the same page and scripts, `data-embed` naming the view; the view's controls come
/// from the query string). ``SecurityHeadersMiddleware`` gives these pages their own
/// `frame-ancestors`.
struct EmbedPageController: Sendable {
    /// The views that can be embedded.
    static let views: Set<String> = ["map", "month", "morph", "hotspots"]
    var page: MapPageController

    init(tileURL: String?) {
        page = MapPageController(tileURL: tileURL)
    }

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/embed/:view") { _, context in
            let view = try context.parameters.require("view")
            guard Self.views.contains(view) else {
                throw APIError(status: .notFound, code: "NOT_FOUND",
                               message: "no embeddable view '\(view.prefix(40))'; views: \(Self.views.sorted().joined(separator: ", "))")
            }
            return try page.page(embed: view)
        }
    }
}

@testable import GatewayCore
import Hummingbird
import HummingbirdTesting
import Testing

/// The web UI's pages and files through Hummingbird's in-process router (no socket): `/` with its
/// views' scripts, `/methodology` with its statement, the views under `/static/app/views/`, and
/// no way out of the bundle's `Web` folder through a subfolder.
@Suite("Gateway web pages")
struct GatewayWebPageTests {
    static func router() -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        MapPageController(tileURL: nil).register(on: router)
        MethodologyPageController().register(on: router)
        StaticFileController(vendorDirectory: "/usr/share/javascript").register(on: router)
        return router
    }

    func get(_ uri: String, _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await Application(router: Self.router()).test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in try check(response) }
        }
    }

    @Test func theMapPageLoadsEveryView() async throws {
        try await get("/") { response in
            #expect(response.status == .ok)
            let page = String(buffer: response.body)
            for script in ["shared.js", "views/map.js", "views/month.js", "views/morph.js", "views/hotspots.js", "views/predict.js"] {
                #expect(page.contains("/static/app/\(script)"), "\(script)")
            }
            for route in ["map", "month", "morph", "hotspots", "predict"] {
                #expect(page.contains("data-view=\"\(route)\""), "\(route)")
            }
        }
    }

    @Test func theMethodologyPageStatesWhatCrimeScopeIsNot() async throws {
        try await get("/methodology") { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
            let page = String(buffer: response.body)
            #expect(page.contains("CrimeScope is not predictive policing. It never scores people"))
            #expect(page.contains("/static/app/views/methodology.js"))
        }
    }

    @Test(arguments: ["views/map.js", "views/month.js", "views/morph.js", "views/hotspots.js", "views/predict.js", "views/methodology.js", "shared.js"])
    func viewScriptsAreServed(_ file: String) async throws {
        try await get("/static/app/\(file)") { response in
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(response.headers[.eTag] != nil)
        }
    }

    @Test(arguments: ["/static/app/views/../index.html", "/static/app/views/%2e%2e/shared.js", "/static/app/views/nope.js",
                      "/static/app/views", "/static/app/../Package.swift"])
    func nothingOutsideTheWebFolder(_ uri: String) async throws {
        try await get(uri) { response in
            #expect(response.status == .notFound || response.status == .badRequest, "\(uri): \(response.status)")
        }
    }
}

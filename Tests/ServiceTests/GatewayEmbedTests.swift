import ArgumentParser
import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceKit
import Testing

/// `/embed/{view}`: the app page with `data-embed` naming the view, framed only as
/// `--embed-frame-ancestors` allows (default `*`), while `/` keeps `frame-ancestors 'none'`;
/// unknown views are 404; bad option values stop start-up naming the setting.
@Suite("Gateway embeds")
struct GatewayEmbedTests {
    static let arguments = ["--ingest-endpoint", "unix:///tmp/i.sock", "--heatmap-endpoint", "unix:///tmp/h.sock",
                            "--predict-endpoint", "unix:///tmp/p.sock"]

    static func router(frameAncestors: String) -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(tileURL: nil, embedFrameAncestors: frameAncestors))
        MapPageController(tileURL: nil).register(on: router)
        EmbedPageController(tileURL: nil).register(on: router)
        return router
    }

    func execute(_ uri: String, frameAncestors: String = "*",
                 _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await Application(router: Self.router(frameAncestors: frameAncestors)).test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in try check(response) }
        }
    }

    static func frameAncestors(_ response: TestResponse) -> String? {
        (response.headers[.contentSecurityPolicy] ?? "").components(separatedBy: "; ").first { $0.hasPrefix("frame-ancestors ") }
    }

    @Test(arguments: ["map", "month", "morph", "hotspots"])
    func anEmbedNamesItsViewAndMayBeFramedAnywhereByDefault(_ view: String) async throws {
        try await execute("/embed/\(view)?city=chicago") { response in
            #expect(response.status == .ok)
            #expect(Self.frameAncestors(response) == "frame-ancestors *")
            let page = String(buffer: response.body)
            #expect(page.contains("data-embed=\"\(view)\""))
            #expect(page.contains("not predictive policing"))
        }
    }

    @Test func theAppPageStaysUnframeableAndUnembedded() async throws {
        try await execute("/", frameAncestors: "https://news.example.org") { response in
            #expect(Self.frameAncestors(response) == "frame-ancestors 'none'")
            #expect(String(buffer: response.body).contains("data-embed=\"\""))
        }
    }

    @Test func theConfiguredAncestorsFrameTheEmbeds() async throws {
        let configuration = try GatewayOptions.parse(Self.arguments + ["--embed-frame-ancestors", "'self' https://news.example.org"])
            .resolve(environment: [:])
        #expect(configuration.embedFrameAncestors == "'self' https://news.example.org")
        try await execute("/embed/map", frameAncestors: configuration.embedFrameAncestors) { response in
            #expect(Self.frameAncestors(response) == "frame-ancestors 'self' https://news.example.org")
        }
        let defaults = try GatewayOptions.parse(Self.arguments).resolve(environment: [:])
        #expect(defaults.embedFrameAncestors == "*")
        let fromEnvironment = try GatewayOptions.parse(Self.arguments)
            .resolve(environment: ["CRIMESCOPE_EMBED_FRAME_ANCESTORS": "https://*.example.org"])
        #expect(fromEnvironment.embedFrameAncestors == "https://*.example.org")
    }

    @Test(arguments: ["/embed/predict", "/embed/methodology", "/embed/"])
    func otherViewsAreNotEmbeddable(_ uri: String) async throws {
        try await execute(uri) { response in
            #expect(response.status == .notFound)
            #expect(response.headers[.contentSecurityPolicy] == nil)
        }
    }

    @Test(arguments: ["https://a.example; script-src *", "news.example.org", "https://a.example/path", "'unsafe-inline'", "https://a.example,https://b.example"])
    func aBadAncestorStopsStartUpNamingTheSetting(_ value: String) throws {
        let error = #expect(throws: ConfigurationError.self) {
            _ = try GatewayOptions.parse(Self.arguments + ["--embed-frame-ancestors", value]).resolve(environment: [:])
        }
        #expect(error.map { "\($0)" }?.contains("embed-frame-ancestors") == true)
    }
}

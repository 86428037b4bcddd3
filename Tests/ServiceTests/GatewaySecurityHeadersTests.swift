import Foundation
@testable import GatewayCore
import Hummingbird
import HTTPTypes
import HummingbirdTesting
import Testing

/// Every response carries `X-Content-Type-Options: nosniff` and a `Referrer-Policy`, errors
/// included; the pages carry a Content-Security-Policy that allows no inline script and no
/// framing, and hold no inline script or event handler it would block; a write without the
/// token is 401 with `WWW-Authenticate: Bearer`.
@Suite("Gateway security headers")
struct GatewaySecurityHeadersTests {
    static func router(tileURL: String? = nil) -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(tileURL: tileURL))
        MapPageController(tileURL: tileURL).register(on: router)
        MethodologyPageController().register(on: router)
        StaticFileController(vendorDirectory: "/usr/share/javascript").register(on: router)
        router.post("/api/v1/ingest/loads") { request, _ -> Response in
            _ = try BearerToken.metadata(request)
            return Response(status: .accepted)
        }
        return router
    }

    func execute(_ uri: String, method: HTTPRequest.Method = .get, router: Router<GatewayRequestContext> = router(),
                 _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: uri, method: method) { response in try check(response) }
        }
    }

    @Test(arguments: ["/", "/methodology", "/static/app/shared.js", "/static/app/nope.js"])
    func everyResponseIsNotSniffedAndSendsTheOriginOnly(_ uri: String) async throws {
        try await execute(uri) { response in
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
            #expect(response.headers[HTTPField.Name("referrer-policy")!] == "strict-origin-when-cross-origin")
        }
    }

    @Test(arguments: ["/", "/methodology"])
    func pagesAllowNoInlineScriptAndNoFraming(_ uri: String) async throws {
        try await execute(uri) { response in
            #expect(response.status == .ok)
            let policy = response.headers[.contentSecurityPolicy] ?? ""
            #expect(policy.contains("script-src 'self'"))
            let directives = policy.components(separatedBy: "; ")
            #expect(directives.contains("script-src 'self'"), "\(directives)")
            #expect(directives.contains("default-src 'self'"))
            #expect(policy.contains("frame-ancestors 'none'"))
            let page = String(buffer: response.body)
            // Every <script> names a file; no element carries an inline handler the policy would block.
            let scripts = page.components(separatedBy: "<script").dropFirst()
            #expect(!scripts.isEmpty)
            for script in scripts { #expect(script.hasPrefix(" src=\"/static/"), "inline script: <script\(script.prefix(60))") }
            #expect(page.range(of: #"\son[a-z]+=""#, options: .regularExpression) == nil)
        }
    }

    @Test func scriptsAndDataCarryNoPagePolicy() async throws {
        try await execute("/static/app/shared.js") { response in
            #expect(response.headers[.contentSecurityPolicy] == nil)
        }
    }

    @Test func theTileServerMayServeImages() async throws {
        try await execute("/", router: Self.router(tileURL: "https://{s}.tile.example.org/{z}/{x}/{y}.png")) { response in
            #expect(response.headers[.contentSecurityPolicy]?.contains("img-src 'self' data: blob: https://*.tile.example.org;") == true)
        }
        #expect(SecurityHeadersMiddleware.origin(ofTileURL: "file:///etc/passwd") == nil)
        #expect(SecurityHeadersMiddleware.origin(ofTileURL: "http://127.0.0.1:9000/tiles/{z}/{x}/{y}.png") == "http://127.0.0.1:9000")
    }

    @Test func aWriteWithoutTheTokenAsksForTheBearerScheme() async throws {
        try await execute("/api/v1/ingest/loads", method: .post) { response in
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] == #"Bearer realm="CrimeScope""#)
            #expect(response.headers[.xContentTypeOptions] == "nosniff")
        }
    }
}

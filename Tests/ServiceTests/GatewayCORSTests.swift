import ArgumentParser
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ServiceKit
import Testing

/// `--cors-origins`: only the configured origins get CORS headers (and preflights); with none
/// configured the gateway adds none; bad values stop start-up with the setting's name.
@Suite("Gateway CORS")
struct GatewayCORSTests {
    static let arguments = ["--ingest-endpoint", "unix:///tmp/i.sock", "--heatmap-endpoint", "unix:///tmp/h.sock",
                            "--predict-endpoint", "unix:///tmp/p.sock"]

    static func router(origins: [String]) -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        if !origins.isEmpty { router.add(middleware: AllowedOriginsMiddleware(origins: origins)) }
        MethodologyPageController().register(on: router)
        return router
    }

    func request(origins: [String], method: HTTPRequest.Method = .get, headers: HTTPFields,
                 _ check: @escaping @Sendable (TestResponse) throws -> Void) async throws {
        try await Application(router: Self.router(origins: origins)).test(.router) { client in
            try await client.execute(uri: "/methodology", method: method, headers: headers) { response in try check(response) }
        }
    }

    @Test func anAllowedOriginGetsItsOriginBack() async throws {
        try await request(origins: ["https://news.example.org"], headers: [.origin: "https://news.example.org"]) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.accessControlAllowOrigin] == "https://news.example.org")
        }
    }

    @Test func anotherOriginGetsNoCORSHeaders() async throws {
        try await request(origins: ["https://news.example.org"], headers: [.origin: "https://evil.example.com"]) { response in
            #expect(response.status == .ok)
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func aPreflightFromAnAllowedOriginIsAnswered() async throws {
        let headers: HTTPFields = [.origin: "https://news.example.org", .accessControlRequestMethod: "POST",
                                   .accessControlRequestHeaders: "authorization, content-type"]
        try await request(origins: ["https://news.example.org"], method: .options, headers: headers) { response in
            #expect(response.status == .noContent || response.status == .ok)
            #expect(response.headers[.accessControlAllowMethods]?.contains("POST") == true)
            #expect(response.headers[.accessControlAllowHeaders]?.lowercased().contains("authorization") == true)
        }
    }

    @Test func starAllowsEveryOrigin() async throws {
        try await request(origins: ["*"], headers: [.origin: "https://anyone.example"]) { response in
            #expect(response.headers[.accessControlAllowOrigin] == "*")
        }
    }

    @Test func noOriginsConfiguredMeansNoHeaders() async throws {
        let configuration = try GatewayOptions.parse(Self.arguments).resolve(environment: [:])
        #expect(configuration.corsOrigins.isEmpty)
        try await request(origins: configuration.corsOrigins, headers: [.origin: "https://news.example.org"]) { response in
            #expect(response.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func originsComeFromTheFlagOrTheEnvironment() throws {
        let fromFlag = try GatewayOptions.parse(Self.arguments + ["--cors-origins", "https://a.example, http://localhost:3000"])
            .resolve(environment: [:])
        #expect(fromFlag.corsOrigins == ["https://a.example", "http://localhost:3000"])
        let fromEnvironment = try GatewayOptions.parse(Self.arguments).resolve(environment: ["CRIMESCOPE_CORS_ORIGINS": "*"])
        #expect(fromEnvironment.corsOrigins == ["*"])
    }

    @Test(arguments: ["news.example.org", "https://news.example.org/", "https://a.example/path", "ftp://x.example", "https://"])
    func aBadOriginStopsStartUpNamingTheSetting(_ value: String) throws {
        let error = #expect(throws: ConfigurationError.self) {
            _ = try GatewayOptions.parse(Self.arguments + ["--cors-origins", value]).resolve(environment: [:])
        }
        #expect(error.map { "\($0)" }?.contains("cors-origins") == true)
    }
}

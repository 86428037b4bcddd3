import Contracts
import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
import Wire

/// The API through Hummingbird's in-process router (no listening socket), with every backend
/// unreachable: a bad request is 400 before any call (a call would be 503), a write without a
/// bearer token is 401, a good request reaches the backend and maps UNAVAILABLE to 503, and
/// the OpenAPI document names exactly the routes the router serves.
@Suite("Gateway API routes")
struct GatewayAPIRouteTests {
    static func router() -> Router<GatewayRequestContext> {
        let missing = "/tmp/crimescope-gateway-test-\(UUID().uuidString.prefix(8))/none.sock"
        func client() -> RPCClient { RPCClient(endpoint: .unix(path: missing)) }
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        APIController(backends: Backends(ingest: client(), heatmap: client(), predict: client()), callTimeout: .seconds(5))
            .register(on: router)
        router.add(middleware: UnmatchedRouteMiddleware(routes: router.routes))
        return router
    }

    struct Call: Sendable, CustomStringConvertible {
        var method: HTTPRequest.Method = .get
        var uri: String
        var body: String?
        var token: Bool = false
        var description: String { "\(method) \(uri)" }
    }

    func send(_ call: Call, expect status: HTTPResponse.Status, code: String) async throws {
        let app = Application(router: Self.router())
        try await app.test(.router) { client in
            var headers: HTTPFields = [:]
            if call.token { headers[.authorization] = "Bearer test-token" }
            if call.body != nil { headers[.contentType] = "application/json" }
            try await client.execute(uri: call.uri, method: call.method, headers: headers,
                                     body: call.body.map { ByteBuffer(string: $0) }) { response in
                #expect(response.status == status, "\(call): \(String(buffer: response.body))")
                let error = try JSONDecoder().decode(APIErrorBody.self, from: Data(String(buffer: response.body).utf8))
                #expect(error.error.code == code, "\(call)")
                #expect(!error.error.message.isEmpty)
                #expect(response.headers[HTTPField.Name("x-request-id")!] != nil)
            }
        }
    }

    static let badRequests: [Call] = [
        Call(uri: "/api/v1/heatmap/window?city=chicago"),
        Call(uri: "/api/v1/heatmap/window?city=chicago&last=6m"),
        Call(uri: "/api/v1/heatmap/window?city=chicago&last=6y"),
        Call(uri: "/api/v1/heatmap/window?city=chicago&last=6h&at=2017-06-01T10:30"),
        Call(uri: "/api/v1/heatmap/window?city=chicago&last=6h&at=2017-06-01T10:00Z"),
        Call(uri: "/api/v1/incidents?city=nyc"),
        Call(uri: "/api/v1/incidents?city=nyc&month=2017-13"),
        Call(uri: "/api/v1/incidents?city=nyc&month=2017-12&bbox=1,2,3"),
        Call(uri: "/api/v1/grids?city=chicago"),
        Call(uri: "/api/v1/grids?city=chicago&year=17"),
        Call(uri: "/api/v1/hotspots?city=chicago&window=6"),
        Call(uri: "/api/v1/hotspots?city=chicago&from=2017-06&to=2017-01"),
        Call(uri: "/api/v1/ingest/runs/abc/rejects"),
        Call(uri: "/api/v1/ingest/runs/1/rejects?limit=0"),
        Call(uri: "/api/v1/predict?city=chicago&area=1834&hour=25&day_of_week=0&month=1"),
        Call(uri: "/api/v1/forecast?city=chicago&week=2017-12-06"),
        Call(uri: "/api/v1/models"),
        Call(uri: "/api/v1/models/train/0"),
        Call(uri: "/api/v1/grids?city=Chicago&year=2017"),
        Call(uri: "/api/v1/areas/NYC/75"),
        Call(method: .post, uri: "/api/v1/ingest/loads", body: #"{"city":"nyc","path":"relative.csv"}"#, token: true),
        Call(method: .post, uri: "/api/v1/ingest/loads", body: "{", token: true),
        Call(method: .post, uri: "/api/v1/models/train", body: #"{"city":"chicago","kinds":["x"]}"#, token: true),
    ]

    @Test(arguments: badRequests)
    func badRequestsAre400BeforeAnyBackendCall(call: Call) async throws {
        try await send(call, expect: .badRequest, code: "INVALID_ARGUMENT")
    }

    @Test(arguments: [
        Call(method: .post, uri: "/api/v1/ingest/loads", body: #"{"city":"nyc","path":"/a.csv"}"#),
        Call(method: .post, uri: "/api/v1/models/train", body: #"{"city":"chicago"}"#),
    ])
    func writesWithoutABearerTokenAre401(call: Call) async throws {
        try await send(call, expect: .unauthorized, code: "UNAUTHENTICATED")
    }

    @Test(arguments: [
        Call(uri: "/api/v1/heatmap/window?city=chicago&last=7d"),
        Call(uri: "/api/v1/incidents?city=nyc&month=2017-12&category=F,M"),
        Call(uri: "/api/v1/grids?city=chicago&year=2017"),
        Call(uri: "/api/v1/hotspots?city=chicago&from=2017-01&to=2017-12&window=3"),
        Call(uri: "/api/v1/ingest/runs/7/rejects?limit=5"),
        Call(uri: "/api/v1/predict?city=chicago&area=1834&hour=3&day_of_week=0&month=5"),
        Call(uri: "/api/v1/forecast?city=chicago&week=2017-12-04"),
        Call(uri: "/api/v1/models?city=chicago"),
        Call(uri: "/api/v1/models/train/3"),
        Call(method: .post, uri: "/api/v1/ingest/loads", body: #"{"city":"nyc","path":"/a.csv"}"#, token: true),
        Call(method: .post, uri: "/api/v1/models/train", body: #"{"city":"chicago"}"#, token: true),
    ])
    func validRequestsReachTheBackendAndMapUnavailableTo503(call: Call) async throws {
        try await send(call, expect: .serviceUnavailable, code: "UNAVAILABLE")
    }

    @Test func theOpenAPIDocumentNamesExactlyTheServedRoutes() throws {
        let data = try #require(OpenAPIDocument.data)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let documented = Set(paths.flatMap { path, item in item.keys.map { "\($0.uppercased()) \(path)" } })
        // One parameterised route serves the closed set of exports; OpenAPI documents each.
        let exports = ExportController.views.keys.map { "GET /api/v1/export/\($0)" }
        let served = Set(Self.router().routes.flatMap { route -> [String] in
            let path = route.path.description.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }
            let served = "\(route.method.rawValue) /\(path.joined(separator: "/"))"
            return served == "GET /api/v1/export/{view}" ? exports : [served]
        }.filter { $0.contains(" /api/v1/") })
        #expect(documented == served, "only documented: \(documented.subtracting(served)); only served: \(served.subtracting(documented))")
        #expect(served.count >= 17)
        for (path, item) in paths {
            for (method, operation) in item {
                let responses = try #require((operation as? [String: Any])?["responses"] as? [String: Any])
                #expect(responses["200"] != nil || responses["202"] != nil, "\(method) \(path)")
                if path != "/api/v1/openapi.json" {
                    for status in ["400", "404", "429", "500", "503", "504"] { #expect(responses[status] != nil, "\(method) \(path) \(status)") }
                }
            }
        }
    }

    @Test(arguments: [
        Call(method: .delete, uri: "/api/v1/heatmap?city=chicago"),
        Call(method: .post, uri: "/api/v1/cities"),
        Call(method: .put, uri: "/api/v1/ingest/runs/7/rejects"),
        Call(method: .get, uri: "/api/v1/models/train"),
    ])
    func aServedPathUnderAnotherMethodIs405WithAllow(call: Call) async throws {
        try await send(call, expect: .methodNotAllowed, code: "METHOD_NOT_ALLOWED")
        let app = Application(router: Self.router())
        try await app.test(.router) { client in
            try await client.execute(uri: call.uri, method: call.method) { response in
                let allow = response.headers[.allow] ?? ""
                #expect(!allow.isEmpty && !allow.contains(call.method.rawValue), "\(call): Allow \(allow)")
            }
        }
    }

    @Test(arguments: [
        Call(uri: "/api/v1/no-such-thing"),
        Call(uri: "/api/v1/heatmap/window/extra"),
        Call(method: .post, uri: "/api/v2/heatmap"),
    ])
    func anUnknownPathIs404WithAJSONError(call: Call) async throws {
        try await send(call, expect: .notFound, code: "NOT_FOUND")
    }

    @Test func theAPIPageIsServed() async throws {
        let app = Application(router: Self.router())
        try await app.test(.router) { client in
            try await client.execute(uri: "/api", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(String(buffer: response.body).contains("/static/app/api.js"))
            }
        }
    }
}

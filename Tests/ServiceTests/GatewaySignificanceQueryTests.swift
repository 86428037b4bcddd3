import Contracts
import Foundation
@testable import GatewayCore
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// `GET /api/v1/hotspots/significance` in process with unreachable backends: bad parameters are
/// 400 INVALID_ARGUMENT before any call (a call would be 503), a good query reaches the heatmap
/// service (503 UNAVAILABLE here) with the request it should carry.
@Suite("Gateway significance query")
struct GatewaySignificanceQueryTests {
    static let badQueries = [
        "city=chicago&from=2017-01&to=2017-12",
        "city=chicago&units=beats&from=2017-01&to=2017-12",
        "city=chicago&units=areas&from=2017-12&to=2017-01",
        "city=chicago&units=areas&from=2017-1&to=2017-12",
        "city=chicago&units=areas&to=2017-12",
        "city=chicago&units=areas&from=1990-01&to=2017-12",
        "city=chicago&units=areas&from=2017-01&to=2017-12&alpha=0",
        "city=chicago&units=areas&from=2017-01&to=2017-12&alpha=0.51",
        "city=chicago&units=areas&from=2017-01&to=2017-12&alpha=1e-2",
        "city=chicago&units=areas&from=2017-01&to=2017-12&alpha=-0.1",
        "city=chicago&units=areas&from=2017-01&to=2017-12&window=3",
        "city=chicago&units=areas&units=hex&from=2017-01&to=2017-12",
        "city=Chicago&units=areas&from=2017-01&to=2017-12",
        "units=areas&from=2017-01&to=2017-12",
    ]

    func status(of query: String) async throws -> (HTTPResponse.Status, String) {
        let app = Application(router: GatewayAPIRouteTests.router())
        return try await app.test(.router) { client in
            try await client.execute(uri: "/api/v1/hotspots/significance?\(query)", method: .get) { response in
                let error = try JSONDecoder().decode(APIErrorBody.self, from: Data(String(buffer: response.body).utf8))
                return (response.status, error.error.code)
            }
        }
    }

    @Test(arguments: badQueries)
    func badParametersAre400BeforeAnyCall(query: String) async throws {
        let (status, code) = try await status(of: query)
        #expect(status == .badRequest, "\(query)")
        #expect(code == "INVALID_ARGUMENT", "\(query)")
    }

    @Test func aGoodQueryReachesTheHeatmapService() async throws {
        let (status, code) = try await status(of: "city=chicago&units=hex&from=2017-01&to=2017-12&alpha=.1&primary_type=THEFT")
        #expect(status == .serviceUnavailable && code == "UNAVAILABLE")
    }

    @Test func theQueryBecomesTheRPCRequest() throws {
        let pairs = [("city", "chicago"), ("units", "areas"), ("from", "2016-11"), ("to", "2017-02"), ("alpha", "0.01")]
        let query = try SignificanceQuery(QueryParameters(pairs: pairs, allowed: SignificanceQuery.names))
        #expect(query.request == SignificanceRequest(city: "chicago", fromMonth: "2016-11", toMonth: "2017-02", units: "areas",
                                                     alpha: 0.01))
        let defaulted = try SignificanceQuery(QueryParameters(pairs: Array(pairs.dropLast()), allowed: SignificanceQuery.names))
        #expect(defaulted.request.alpha == 0.05)
    }
}

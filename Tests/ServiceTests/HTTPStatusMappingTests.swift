@testable import GatewayCore
import Hummingbird
import Testing
@testable import Wire

@Suite("RPC status to HTTP status")
struct HTTPStatusMappingTests {
    @Test(arguments: [
        (StatusCode.invalidArgument, 400), (.notFound, 404), (.alreadyExists, 409), (.resourceExhausted, 429),
        (.unimplemented, 501), (.unavailable, 503), (.deadlineExceeded, 504), (.internalError, 500),
        (.unauthenticated, 401), (.permissionDenied, 403), (.dataLoss, 500), (.unknown, 500),
    ])
    func mapsEachCode(code: StatusCode, http: Int) {
        #expect(HTTPStatusMapping.status(for: code).code == http)
    }
}

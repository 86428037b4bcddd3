import Contracts
import Foundation
import Hummingbird
import Wire

/// An error the API reports as `{ "error": { "code": …, "message": … } }` with a mapped status.
package struct APIError: HTTPResponseError, Sendable {
    package var status: HTTPResponse.Status
    /// gRPC status name (`INVALID_ARGUMENT`) or an HTTP-level code (`NOT_FOUND`).
    package var code: String
    package var message: String
    /// The backend's ``StatusReason`` without its prefix (`REPLICA_BEHIND`, `POSITION_NOT_WRITTEN`),
    /// for clients to act on without reading the message; nil when it gave none.
    package var reason: String?

    package init(status: HTTPResponse.Status, code: String, message: String, reason: String? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.reason = reason
    }

    /// The HTTP form of a backend's RPC error.
    package init(_ error: RPCError) {
        let reason = error.reason == .unspecified ? nil : String(error.reason.name.trimmingPrefix("STATUS_REASON_"))
        self.init(status: HTTPStatusMapping.status(for: error.code), code: error.code.name, message: error.message, reason: reason)
    }

    package func response(from request: Request, context: some RequestContext) throws -> Response {
        let data = try JSONEncoder().encode(APIErrorBody(error: .init(code: code, message: message, reason: reason)))
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        // RFC 6750: a 401 names the scheme the caller must use (writes take the bearer token).
        if status == .unauthorized { headers[.wwwAuthenticate] = #"Bearer realm="CrimeScope""# }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The JSON shape of every API error.
struct APIErrorBody: Codable, Sendable, Equatable {
    struct Detail: Codable, Sendable, Equatable {
        var code: String
        var message: String
        /// Present only when the backend gave a reason (see ``APIError/reason``).
        var reason: String?
    }

    var error: Detail
}

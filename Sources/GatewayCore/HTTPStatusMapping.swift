import HTTPTypes
import Wire

/// The one table that turns an RPC status into an HTTP status.
enum HTTPStatusMapping {
    static func status(for code: StatusCode) -> HTTPResponse.Status {
        switch code {
        case .ok: .ok
        case .invalidArgument, .outOfRange, .failedPrecondition: .badRequest
        case .unauthenticated: .unauthorized
        case .permissionDenied: .forbidden
        case .notFound: .notFound
        case .alreadyExists, .aborted: .conflict
        case .resourceExhausted: .tooManyRequests
        case .unimplemented: .notImplemented
        case .unavailable: .serviceUnavailable
        case .deadlineExceeded: .gatewayTimeout
        default: .internalServerError
        }
    }
}

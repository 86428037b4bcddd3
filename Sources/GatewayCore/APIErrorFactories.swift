import Hummingbird
import Wire

extension APIError {
    /// `400 INVALID_ARGUMENT` for a request the gateway refuses before calling a backend.
    static func invalidArgument(_ message: String) -> APIError {
        APIError(status: .badRequest, code: "INVALID_ARGUMENT", message: message)
    }

    /// The API form of any error a backend call threw: RPC errors through ``HTTPStatusMapping``,
    /// anything else as `503 UNAVAILABLE`.
    static func fromBackend(_ error: any Error, backend: String) -> APIError {
        if let error = error as? APIError { return error }
        if let error = error as? RPCError { return APIError(error) }
        return APIError(status: .serviceUnavailable, code: "UNAVAILABLE", message: "\(backend): \(error)")
    }
}

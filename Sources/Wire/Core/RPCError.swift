import Contracts

/// The error of a failed call: a status code, a message for humans, a reason a client can act on
/// (``StatusReason``: e.g. a replica that is only behind, not down), and optionally the error that
/// caused it (kept locally, never sent on the wire).
///
/// Every error `RPCClient.call` throws is an `RPCError`. On the server, handlers throw it (or a
/// domain error adopting ``RPCErrorConvertible``) to choose the status the caller sees.
package struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status code.
    package var code: StatusCode
    /// A message for humans, sent to the caller as the status message.
    package var message: String
    /// Why, for clients to act on without reading ``message``; `.unspecified` for most errors.
    package var reason: StatusReason
    /// The underlying error, if any; local only.
    package var cause: (any Error)?

    /// An error with `code`, `message` and `reason`, optionally wrapping `cause`.
    package init(_ code: StatusCode, _ message: String, reason: StatusReason = .unspecified, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.reason = reason
        self.cause = cause
    }

    /// An error with `code` and `message`, optionally wrapping `cause`.
    package init(code: StatusCode, message: String, cause: (any Error)? = nil) {
        self.init(code, message, cause: cause)
    }

    /// Equal when code, message and reason are; the cause is not compared.
    package static func == (lhs: RPCError, rhs: RPCError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.reason == rhs.reason
    }

    /// A healthy replica that has not reached the position a read asked for (UNAVAILABLE with
    /// ``StatusReason/replicaBehind``): the client tries another replica without taking this one
    /// out of rotation.
    var isReplicaBehind: Bool { code == .unavailable && reason == .replicaBehind }

    package var description: String {
        if let cause { return "\(code.name): \(message) (cause: \(cause))" }
        return "\(code.name): \(message)"
    }
}

/// A domain error that knows which status it should reach the caller with.
///
/// ```swift
/// enum BeatError: RPCErrorConvertible {
///     case unknownBeat(String)
///     var rpcError: RPCError {
///         switch self { case .unknownBeat(let id): RPCError(.notFound, "no beat \(id)") }
///     }
/// }
/// ```
package protocol RPCErrorConvertible: Error {
    /// The status and message the caller sees.
    var rpcError: RPCError { get }
}

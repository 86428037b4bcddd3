/// The error of a failed call: a status code, a message for humans, and optionally the error
/// that caused it (kept locally, never sent on the wire).
///
/// Every error `RPCClient.call` throws is an `RPCError`. On the server, handlers throw it (or a
/// domain error adopting ``RPCErrorConvertible``) to choose the status the caller sees.
package struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status code.
    package var code: StatusCode
    /// A message for humans, sent to the caller as the status message.
    package var message: String
    /// The underlying error, if any; local only.
    package var cause: (any Error)?

    /// An error with `code` and `message`, optionally wrapping `cause`.
    package init(_ code: StatusCode, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// An error with `code` and `message`, optionally wrapping `cause`.
    package init(code: StatusCode, message: String, cause: (any Error)? = nil) {
        self.init(code, message, cause: cause)
    }

    /// Equal when code and message are; the cause is not compared.
    package static func == (lhs: RPCError, rhs: RPCError) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message
    }

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

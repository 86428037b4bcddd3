import Wire

/// Why an ingest request cannot be served, with the status the caller sees.
package enum IngestError: Error, RPCErrorConvertible, CustomStringConvertible, Equatable {
    /// The request itself is wrong (unknown city, format that does not fit the city, no input…).
    case invalidArgument(String)
    /// A run, or a file on the server, does not exist.
    case notFound(String)
    /// The request is well formed but cannot run now.
    case failedPrecondition(String)
    /// The format is part of the contract but not loaded by this service yet.
    case unimplemented(String)

    package var rpcError: RPCError {
        switch self {
        case .invalidArgument(let message): RPCError(code: .invalidArgument, message: message)
        case .notFound(let message): RPCError(code: .notFound, message: message)
        case .failedPrecondition(let message): RPCError(code: .failedPrecondition, message: message)
        case .unimplemented(let message): RPCError(code: .unimplemented, message: message)
        }
    }

    package var description: String { rpcError.message }
}

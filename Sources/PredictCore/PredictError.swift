import Wire

/// The predict service's domain errors, each with the RPC status it becomes.
enum PredictError: Error, RPCErrorConvertible, CustomStringConvertible, Equatable {
    /// The request is wrong (hour out of range, unknown kind…).
    case invalidArgument(String)
    /// The city, area, model or job does not exist.
    case notFound(String)
    /// The request is well formed but cannot be served now (no trained model, too little data).
    case failedPrecondition(String)
    /// A training of the city is already running (here or on another replica).
    case alreadyExists(String)
    /// The work lost its claim (a training lease that expired and was taken over).
    case aborted(String)

    var rpcError: RPCError {
        switch self {
        case .invalidArgument(let message): RPCError(code: .invalidArgument, message: message)
        case .notFound(let message): RPCError(code: .notFound, message: message)
        case .failedPrecondition(let message): RPCError(code: .failedPrecondition, message: message)
        case .alreadyExists(let message): RPCError(code: .alreadyExists, message: message)
        case .aborted(let message): RPCError(code: .aborted, message: message)
        }
    }

    var description: String { rpcError.message }
}

import Logging

extension RPCError {
    /// The status a caller sees for an error a handler threw.
    ///
    /// ``RPCError`` and ``RPCErrorConvertible`` errors choose their own status; a
    /// `CancellationError` is CANCELLED; anything else is logged here and becomes INTERNAL with a
    /// generic message, so that no internal detail leaks to callers.
    init(mappingHandlerError error: any Error, logger: Logger) {
        switch error {
        case let error as RPCError:
            self = error
        case let error as any RPCErrorConvertible:
            self = error.rpcError
        case is CancellationError:
            self.init(.cancelled, "the call was cancelled", cause: error)
        default:
            logger.error("handler failed", metadata: ["error": "\(String(reflecting: error))"])
            self.init(.internalError, "internal error", cause: error)
        }
    }
}

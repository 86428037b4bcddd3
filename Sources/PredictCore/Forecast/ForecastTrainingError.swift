import Wire

/// Why the forecast cannot be trained.
public enum ForecastTrainingError: Error, Sendable, Equatable, RPCErrorConvertible {
    /// Too few weeks to train, validate and test.
    case tooShort(weeks: Int)

    public var rpcError: RPCError {
        switch self {
        case .tooShort(let weeks):
            RPCError(.failedPrecondition, "the forecast needs at least 20 whole weeks of data to train, validate and test; there are \(weeks)")
        }
    }
}

import Metrics
import Synchronization

/// swift-metrics instruments of one side of the wire, created once per (method, code) and cached.
///
/// With `side` = `server` (and likewise `client`):
/// - `rpc_server_calls_total` (counter; dimensions `method`, `code`): every finished call.
/// - `rpc_server_errors_total` (counter; dimensions `method`, `code`): calls whose code is not OK.
/// - `rpc_server_duration_seconds` (timer, displayed in seconds; dimension `method`): on the
///   server, from reading the request frame to finishing the call; on the client, the whole call
///   as the caller sees it.
///
/// On the server `method` is the full method name for registered methods and `unknown`
/// otherwise, so that callers cannot grow the label set without bound; a client's methods are
/// the constants its code calls.
final class CallMetrics: Sendable {
    private struct Key: Hashable {
        let method: String
        let code: Int32
    }

    private struct Instruments {
        var counters: [Key: (calls: Counter, errors: Counter?)] = [:]
        var timers: [String: Metrics.Timer] = [:]
    }

    private let instruments = Mutex(Instruments())
    /// The factory of the instruments; nil means the global `MetricsSystem.factory` (read when an
    /// instrument is first needed, so bootstrapping after creating the server still works).
    private let factory: (any MetricsFactory)?

    private let callsLabel: String
    private let errorsLabel: String
    private let durationLabel: String

    /// - Parameter side: `server` or `client`, the middle of each metric's name.
    init(side: String, factory: (any MetricsFactory)? = nil) {
        self.factory = factory
        callsLabel = "rpc_\(side)_calls_total"
        errorsLabel = "rpc_\(side)_errors_total"
        durationLabel = "rpc_\(side)_duration_seconds"
    }

    /// Records one finished call.
    func record(method: String, code: StatusCode, durationNanoseconds: Int64) {
        let (calls, errors, timer) = instruments.withLock { state in
            let factory = self.factory ?? MetricsSystem.factory
            let key = Key(method: method, code: code.rawValue)
            let pair = state.counters[key] ?? {
                let dimensions = [("method", method), ("code", code.name)]
                let made = (calls: Counter(label: callsLabel, dimensions: dimensions, factory: factory),
                            errors: code == .ok ? nil : Counter(label: errorsLabel, dimensions: dimensions, factory: factory))
                state.counters[key] = made
                return made
            }()
            let timer = state.timers[method] ?? {
                let made = Metrics.Timer(label: durationLabel, dimensions: [("method", method)],
                                         preferredDisplayUnit: .seconds, factory: factory)
                state.timers[method] = made
                return made
            }()
            return (pair.calls, pair.errors, timer)
        }
        calls.increment()
        errors?.increment()
        timer.recordNanoseconds(durationNanoseconds)
    }
}

import Metrics
import Synchronization

/// The server's swift-metrics instruments, created once per (method, code) and cached.
///
/// - `rpc_server_calls_total` (counter; dimensions `method`, `code`): every finished call.
/// - `rpc_server_errors_total` (counter; dimensions `method`, `code`): calls whose code is not OK.
/// - `rpc_server_duration_seconds` (timer, displayed in seconds; dimension `method`): time from
///   reading the request frame to finishing the call.
///
/// `method` is the full method name for registered methods and `unknown` otherwise, so that
/// callers cannot grow the label set without bound.
final class ServerMetrics: Sendable {
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

    init(factory: (any MetricsFactory)? = nil) { self.factory = factory }

    /// Records one finished call.
    func record(method: String, code: StatusCode, durationNanoseconds: Int64) {
        let (calls, errors, timer) = instruments.withLock { state in
            let factory = self.factory ?? MetricsSystem.factory
            let key = Key(method: method, code: code.rawValue)
            let pair = state.counters[key] ?? {
                let dimensions = [("method", method), ("code", code.name)]
                let made = (calls: Counter(label: "rpc_server_calls_total", dimensions: dimensions, factory: factory),
                            errors: code == .ok ? nil : Counter(label: "rpc_server_errors_total", dimensions: dimensions, factory: factory))
                state.counters[key] = made
                return made
            }()
            let timer = state.timers[method] ?? {
                let made = Metrics.Timer(label: "rpc_server_duration_seconds", dimensions: [("method", method)],
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

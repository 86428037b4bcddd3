import CoreMetrics
import Synchronization

/// A metrics factory that keeps every value, keyed by `label{dim=value,…}` (dimensions sorted).
final class RecordingMetrics: MetricsFactory, Sendable {
    private let values = Mutex<[String: [Int64]]>([:])

    /// Every value recorded under `key`.
    func values(_ key: String) -> [Int64] { values.withLock { $0[key] ?? [] } }

    /// All keys, sorted.
    var keys: [String] { values.withLock { $0.keys.sorted() } }

    private func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        let dims = dimensions.sorted { $0.0 < $1.0 }.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
        return "\(label){\(dims)}"
    }

    fileprivate func append(_ value: Int64, to key: String) {
        values.withLock { $0[key, default: []].append(value) }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        Handler(key: key(label, dimensions), metrics: self)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Handler(key: key(label, dimensions), metrics: self)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Handler(key: key(label, dimensions), metrics: self)
    }

    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}

    private final class Handler: CounterHandler, RecorderHandler, TimerHandler, Sendable {
        let key: String
        let metrics: RecordingMetrics
        init(key: String, metrics: RecordingMetrics) {
            self.key = key
            self.metrics = metrics
        }
        func increment(by amount: Int64) { metrics.append(amount, to: key) }
        func reset() {}
        func record(_ value: Int64) { metrics.append(value, to: key) }
        func record(_ value: Double) { metrics.append(Int64(value), to: key) }
        func recordNanoseconds(_ duration: Int64) { metrics.append(duration, to: key) }
    }
}

import Logging
import Metrics
import Prometheus
import Synchronization

/// Process-wide logging and metrics set-up: swift-log to stderr, swift-metrics to a
/// Prometheus registry whose text the Ops/ScrapeMetrics RPC (or the gateway's /metrics) serves.
package enum Observability {
    private static let state = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Bootstraps logging and metrics once per process; later calls return the same registry.
    @discardableResult
    package static func bootstrap(logLevel: Logger.Level) -> PrometheusCollectorRegistry {
        state.withLock { registry in
            if let registry { return registry }
            let created = PrometheusCollectorRegistry()
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = logLevel
                return handler
            }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: created))
            registry = created
            return created
        }
    }

    /// The registry if ``bootstrap(logLevel:)`` ran, otherwise a fresh empty one (tests).
    package static var registry: PrometheusCollectorRegistry {
        state.withLock { $0 } ?? PrometheusCollectorRegistry()
    }
}

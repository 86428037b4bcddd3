import Contracts
import Prometheus
import Wire

/// The RPCs every CrimeScope service serves: Health/Check and Ops/ScrapeMetrics.
package enum StandardHandlers {
    /// Registers Health/Check answering from `board`; an unknown service name is NOT_FOUND,
    /// as in grpc.health.v1.
    package static func registerHealth(on router: inout RPCRouter, board: HealthStatusBoard) {
        router.register(Methods.Health.check) { (request: HealthCheckRequest, _: ServerContext) in
            guard let status = board.status(of: request.service) else {
                throw RPCError(code: .notFound, message: "unknown service '\(request.service)'")
            }
            let lag = board.currentLag
            return HealthCheckResponse(status: status, behindDeltas: lag.deltas, behindSeconds: lag.seconds, role: board.role)
        }
    }

    /// Registers Ops/ScrapeMetrics emitting `registry` in the Prometheus text format.
    package static func registerMetrics(on router: inout RPCRouter, registry: PrometheusCollectorRegistry) {
        router.register(Methods.Ops.scrapeMetrics) { (_: ScrapeMetricsRequest, _: ServerContext) in
            ScrapeMetricsResponse(exposition: registry.emitToString())
        }
    }
}

import Contracts
import Hummingbird
import Prometheus
import Wire

/// `GET /metrics` (the gateway's own) and `GET /metrics/{ingest|heatmap|predict}` (a
/// backend's, fetched over its Ops/ScrapeMetrics RPC). Each is one valid exposition.
struct MetricsController: Sendable {
    var backends: Backends
    var registry: PrometheusCollectorRegistry

    init(backends: Backends, registry: PrometheusCollectorRegistry) {
        self.backends = backends
        self.registry = registry
    }

    func register(on router: Router<GatewayRequestContext>) {
        router.get("/metrics") { _, _ in
            Self.text(registry.emitToString())
        }
        router.get("/metrics/:service") { _, context in
            let name = try context.parameters.require("service")
            guard let backend = backends.named.first(where: { $0.name == name }) else {
                throw APIError(status: .notFound, code: "NOT_FOUND", message: "no backend named '\(name)'; try ingest, heatmap or predict")
            }
            do {
                let reply = try await backend.client.call(
                    Methods.Ops.scrapeMetrics, ScrapeMetricsRequest(),
                    metadata: context.callMetadata)
                return Self.text(reply.exposition)
            } catch let error as RPCError {
                throw APIError(error)
            }
        }
    }

    static func text(_ body: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
            body: .init(byteBuffer: ByteBuffer(string: body))
        )
    }
}

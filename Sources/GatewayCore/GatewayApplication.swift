import Hummingbird
import Logging
import Prometheus
import ServiceLifecycle
import Wire

/// Builds the gateway's HTTP application: middleware, the map page, static files, the JSON
/// API under `/api/v1/`, health and metrics.
package enum GatewayApplication {
    /// `responseCache`: when given, the heatmap's reads are answered from it (see
    /// ``ResponseCacheMiddleware``); something must keep its position current.
    static func makeRouter(configuration: GatewayConfiguration, backends: Backends,
                                  registry: PrometheusCollectorRegistry,
                                  responseCache: ResponseCache? = nil) -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(tileURL: configuration.tileURL,
                                                          embedFrameAncestors: configuration.embedFrameAncestors))
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: TraceContextMiddleware())
        router.add(middleware: MetricsMiddleware())
        if !configuration.corsOrigins.isEmpty {
            router.add(middleware: AllowedOriginsMiddleware(origins: configuration.corsOrigins))
        }
        if let responseCache {
            router.add(middleware: ResponseCacheMiddleware(cache: responseCache))
        }
        MapPageController(tileURL: configuration.tileURL).register(on: router)
        EmbedPageController(tileURL: configuration.tileURL).register(on: router)
        MethodologyPageController().register(on: router)
        StaticFileController(vendorDirectory: configuration.vendorJSDirectory).register(on: router)
        APIController(backends: backends, callTimeout: configuration.callTimeout, positions: responseCache).register(on: router)
        HealthzController(backends: backends).register(on: router)
        MetricsController(backends: backends, registry: registry).register(on: router)
        router.add(middleware: UnmatchedRouteMiddleware(routes: router.routes))
        return router
    }

    package static func make(configuration: GatewayConfiguration, backends: Backends,
                            registry: PrometheusCollectorRegistry, logger: Logger) -> some ApplicationProtocol {
        // The heatmap's reads are cached per heatmap position; a long poll per replica (per resolved address) keeps it current.
        let cache = ResponseCache()
        let services: [any Service] = [
            HeatmapPositionWatcher(endpoints: configuration.heatmap, cache: cache,
                                   clientConfiguration: RPCClientConfiguration(maxFrameBytes: configuration.maxFrameBytes), logger: logger),
        ]
        return Application(
            router: makeRouter(configuration: configuration, backends: backends, registry: registry, responseCache: cache),
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "CrimeScope"),
            services: services,
            logger: logger
        )
    }
}

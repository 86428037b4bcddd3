import Hummingbird
import Logging
import Prometheus

/// Builds the gateway's HTTP application: middleware, the map page, static files, the JSON
/// API under `/api/v1/`, health and metrics.
public enum GatewayApplication {
    public static func makeRouter(configuration: GatewayConfiguration, backends: Backends,
                                  registry: PrometheusCollectorRegistry) -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware(tileURL: configuration.tileURL))
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: TraceContextMiddleware())
        router.add(middleware: MetricsMiddleware())
        if !configuration.corsOrigins.isEmpty {
            router.add(middleware: AllowedOriginsMiddleware(origins: configuration.corsOrigins))
        }
        MapPageController(tileURL: configuration.tileURL).register(on: router)
        MethodologyPageController().register(on: router)
        StaticFileController(vendorDirectory: configuration.vendorJSDirectory).register(on: router)
        APIController(backends: backends, callTimeout: configuration.callTimeout).register(on: router)
        HealthzController(backends: backends).register(on: router)
        MetricsController(backends: backends, registry: registry).register(on: router)
        router.add(middleware: UnmatchedRouteMiddleware(routes: router.routes))
        return router
    }

    public static func make(configuration: GatewayConfiguration, backends: Backends,
                            registry: PrometheusCollectorRegistry, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: makeRouter(configuration: configuration, backends: backends, registry: registry),
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "CrimeScope"),
            logger: logger
        )
    }
}

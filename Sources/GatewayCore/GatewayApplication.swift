import Hummingbird
import Logging
import Prometheus

/// Builds the gateway's HTTP application: middleware, health, metrics and (later) the API
/// and the web UI.
public enum GatewayApplication {
    public static func makeRouter(backends: Backends, registry: PrometheusCollectorRegistry) -> Router<GatewayRequestContext> {
        let router = Router(context: GatewayRequestContext.self)
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware())
        LandingPageController().register(on: router)
        HealthzController(backends: backends).register(on: router)
        MetricsController(backends: backends, registry: registry).register(on: router)
        return router
    }

    public static func make(configuration: GatewayConfiguration, backends: Backends,
                            registry: PrometheusCollectorRegistry, logger: Logger) -> some ApplicationProtocol {
        Application(
            router: makeRouter(backends: backends, registry: registry),
            configuration: .init(address: .hostname(configuration.httpHost, port: configuration.httpPort), serverName: "CrimeScope"),
            logger: logger
        )
    }
}

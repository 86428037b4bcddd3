import ArgumentParser
import Wire

/// `--heatmap-endpoint`: where the gateway (its map reads) and the predict service (the weekly
/// series the beat forecast learns from) find the heatmap service.
package struct HeatmapEndpointOptions: ParsableArguments, Sendable {
    @Option(name: .customLong("heatmap-endpoint"),
            help: "Heatmap service address, unix:///path.sock or tcp://host:port; several replicas comma-separated (env CRIMESCOPE_HEATMAP_ENDPOINT).")
    var heatmapEndpoint: String?

    package init() {}

    /// The endpoint from the flag, then the environment; required. The first replica when the
    /// setting lists several (for one-shot commands).
    package func resolve(environment: [String: String]) throws(ConfigurationError) -> Endpoint {
        try SettingKey("heatmap-endpoint").requireEndpoint(flag: heatmapEndpoint, environment: environment)
    }

    /// Every replica the setting lists (comma-separated), for a long-running client.
    package func resolveReplicas(environment: [String: String]) throws(ConfigurationError) -> [Endpoint] {
        try SettingKey("heatmap-endpoint").requireEndpoints(flag: heatmapEndpoint, environment: environment)
    }
}

import ArgumentParser
import ServiceKit
import Wire

/// Where the predict service finds the heatmap service whose weekly series the forecast learns from.
struct HeatmapEndpointOptions: ParsableArguments {
    @Option(name: .customLong("heatmap-endpoint"),
            help: "Heatmap service address, unix:///path.sock or tcp://host:port (env CRIMESCOPE_HEATMAP_ENDPOINT).")
    var heatmapEndpoint: String?

    /// The endpoint from the flag, then the environment; required.
    func resolve(environment: [String: String]) throws(ConfigurationError) -> Endpoint {
        try SettingKey("heatmap-endpoint").requireEndpoint(flag: heatmapEndpoint, environment: environment)
    }
}

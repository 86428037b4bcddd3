import ArgumentParser
import Wire

/// `--ingest-endpoint`: where the heatmap service (its outbox consumer) and the predict service
/// (its training rows) find the ingest service.
package struct IngestEndpointOptions: ParsableArguments {
    @Option(name: .customLong("ingest-endpoint"),
            help: "Ingest service address, unix:///path.sock or tcp://host:port; several replicas comma-separated (env CRIMESCOPE_INGEST_ENDPOINT).")
    package var ingestEndpoint: String?

    package init() {}

    /// The endpoint from the flag, then the environment; required. The first replica when the
    /// setting lists several (for one-shot commands).
    package func resolve(environment: [String: String]) throws(ConfigurationError) -> Endpoint {
        try SettingKey("ingest-endpoint").requireEndpoint(flag: ingestEndpoint, environment: environment)
    }

    /// Every replica the setting lists (comma-separated), for a long-running client.
    package func resolveReplicas(environment: [String: String]) throws(ConfigurationError) -> [Endpoint] {
        try SettingKey("ingest-endpoint").requireEndpoints(flag: ingestEndpoint, environment: environment)
    }
}

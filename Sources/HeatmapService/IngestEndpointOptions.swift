import ArgumentParser
import ServiceKit
import Wire

/// Where the heatmap finds the ingest service whose outbox it consumes.
struct IngestEndpointOptions: ParsableArguments {
    @Option(name: .customLong("ingest-endpoint"),
            help: "Ingest service address, unix:///path.sock or tcp://host:port (env CRIMESCOPE_INGEST_ENDPOINT).")
    var ingestEndpoint: String?

    /// The endpoint from the flag, then the environment; required.
    func resolve(environment: [String: String]) throws(ConfigurationError) -> Endpoint {
        try SettingKey("ingest-endpoint").requireEndpoint(flag: ingestEndpoint, environment: environment)
    }
}

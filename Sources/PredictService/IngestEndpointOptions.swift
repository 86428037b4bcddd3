import ArgumentParser
import ServiceKit
import Wire

/// Where the predict service finds the ingest service it takes training rows from.
struct IngestEndpointOptions: ParsableArguments {
    @Option(name: .customLong("ingest-endpoint"),
            help: "Ingest service address, unix:///path.sock or tcp://host:port (env CRIMESCOPE_INGEST_ENDPOINT).")
    var ingestEndpoint: String?

    /// The endpoint from the flag, then the environment; required.
    func resolve(environment: [String: String]) throws(ConfigurationError) -> Endpoint {
        try SettingKey("ingest-endpoint").requireEndpoint(flag: ingestEndpoint, environment: environment)
    }
}

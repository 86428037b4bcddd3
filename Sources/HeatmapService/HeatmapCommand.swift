import BackendKit
import ArgumentParser
import HeatmapCore
import ServiceKit

/// `heatmap`: the CrimeScope heatmap service.
@main
struct HeatmapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "heatmap",
        abstract: "The CrimeScope heatmap service.",
        subcommands: [Serve.self, BackendHealthcheckCommand.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the heatmap RPC API until SIGTERM or SIGINT.")

        @OptionGroup var options: BackendOptions
        @OptionGroup var ingest: IngestEndpointOptions
        @OptionGroup var tuning: HeatmapTuningOptions

        func run() async throws {
            let environment = ProcessEnvironment.current
            let configuration = try options.resolve(environment: environment)
            let ingestEndpoints = try ingest.resolveReplicas(environment: environment)
            let (consumer, snapshots) = try tuning.resolve(environment: environment)
            try await BackendHost(definition: HeatmapBackend.definition(ingestEndpoints: ingestEndpoints, consumer: consumer,
                                                                        snapshots: snapshots),
                                  configuration: configuration).run()
        }
    }
}

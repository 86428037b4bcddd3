import BackendKit
import ArgumentParser
import PredictCore
import ServiceKit

/// `predict`: the CrimeScope predict service.
@main
struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "The CrimeScope predict service.",
        subcommands: [Serve.self, TrainCommand.self, TrainForecastCommand.self, EvaluateCommand.self,
                      BackendHealthcheckCommand.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the predict RPC API until SIGTERM or SIGINT.")

        @OptionGroup var options: BackendOptions
        @OptionGroup var ingest: IngestEndpointOptions
        @OptionGroup var heatmap: HeatmapEndpointOptions

        func run() async throws {
            let environment = ProcessEnvironment.current
            let configuration = try options.resolve(environment: environment)
            let definition = PredictBackend.definition(ingestEndpoints: try ingest.resolveReplicas(environment: environment),
                                                       heatmapEndpoints: try heatmap.resolveReplicas(environment: environment))
            try await BackendHost(definition: definition, configuration: configuration).run()
        }
    }
}

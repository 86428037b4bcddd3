import ArgumentParser
import BackendKit
import Postgres
import PredictCore
import ServiceKit

/// `predict`: the CrimeScope predict service.
@main
struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "The CrimeScope predict service.",
        subcommands: [Serve.self, TrainCommand.self, TrainForecastCommand.self, EvaluateCommand.self, EvaluateForecastCommand.self,
                      BackendHealthcheckCommand.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the predict RPC API until SIGTERM or SIGINT.")

        @OptionGroup var options: BackendOptions
        @OptionGroup var ingest: IngestEndpointOptions
        @OptionGroup var heatmap: HeatmapEndpointOptions

        @Option(name: .customLong("model-reload-seconds"),
                help: "How often to look for models another replica or 'predict train' saved (env CRIMESCOPE_MODEL_RELOAD_SECONDS; default 30).")
        var modelReloadSeconds: Int?

        func run() async throws {
            let environment = ProcessEnvironment.current
            let configuration = try options.resolve(environment: environment)
            let reload = try SettingKey("model-reload-seconds").integer(flag: modelReloadSeconds, environment: environment, default: 30)
            guard reload >= 1 else { throw ValidationError("--model-reload-seconds must be at least 1") }
            let definition = PredictBackend.definition(ingestEndpoints: try ingest.resolveReplicas(environment: environment),
                                                       heatmapEndpoints: try heatmap.resolveReplicas(environment: environment),
                                                       modelReloadInterval: .seconds(reload))
            try await BackendHost(definition: definition, configuration: configuration).run()
        }
    }
}

extension DatabaseOptions {
    /// A small pool on the database with the predict migrations applied.
    func migratedPool() async throws -> PostgresPool {
        try await migratedPool(schema: "predict", migrationsDirectory: PredictBackend.migrationsDirectory)
    }
}

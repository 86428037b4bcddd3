import ArgumentParser
import PredictCore
import ServiceKit

/// `predict`: the CrimeScope predict service.
@main
struct PredictCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "The CrimeScope predict service.",
        subcommands: [Serve.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the predict RPC API until SIGTERM or SIGINT.")

        @OptionGroup var options: BackendOptions

        func run() async throws {
            let configuration = try options.resolve(environment: ProcessEnvironment.current)
            try await BackendHost(definition: PredictBackend.definition, configuration: configuration).run()
        }
    }
}

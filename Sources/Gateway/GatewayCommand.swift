import ArgumentParser
import GatewayCore
import Hummingbird
import Logging
import ServiceKit
import UnixSignals

/// `gateway`: HTTP/JSON in front of the CrimeScope RPC services, and the web UI.
@main
struct GatewayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gateway",
        abstract: "The CrimeScope HTTP gateway.",
        subcommands: [Serve.self, GatewayHealthcheckCommand.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve HTTP until SIGTERM or SIGINT.")

        @OptionGroup var options: GatewayOptions

        func run() async throws {
            let configuration = try options.resolve(environment: ProcessEnvironment.current)
            let registry = Observability.bootstrap(logLevel: configuration.logLevel)
            var logger = Logger(label: "crimescope.gateway")
            logger.logLevel = configuration.logLevel
            let backends = Backends(configuration: configuration)
            let app = GatewayApplication.make(configuration: configuration, backends: backends, registry: registry, logger: logger)
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
            await backends.close()
        }
    }
}

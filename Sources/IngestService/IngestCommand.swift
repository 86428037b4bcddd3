import ArgumentParser
import BackendKit
import IngestCore
import Postgres
import ServiceKit

/// `ingest`: the CrimeScope ingest service.
@main
struct IngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "The CrimeScope ingest service.",
        subcommands: [Serve.self, LoadCommand.self, PullCommand.self, RunsCommand.self, RejectsCommand.self,
                      BackendHealthcheckCommand.self],
        defaultSubcommand: Serve.self
    )

    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Serve the ingest RPC API until SIGTERM or SIGINT.")

        @OptionGroup var options: BackendOptions

        func run() async throws {
            let configuration = try options.resolve(environment: ProcessEnvironment.current)
            try await BackendHost(definition: IngestBackend.definition, configuration: configuration).run()
        }
    }
}

extension DatabaseOptions {
    /// A small pool on the database with the ingest migrations applied.
    func migratedPool() async throws -> PostgresPool {
        try await migratedPool(schema: "ingest", migrationsDirectory: IngestBackend.migrationsDirectory)
    }
}

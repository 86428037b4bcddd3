import Contracts
import Foundation
import ServiceKit

/// The ingest service as the host runs it: schema `ingest`, its migrations and handlers.
public enum IngestBackend {
    public static let definition = BackendDefinition(
        name: "ingest",
        schema: "ingest",
        serviceNames: [MethodNames.Ingest.service],
        migrationsDirectory: migrationsDirectory,
        assemble: { _, _ in [] }
    )

    /// The service's ordered SQL migrations, shipped as a resource folder.
    public static var migrationsDirectory: URL {
        Bundle.module.url(forResource: "Migrations", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Migrations")
    }
}

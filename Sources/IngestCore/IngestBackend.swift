import BackendKit
import Contracts
import Foundation
import ServiceKit

/// The ingest service as the host runs it: schema `ingest`, its migrations and handlers.
package enum IngestBackend {
    package static let definition = BackendDefinition(
        name: "ingest",
        schema: "ingest",
        serviceNames: [Methods.Ingest.serviceName],
        migrationsDirectory: migrationsDirectory,
        assemble: { context, router in
            let store = IngestStore(pool: context.pool, readPool: context.readPool)
            IngestHandlers(loader: IngestLoader(databaseURL: context.configuration.databaseURL, logger: context.logger),
                           store: store, writeAuthorization: context.writeAuthorization)
                .register(on: &router)
            return [AbandonedRunSweeper(store: store, logger: context.logger)]
        }
    )

    /// The service's ordered SQL migrations, shipped as a resource folder.
    package static var migrationsDirectory: URL {
        Bundle.module.url(forResource: "Migrations", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Migrations")
    }
}

import Contracts
import Foundation
import ServiceKit

/// The predict service as the host runs it: schema `predict`, its migrations and handlers.
public enum PredictBackend {
    public static let definition = BackendDefinition(
        name: "predict",
        schema: "predict",
        serviceNames: [MethodNames.Predict.service],
        migrationsDirectory: migrationsDirectory,
        assemble: { _, _ in [] }
    )

    /// The service's ordered SQL migrations, shipped as a resource folder.
    public static var migrationsDirectory: URL {
        Bundle.module.url(forResource: "Migrations", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Migrations")
    }
}

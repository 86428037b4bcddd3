import Contracts
import Foundation
import ServiceKit

/// The heatmap service as the host runs it: schema `heatmap`, its migrations and handlers.
public enum HeatmapBackend {
    public static let definition = BackendDefinition(
        name: "heatmap",
        schema: "heatmap",
        serviceNames: [MethodNames.Heatmap.service],
        migrationsDirectory: migrationsDirectory,
        assemble: { _, _ in [] }
    )

    /// The service's ordered SQL migrations, shipped as a resource folder.
    public static var migrationsDirectory: URL {
        Bundle.module.url(forResource: "Migrations", withExtension: nil)
            ?? Bundle.module.bundleURL.appendingPathComponent("Migrations")
    }
}

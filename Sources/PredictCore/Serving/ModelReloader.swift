import Logging
import ServiceLifecycle

/// Keeps the registry in step with the database: every `interval` it reads the current model
/// versions and, when one changed (a `predict train` run from the command line), loads that
/// city's current models and installs them in one step. Requests never wait for it.
package final class ModelReloader: Service, Sendable {
    let store: PredictStore
    let registry: ModelRegistry
    let interval: Duration
    let logger: Logger

    package init(store: PredictStore, registry: ModelRegistry, interval: Duration = .seconds(30), logger: Logger) {
        self.store = store
        self.registry = registry
        self.interval = interval
        self.logger = logger
    }

    package func run() async throws {
        await cancelWhenGracefulShutdown { await self.poll() }
    }

    /// Loads what changed; returns the versions installed.
    @discardableResult
    func reloadChanged() async throws -> [String] {
        let current = try await store.currentVersions()
        let changedCities = Set(current.filter { registry.models(city: $0.city)[$0.kind]?.version != $0.version }.map(\.city))
        guard !changedCities.isEmpty else { return [] }
        let models = try await store.currentModels().filter { changedCities.contains($0.city) }
        registry.install(models)
        logger.info("incident models reloaded", metadata: ["versions": "\(models.map(\.version))"])
        return models.map(\.version)
    }

    private func poll() async {
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
                try await reloadChanged()
            } catch {
                if Task.isCancelled { return }
                logger.warning("reloading models failed; retrying", metadata: ["error": "\(error)"])
            }
        }
    }
}

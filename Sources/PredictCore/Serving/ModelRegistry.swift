import Contracts
import Synchronization

/// The models being served, per city and kind. A new training's models replace a city's set in
/// one step (``install(_:)``), so a request sees either the old set or the new one, never a mix;
/// requests keep working on the set they took while a training runs.
package final class ModelRegistry: Sendable {
    private let models = Mutex<[String: [ModelKind: IncidentModel]]>([:])

    package init() {}

    /// Replaces, per city, the models of the kinds given.
    func install(_ newModels: [IncidentModel]) {
        models.withLock { current in
            for model in newModels { current[model.city, default: [:]][model.kind] = model }
        }
    }

    /// The city's models (empty when none is trained).
    package func models(city: String) -> [ModelKind: IncidentModel] {
        models.withLock { $0[city] ?? [:] }
    }

    /// Cities with at least one model.
    var cities: [String] {
        models.withLock { $0.keys.sorted() }
    }
}

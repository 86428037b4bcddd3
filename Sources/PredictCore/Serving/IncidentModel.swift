import Contracts

/// One trained per-incident model, ready to answer: trees, encoding and test metrics.
package struct IncidentModel: Sendable {
    package var city: String
    package var kind: ModelKind
    /// E.g. `2026.11.1-xgboost-arrest`; empty until the store assigns it.
    package var version: String
    package var booster: XGBoostBooster
    package var descriptor: ModelDescriptor
    /// The test-window evaluation, as GetModelMetrics returns it.
    package var metrics: ModelMetrics

    package init(city: String, kind: ModelKind, version: String, booster: XGBoostBooster, descriptor: ModelDescriptor, metrics: ModelMetrics) {
        self.city = city
        self.kind = kind
        self.version = version
        self.booster = booster
        self.descriptor = descriptor
        self.metrics = metrics
    }

    /// The same model with a booster fit for serving, as ``PredictStore`` loads it: read back from
    /// its JSON (bit-identical predictions) with `nthread` 1, and without the training and
    /// validation matrices a freshly trained booster keeps cached.
    func forServing() throws -> IncidentModel {
        var model = self
        model.booster = try XGBoostBooster(json: try booster.saveJSON(), parameters: [("nthread", "1")])
        return model
    }
}

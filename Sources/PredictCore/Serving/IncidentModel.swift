import Contracts

/// One trained per-incident model, ready to answer: trees, encoding and test metrics.
public struct IncidentModel: Sendable {
    public var city: String
    public var kind: ModelKind
    /// E.g. `2026.11.1-xgboost-arrest`; empty until the store assigns it.
    public var version: String
    public var booster: XGBoostBooster
    public var descriptor: ModelDescriptor
    /// The test-window evaluation, as GetModelMetrics returns it.
    public var metrics: ModelMetrics

    public init(city: String, kind: ModelKind, version: String, booster: XGBoostBooster, descriptor: ModelDescriptor, metrics: ModelMetrics) {
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
    public func forServing() throws -> IncidentModel {
        var model = self
        model.booster = try XGBoostBooster(json: try booster.saveJSON(), parameters: [("nthread", "1")])
        return model
    }
}

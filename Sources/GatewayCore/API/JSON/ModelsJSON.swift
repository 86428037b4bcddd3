import Contracts

/// `GET /api/v1/models`: each trained model's evaluation: metrics, ROC and PAI curves,
/// calibration and feature importances.
public struct ModelsJSON: Codable, Sendable, Equatable {
    /// One model.
    public struct ModelJSON: Codable, Sendable, Equatable {
        public var kind: String
        public var modelVersion: String
        public var trainWindow: String
        public var validationWindow: String
        public var testWindow: String
        /// e.g. `roc_auc`, `accuracy`, `baseline_accuracy`, `log_loss`, `top1`, `top5`, `pai_10`, `mae`.
        public var metrics: [String: Double]
        /// `[x, y]` points.
        public var rocCurve: [[Double]]
        public var paiCurve: [[Double]]
        public var baselinePaiCurve: [[Double]]
        public var calibration: [CalibrationJSON]
        public var importances: [ImportanceJSON]
    }

    /// One calibration bin.
    public struct CalibrationJSON: Codable, Sendable, Equatable {
        public var predictedMean: Double
        public var observedRate: Double
        public var count: Int64
    }

    /// One feature's importance.
    public struct ImportanceJSON: Codable, Sendable, Equatable {
        public var feature: String
        public var importance: Double
    }

    public var city: String
    public var models: [ModelJSON]

    public init(city: String, response: GetModelMetricsResponse) {
        self.city = city
        models = response.models.map { model in
            ModelJSON(
                kind: ModelKindName.name(model.kind), modelVersion: model.modelVersion, trainWindow: model.trainWindow,
                validationWindow: model.validationWindow, testWindow: model.testWindow, metrics: model.metrics,
                rocCurve: model.rocCurve.map { [$0.x, $0.y] }, paiCurve: model.paiCurve.map { [$0.x, $0.y] },
                baselinePaiCurve: model.baselinePAICurve.map { [$0.x, $0.y] },
                calibration: model.calibration.map { CalibrationJSON(predictedMean: $0.predictedMean, observedRate: $0.observedRate, count: $0.count) },
                importances: model.importances.map { ImportanceJSON(feature: $0.feature, importance: $0.importance) })
        }
    }
}

/// The API's names of the predict models: `arrest`, `domestic`, `property`, `crime_type`,
/// `beat_forecast`.
public enum ModelKindName {
    /// Name → kind for every model the API can name.
    public static let kinds: [String: ModelKind] = [
        "arrest": .arrest, "domestic": .domestic, "property": .property, "crime_type": .crimeType, "beat_forecast": .beatForecast,
    ]

    /// The API name of `kind` (`unspecified` for one this build does not know).
    public static func name(_ kind: ModelKind) -> String {
        kinds.first { $0.value == kind }?.key ?? "unspecified"
    }
}

import Contracts

/// `GET /api/v1/models`: each trained model's evaluation: metrics, ROC and PAI curves,
/// calibration and feature importances.
struct ModelsJSON: Codable, Sendable, Equatable {
    /// One model.
    struct ModelJSON: Codable, Sendable, Equatable {
        var kind: String
        var modelVersion: String
        var trainWindow: String
        var validationWindow: String
        var testWindow: String
        /// e.g. `roc_auc`, `accuracy`, `baseline_accuracy`, `log_loss`, `top1`, `top5`, `pai_10`, `mae`.
        var metrics: [String: Double]
        /// `[x, y]` points.
        var rocCurve: [[Double]]
        var paiCurve: [[Double]]
        var baselinePaiCurve: [[Double]]
        var calibration: [CalibrationJSON]
        var importances: [ImportanceJSON]
    }

    /// One calibration bin.
    struct CalibrationJSON: Codable, Sendable, Equatable {
        var predictedMean: Double
        var observedRate: Double
        var count: Int64
    }

    /// One feature's importance.
    struct ImportanceJSON: Codable, Sendable, Equatable {
        var feature: String
        var importance: Double
    }

    var city: String
    var models: [ModelJSON]

    init(city: String, response: GetModelMetricsResponse) {
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
enum ModelKindName {
    /// Name → kind for every model the API can name.
    static let kinds: [String: ModelKind] = [
        "arrest": .arrest, "domestic": .domestic, "property": .property, "crime_type": .crimeType, "beat_forecast": .beatForecast,
    ]

    /// The API name of `kind` (`unspecified` for one this build does not know).
    static func name(_ kind: ModelKind) -> String {
        kinds.first { $0.value == kind }?.key ?? "unspecified"
    }
}

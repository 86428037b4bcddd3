import Contracts

/// A value of every `crimescope.predict.v1` message with every field set to a non-default value.
enum PredictFixtures {
    static let incidentContext = IncidentContext(
        city: "Zürich ✓ 東京 🚓",
        area: "0423",
        hour: Int32.max,
        dayOfWeek: -1003,
        month: -1,
        locationDescription: "Zürich ✓ 東京 🚓",
        primaryType: "0423",
        hasLocation: true,
        lat: 1e-300,
        lon: -1.5e300
    )
    static let contribution = Contribution(
        feature: "Zürich ✓ 東京 🚓",
        value: "0423",
        contribution: 1e-300
    )
    static let explanation = Explanation(
        baseValue: -87.6298,
        contributions: [PredictFixtures.contribution, Contribution()],
        margin: 1e-300
    )
    static let classProbability = ClassProbability(
        label: "Zürich ✓ 東京 🚓",
        probability: 41.8781
    )
    static let modelAnswer = ModelAnswer(
        kind: .beatForecast,
        modelVersion: "0423",
        probability: 1e-300,
        topClasses: [PredictFixtures.classProbability, ClassProbability()],
        explanation: PredictFixtures.explanation,
        inputsUsed: ["area", "hour", "Zürich ✓ 東京 🚓"],
        inputsMissing: ["primary_type", ""],
        inputsUnseen: ["location_description"],
        inputsFilled: ["district", "community_area", "position"]
    )
    static let predictRequest = PredictRequest(
        context: PredictFixtures.incidentContext,
        topContributions: Int32.min,
        topClasses: Int32.max
    )
    static let predictResponse = PredictResponse(
        answers: [PredictFixtures.modelAnswer, ModelAnswer()]
    )
    static let forecastRequest = ForecastRequest(
        city: "Zürich ✓ 東京 🚓",
        weekStart: "0423",
        weeksAhead: Int32.max,
        crimeGroup: "chicago",
        topContributions: -1
    )
    static let areaForecast = AreaForecast(
        area: "Zürich ✓ 東京 🚓",
        expectedCount: 41.8781,
        explanation: PredictFixtures.explanation
    )
    static let forecastResponse = ForecastResponse(
        modelVersion: "Zürich ✓ 東京 🚓",
        weekStart: "0423",
        areas: [PredictFixtures.areaForecast, AreaForecast()]
    )
    static let curvePoint = CurvePoint(
        x: -87.6298,
        y: 41.8781
    )
    static let calibrationBin = CalibrationBin(
        predictedMean: -87.6298,
        observedRate: 41.8781,
        count: -9_007_199_254_740_993
    )
    static let featureImportance = FeatureImportance(
        feature: "Zürich ✓ 東京 🚓",
        importance: 41.8781
    )
    static let modelMetrics = ModelMetrics(
        kind: .beatForecast,
        modelVersion: "0423",
        trainWindow: "line 1\nline 2 — ünïcode",
        validationWindow: "chicago",
        testWindow: "field test_window",
        metrics: ["roc_auc": 0.875, "log_loss": -0.25, "pai_10": 12.5e300, "ünïcode": -0.0],
        rocCurve: [PredictFixtures.curvePoint, CurvePoint()],
        calibration: [PredictFixtures.calibrationBin, CalibrationBin()],
        importances: [PredictFixtures.featureImportance, FeatureImportance()],
        paiCurve: [PredictFixtures.curvePoint, CurvePoint()],
        baselinePAICurve: [PredictFixtures.curvePoint, CurvePoint()]
    )
    static let getModelMetricsRequest = GetModelMetricsRequest(
        city: "Zürich ✓ 東京 🚓"
    )
    static let getModelMetricsResponse = GetModelMetricsResponse(
        models: [PredictFixtures.modelMetrics, ModelMetrics()]
    )
    static let trainRequest = TrainRequest(
        city: "Zürich ✓ 東京 🚓",
        kinds: [.beatForecast, .unspecified, .arrest],
        asynchronous: true
    )
    static let trainingProgress = TrainingProgress(
        jobID: Int64.max,
        phase: "0423",
        fraction: 1e-300,
        finished: true,
        error: "field error"
    )
    static let getTrainingProgressRequest = GetTrainingProgressRequest(
        jobID: Int64.max
    )
}

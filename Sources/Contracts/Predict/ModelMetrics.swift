import CrimeScopeProtos

/// `crimescope.predict.v1.ModelMetrics`: one model's evaluation.
public struct ModelMetrics: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.ModelMetrics"

    public var kind: ModelKind
    public var modelVersion: String
    public var trainWindow: String
    public var validationWindow: String
    public var testWindow: String
    /// name -> value, e.g. "roc_auc", "accuracy", "baseline_accuracy", "log_loss",
    /// "top1", "top5", "pai_10", "baseline_pai_10", "mae".
    public var metrics: [String: Double]
    public var rocCurve: [CurvePoint]
    public var calibration: [CalibrationBin]
    public var importances: [FeatureImportance]
    /// The forecast's PAI curve (share of area flagged -> PAI) and its baseline's.
    public var paiCurve: [CurvePoint]
    public var baselinePAICurve: [CurvePoint]

    public init(
        kind: ModelKind = .unspecified, modelVersion: String = "", trainWindow: String = "",
        validationWindow: String = "", testWindow: String = "", metrics: [String: Double] = [:],
        rocCurve: [CurvePoint] = [], calibration: [CalibrationBin] = [], importances: [FeatureImportance] = [],
        paiCurve: [CurvePoint] = [], baselinePAICurve: [CurvePoint] = []
    ) {
        self.kind = kind
        self.modelVersion = modelVersion
        self.trainWindow = trainWindow
        self.validationWindow = validationWindow
        self.testWindow = testWindow
        self.metrics = metrics
        self.rocCurve = rocCurve
        self.calibration = calibration
        self.importances = importances
        self.paiCurve = paiCurve
        self.baselinePAICurve = baselinePAICurve
    }

    typealias CMessage = Crimescope__Predict__V1__ModelMetrics
    static let cInit = crimescope__predict__v1__model_metrics__init
    static let cUnpack = crimescope__predict__v1__model_metrics__unpack
    static let cFree = crimescope__predict__v1__model_metrics__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.kind = kind.c
        c.model_version = arena.string(modelVersion)
        c.train_window = arena.string(trainWindow)
        c.validation_window = arena.string(validationWindow)
        c.test_window = arena.string(testWindow)
        c.n_metrics = metrics.count
        c.metrics = arena.doubleMap(metrics, initialise: crimescope__predict__v1__model_metrics__metrics_entry__init) { entry, key, value in
            entry.key = key
            entry.value = value
        }
        c.n_roc_curve = rocCurve.count
        c.roc_curve = arena.messages(rocCurve)
        c.n_calibration = calibration.count
        c.calibration = arena.messages(calibration)
        c.n_importances = importances.count
        c.importances = arena.messages(importances)
        c.n_pai_curve = paiCurve.count
        c.pai_curve = arena.messages(paiCurve)
        c.n_baseline_pai_curve = baselinePAICurve.count
        c.baseline_pai_curve = arena.messages(baselinePAICurve)
    }

    init(c: CMessage) {
        kind = ModelKind(c: c.kind)
        modelVersion = CRead.string(c.model_version)
        trainWindow = CRead.string(c.train_window)
        validationWindow = CRead.string(c.validation_window)
        testWindow = CRead.string(c.test_window)
        metrics = CRead.doubleMap(c.n_metrics, c.metrics, key: \.key, value: \.value)
        rocCurve = CRead.messages(c.n_roc_curve, c.roc_curve, as: CurvePoint.self)
        calibration = CRead.messages(c.n_calibration, c.calibration, as: CalibrationBin.self)
        importances = CRead.messages(c.n_importances, c.importances, as: FeatureImportance.self)
        paiCurve = CRead.messages(c.n_pai_curve, c.pai_curve, as: CurvePoint.self)
        baselinePAICurve = CRead.messages(c.n_baseline_pai_curve, c.baseline_pai_curve, as: CurvePoint.self)
    }
}

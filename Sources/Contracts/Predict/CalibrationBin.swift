import CrimeScopeProtos

/// `crimescope.predict.v1.CalibrationBin`: one bin of a calibration curve.
public struct CalibrationBin: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.CalibrationBin"

    public var predictedMean: Double
    public var observedRate: Double
    public var count: Int64

    public init(predictedMean: Double = 0, observedRate: Double = 0, count: Int64 = 0) {
        self.predictedMean = predictedMean
        self.observedRate = observedRate
        self.count = count
    }

    typealias CMessage = Crimescope__Predict__V1__CalibrationBin
    static let cInit = crimescope__predict__v1__calibration_bin__init
    static let cUnpack = crimescope__predict__v1__calibration_bin__unpack
    static let cFree = crimescope__predict__v1__calibration_bin__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.predicted_mean = predictedMean
        c.observed_rate = observedRate
        c.count = count
    }

    init(c: CMessage) {
        predictedMean = c.predicted_mean
        observedRate = c.observed_rate
        count = c.count
    }
}

import CrimeScopeProtos

/// `crimescope.predict.v1.FeatureImportance`: one feature's importance.
public struct FeatureImportance: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.FeatureImportance"

    public var feature: String
    public var importance: Double

    public init(feature: String = "", importance: Double = 0) {
        self.feature = feature
        self.importance = importance
    }

    typealias CMessage = Crimescope__Predict__V1__FeatureImportance
    static let cInit = crimescope__predict__v1__feature_importance__init
    static let cUnpack = crimescope__predict__v1__feature_importance__unpack
    static let cFree = crimescope__predict__v1__feature_importance__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.feature = arena.string(feature)
        c.importance = importance
    }

    init(c: CMessage) {
        feature = CRead.string(c.feature)
        importance = c.importance
    }
}

import CrimeScopeProtos

/// `crimescope.predict.v1.Contribution`: one feature's SHAP contribution.
public struct Contribution: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.Contribution"

    public var feature: String
    /// The feature's value as shown to a person.
    public var value: String
    /// SHAP contribution to the margin (log-odds for binaries).
    public var contribution: Double

    public init(feature: String = "", value: String = "", contribution: Double = 0) {
        self.feature = feature
        self.value = value
        self.contribution = contribution
    }

    typealias CMessage = Crimescope__Predict__V1__Contribution
    static let cInit = crimescope__predict__v1__contribution__init
    static let cUnpack = crimescope__predict__v1__contribution__unpack
    static let cFree = crimescope__predict__v1__contribution__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.feature = arena.string(feature)
        c.value = arena.string(value)
        c.contribution = contribution
    }

    init(c: CMessage) {
        feature = CRead.string(c.feature)
        value = CRead.string(c.value)
        contribution = c.contribution
    }
}

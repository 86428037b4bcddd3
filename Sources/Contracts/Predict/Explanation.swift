import CrimeScopeProtos

/// `crimescope.predict.v1.Explanation`: a prediction's SHAP explanation.
public struct Explanation: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.Explanation"

    public var baseValue: Double
    public var contributions: [Contribution]
    /// base_value + sum of all contributions (not only the top ones returned).
    public var margin: Double

    public init(baseValue: Double = 0, contributions: [Contribution] = [], margin: Double = 0) {
        self.baseValue = baseValue
        self.contributions = contributions
        self.margin = margin
    }

    typealias CMessage = Crimescope__Predict__V1__Explanation
    static let cInit = crimescope__predict__v1__explanation__init
    static let cUnpack = crimescope__predict__v1__explanation__unpack
    static let cFree = crimescope__predict__v1__explanation__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.base_value = baseValue
        c.n_contributions = contributions.count
        c.contributions = arena.messages(contributions)
        c.margin = margin
    }

    init(c: CMessage) {
        baseValue = c.base_value
        contributions = CRead.messages(c.n_contributions, c.contributions, as: Contribution.self)
        margin = c.margin
    }
}

import CrimeScopeProtos

/// `crimescope.heatmap.v1.SignificanceRequest`: asks for Getis–Ord Gi* over every unit of a
/// city's study region in a period, with Benjamini–Hochberg FDR classes.
public struct SignificanceRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.SignificanceRequest"

    public var city: String
    /// Empty means all types.
    public var primaryType: String
    /// The period, `YYYY-MM`, both inclusive.
    public var fromMonth: String
    public var toMonth: String
    /// `areas` or `hex`.
    public var units: String
    /// False-discovery-rate level of the classes; 0 means 0.05.
    public var alpha: Double

    public init(city: String = "", primaryType: String = "", fromMonth: String = "", toMonth: String = "",
                units: String = "", alpha: Double = 0) {
        self.city = city
        self.primaryType = primaryType
        self.fromMonth = fromMonth
        self.toMonth = toMonth
        self.units = units
        self.alpha = alpha
    }

    typealias CMessage = Crimescope__Heatmap__V1__SignificanceRequest
    static let cInit = crimescope__heatmap__v1__significance_request__init
    static let cUnpack = crimescope__heatmap__v1__significance_request__unpack
    static let cFree = crimescope__heatmap__v1__significance_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.primary_type = arena.string(primaryType)
        c.from_month = arena.string(fromMonth)
        c.to_month = arena.string(toMonth)
        c.units = arena.string(units)
        c.alpha = alpha
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        primaryType = CRead.string(c.primary_type)
        fromMonth = CRead.string(c.from_month)
        toMonth = CRead.string(c.to_month)
        units = CRead.string(c.units)
        alpha = c.alpha
    }
}

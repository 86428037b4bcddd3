import CrimeScopeProtos

/// `crimescope.heatmap.v1.CrimeTypeCount`: incidents of one primary type.
public struct CrimeTypeCount: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.CrimeTypeCount"

    public var primaryType: String
    public var incidents: Int64

    public init(primaryType: String = "", incidents: Int64 = 0) {
        self.primaryType = primaryType
        self.incidents = incidents
    }

    typealias CMessage = Crimescope__Heatmap__V1__CrimeTypeCount
    static let cInit = crimescope__heatmap__v1__crime_type_count__init
    static let cUnpack = crimescope__heatmap__v1__crime_type_count__unpack
    static let cFree = crimescope__heatmap__v1__crime_type_count__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.primary_type = arena.string(primaryType)
        c.incidents = incidents
    }

    init(c: CMessage) {
        primaryType = CRead.string(c.primary_type)
        incidents = c.incidents
    }
}

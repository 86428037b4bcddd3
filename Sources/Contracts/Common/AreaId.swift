import CrimeScopeProtos

/// `crimescope.common.v1.AreaId`: an area all services agree on: a Chicago beat ("0423"), an NYPD precinct ("75"), ...
/// Cities are slugs: "chicago", "nyc", "uk-metropolitan", "uk-west-yorkshire".
public struct AreaId: CBackedMessage {
    public static let protoName = "crimescope.common.v1.AreaId"

    public var city: String
    public var area: String

    public init(city: String = "", area: String = "") {
        self.city = city
        self.area = area
    }

    typealias CMessage = Crimescope__Common__V1__AreaId
    static let cInit = crimescope__common__v1__area_id__init
    static let cUnpack = crimescope__common__v1__area_id__unpack
    static let cFree = crimescope__common__v1__area_id__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.area = arena.string(area)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        area = CRead.string(c.area)
    }
}

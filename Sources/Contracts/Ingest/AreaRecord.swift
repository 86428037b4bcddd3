import CrimeScopeProtos

/// `crimescope.ingest.v1.AreaRecord`: one area's polygon.
public struct AreaRecord: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.AreaRecord"

    public var area: AreaId?
    public var name: String
    /// WKB geometry in WGS84.
    public var geometryWKB: [UInt8]

    public init(area: AreaId? = nil, name: String = "", geometryWKB: [UInt8] = []) {
        self.area = area
        self.name = name
        self.geometryWKB = geometryWKB
    }

    typealias CMessage = Crimescope__Ingest__V1__AreaRecord
    static let cInit = crimescope__ingest__v1__area_record__init
    static let cUnpack = crimescope__ingest__v1__area_record__unpack
    static let cFree = crimescope__ingest__v1__area_record__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.area = area?.cPointer(in: arena)
        c.name = arena.string(name)
        c.geometry_wkb = arena.binary(geometryWKB)
    }

    init(c: CMessage) {
        area = CRead.message(c.area, as: AreaId.self)
        name = CRead.string(c.name)
        geometryWKB = CRead.bytes(c.geometry_wkb)
    }
}

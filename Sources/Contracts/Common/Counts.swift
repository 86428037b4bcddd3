import CrimeScopeProtos

/// `crimescope.common.v1.Counts`: a count of incidents with the arrest and domestic counts among them.
public struct Counts: CBackedMessage {
    public static let protoName = "crimescope.common.v1.Counts"

    public var incidents: Int64
    public var arrests: Int64
    public var domestic: Int64

    public init(incidents: Int64 = 0, arrests: Int64 = 0, domestic: Int64 = 0) {
        self.incidents = incidents
        self.arrests = arrests
        self.domestic = domestic
    }

    typealias CMessage = Crimescope__Common__V1__Counts
    static let cInit = crimescope__common__v1__counts__init
    static let cUnpack = crimescope__common__v1__counts__unpack
    static let cFree = crimescope__common__v1__counts__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.incidents = incidents
        c.arrests = arrests
        c.domestic = domestic
    }

    init(c: CMessage) {
        incidents = c.incidents
        arrests = c.arrests
        domestic = c.domestic
    }
}

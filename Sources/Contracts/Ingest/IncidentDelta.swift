import CrimeScopeProtos

/// `crimescope.ingest.v1.IncidentDelta`: one outbox entry: a change to the incidents, to apply as a delta.
/// An insert has sign +1; an update is a -1 of the old version and a +1 of the new one.
public struct IncidentDelta: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.IncidentDelta"

    public var sign: Int32
    public var city: String
    public var area: String
    public var primaryType: String
    public var category: String
    public var occurredLocalSeconds: Int64
    /// Month granularity sources (police.uk) have only the month.
    public var monthOnly: Bool
    public var arrest: Bool
    public var domestic: Bool
    public var hasLocation: Bool
    public var lon: Double
    public var lat: Double

    public init(
        sign: Int32 = 0, city: String = "", area: String = "", primaryType: String = "", category: String = "",
        occurredLocalSeconds: Int64 = 0, monthOnly: Bool = false, arrest: Bool = false, domestic: Bool = false,
        hasLocation: Bool = false, lon: Double = 0, lat: Double = 0
    ) {
        self.sign = sign
        self.city = city
        self.area = area
        self.primaryType = primaryType
        self.category = category
        self.occurredLocalSeconds = occurredLocalSeconds
        self.monthOnly = monthOnly
        self.arrest = arrest
        self.domestic = domestic
        self.hasLocation = hasLocation
        self.lon = lon
        self.lat = lat
    }

    typealias CMessage = Crimescope__Ingest__V1__IncidentDelta
    static let cInit = crimescope__ingest__v1__incident_delta__init
    static let cUnpack = crimescope__ingest__v1__incident_delta__unpack
    static let cFree = crimescope__ingest__v1__incident_delta__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.sign = sign
        c.city = arena.string(city)
        c.area = arena.string(area)
        c.primary_type = arena.string(primaryType)
        c.category = arena.string(category)
        c.occurred_local_seconds = occurredLocalSeconds
        c.month_only = CWrite.bool(monthOnly)
        c.arrest = CWrite.bool(arrest)
        c.domestic = CWrite.bool(domestic)
        c.has_location = CWrite.bool(hasLocation)
        c.lon = lon
        c.lat = lat
    }

    init(c: CMessage) {
        sign = c.sign
        city = CRead.string(c.city)
        area = CRead.string(c.area)
        primaryType = CRead.string(c.primary_type)
        category = CRead.string(c.category)
        occurredLocalSeconds = c.occurred_local_seconds
        monthOnly = CRead.bool(c.month_only)
        arrest = CRead.bool(c.arrest)
        domestic = CRead.bool(c.domestic)
        hasLocation = CRead.bool(c.has_location)
        lon = c.lon
        lat = c.lat
    }
}

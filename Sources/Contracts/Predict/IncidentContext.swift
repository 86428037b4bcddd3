import CrimeScopeProtos

/// `crimescope.predict.v1.IncidentContext`: when and where an incident happens; the models answer the rest.
/// An empty `locationDescription` or `primaryType` means "not given" (read as missing, never as a category).
public struct IncidentContext: CBackedMessage {
    public static let protoName = "crimescope.predict.v1.IncidentContext"

    public var city: String
    public var area: String
    public var hour: Int32
    /// 0 = Monday ... 6 = Sunday.
    public var dayOfWeek: Int32
    public var month: Int32
    /// Empty: not given.
    public var locationDescription: String
    /// For the arrest and domestic models, where the question allows it; empty: not given.
    public var primaryType: String
    /// Without a position the beat's mean training position is used.
    public var hasLocation: Bool
    public var lat: Double
    public var lon: Double

    public init(
        city: String = "", area: String = "", hour: Int32 = 0, dayOfWeek: Int32 = 0, month: Int32 = 0,
        locationDescription: String = "", primaryType: String = "", hasLocation: Bool = false, lat: Double = 0,
        lon: Double = 0
    ) {
        self.city = city
        self.area = area
        self.hour = hour
        self.dayOfWeek = dayOfWeek
        self.month = month
        self.locationDescription = locationDescription
        self.primaryType = primaryType
        self.hasLocation = hasLocation
        self.lat = lat
        self.lon = lon
    }

    typealias CMessage = Crimescope__Predict__V1__IncidentContext
    static let cInit = crimescope__predict__v1__incident_context__init
    static let cUnpack = crimescope__predict__v1__incident_context__unpack
    static let cFree = crimescope__predict__v1__incident_context__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.area = arena.string(area)
        c.hour = hour
        c.day_of_week = dayOfWeek
        c.month = month
        c.location_description = arena.string(locationDescription)
        c.primary_type = arena.string(primaryType)
        c.has_location = CWrite.bool(hasLocation)
        c.lat = lat
        c.lon = lon
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        area = CRead.string(c.area)
        hour = c.hour
        dayOfWeek = c.day_of_week
        month = c.month
        locationDescription = CRead.string(c.location_description)
        primaryType = CRead.string(c.primary_type)
        hasLocation = CRead.bool(c.has_location)
        lat = c.lat
        lon = c.lon
    }
}

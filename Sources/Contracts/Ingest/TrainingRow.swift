import CrimeScopeProtos

/// `crimescope.ingest.v1.TrainingRow`: one incident as a model training row.
public struct TrainingRow: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.TrainingRow"

    public var key: Int64
    public var occurredLocalSeconds: Int64
    public var area: String
    public var district: String
    public var communityArea: Int32
    public var lat: Double
    public var lon: Double
    public var locationDescription: String
    public var primaryType: String
    public var arrest: Bool
    public var domestic: Bool
    public var hasLocation: Bool

    public init(
        key: Int64 = 0, occurredLocalSeconds: Int64 = 0, area: String = "", district: String = "",
        communityArea: Int32 = 0, lat: Double = 0, lon: Double = 0, locationDescription: String = "",
        primaryType: String = "", arrest: Bool = false, domestic: Bool = false, hasLocation: Bool = false
    ) {
        self.key = key
        self.occurredLocalSeconds = occurredLocalSeconds
        self.area = area
        self.district = district
        self.communityArea = communityArea
        self.lat = lat
        self.lon = lon
        self.locationDescription = locationDescription
        self.primaryType = primaryType
        self.arrest = arrest
        self.domestic = domestic
        self.hasLocation = hasLocation
    }

    typealias CMessage = Crimescope__Ingest__V1__TrainingRow
    static let cInit = crimescope__ingest__v1__training_row__init
    static let cUnpack = crimescope__ingest__v1__training_row__unpack
    static let cFree = crimescope__ingest__v1__training_row__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.key = key
        c.occurred_local_seconds = occurredLocalSeconds
        c.area = arena.string(area)
        c.district = arena.string(district)
        c.community_area = communityArea
        c.lat = lat
        c.lon = lon
        c.location_description = arena.string(locationDescription)
        c.primary_type = arena.string(primaryType)
        c.arrest = CWrite.bool(arrest)
        c.domestic = CWrite.bool(domestic)
        c.has_location = CWrite.bool(hasLocation)
    }

    init(c: CMessage) {
        key = c.key
        occurredLocalSeconds = c.occurred_local_seconds
        area = CRead.string(c.area)
        district = CRead.string(c.district)
        communityArea = c.community_area
        lat = c.lat
        lon = c.lon
        locationDescription = CRead.string(c.location_description)
        primaryType = CRead.string(c.primary_type)
        arrest = CRead.bool(c.arrest)
        domestic = CRead.bool(c.domestic)
        hasLocation = CRead.bool(c.has_location)
    }
}

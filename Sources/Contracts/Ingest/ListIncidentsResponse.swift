import CrimeScopeProtos

/// `crimescope.ingest.v1.ListIncidentsResponse`: incidents as flat, parallel arrays.
public struct ListIncidentsResponse: CBackedMessage {
    public static let protoName = "crimescope.ingest.v1.ListIncidentsResponse"

    /// Longitude and latitude times 10^4 (4 decimals), parallel arrays.
    public var lonE4: [Int32]
    public var latE4: [Int32]
    /// Days since the range's start day (local time).
    public var dayIndex: [UInt32]
    /// Index into `categories`.
    public var categoryIndex: [UInt32]
    public var categories: [String]
    public var arrest: [Bool]
    /// Incidents in range without coordinates (not in the arrays).
    public var withoutLocation: Int64
    public var truncated: Bool

    public init(
        lonE4: [Int32] = [], latE4: [Int32] = [], dayIndex: [UInt32] = [], categoryIndex: [UInt32] = [],
        categories: [String] = [], arrest: [Bool] = [], withoutLocation: Int64 = 0, truncated: Bool = false
    ) {
        self.lonE4 = lonE4
        self.latE4 = latE4
        self.dayIndex = dayIndex
        self.categoryIndex = categoryIndex
        self.categories = categories
        self.arrest = arrest
        self.withoutLocation = withoutLocation
        self.truncated = truncated
    }

    typealias CMessage = Crimescope__Ingest__V1__ListIncidentsResponse
    static let cInit = crimescope__ingest__v1__list_incidents_response__init
    static let cUnpack = crimescope__ingest__v1__list_incidents_response__unpack
    static let cFree = crimescope__ingest__v1__list_incidents_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.n_lon_e4 = lonE4.count
        c.lon_e4 = arena.array(lonE4)
        c.n_lat_e4 = latE4.count
        c.lat_e4 = arena.array(latE4)
        c.n_day_index = dayIndex.count
        c.day_index = arena.array(dayIndex)
        c.n_category_index = categoryIndex.count
        c.category_index = arena.array(categoryIndex)
        c.n_categories = categories.count
        c.categories = arena.strings(categories)
        c.n_arrest = arrest.count
        c.arrest = arena.bools(arrest)
        c.without_location = withoutLocation
        c.truncated = CWrite.bool(truncated)
    }

    init(c: CMessage) {
        lonE4 = CRead.array(c.n_lon_e4, c.lon_e4)
        latE4 = CRead.array(c.n_lat_e4, c.lat_e4)
        dayIndex = CRead.array(c.n_day_index, c.day_index)
        categoryIndex = CRead.array(c.n_category_index, c.category_index)
        categories = CRead.strings(c.n_categories, c.categories)
        arrest = CRead.bools(c.n_arrest, c.arrest)
        withoutLocation = c.without_location
        truncated = CRead.bool(c.truncated)
    }
}

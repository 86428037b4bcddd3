import CrimeScopeProtos

/// `crimescope.heatmap.v1.WindowHeatmapRequest`: per-area counts for the last N hours.
public struct WindowHeatmapRequest: CBackedMessage {
    public static let protoName = "crimescope.heatmap.v1.WindowHeatmapRequest"

    public var city: String
    /// Up to 5 years of hours.
    public var lastHours: Int64
    /// End of the window (exclusive), local seconds; 0 means the newest incident.
    public var referenceLocalSeconds: Int64
    public var primaryType: String

    public init(city: String = "", lastHours: Int64 = 0, referenceLocalSeconds: Int64 = 0, primaryType: String = "") {
        self.city = city
        self.lastHours = lastHours
        self.referenceLocalSeconds = referenceLocalSeconds
        self.primaryType = primaryType
    }

    typealias CMessage = Crimescope__Heatmap__V1__WindowHeatmapRequest
    static let cInit = crimescope__heatmap__v1__window_heatmap_request__init
    static let cUnpack = crimescope__heatmap__v1__window_heatmap_request__unpack
    static let cFree = crimescope__heatmap__v1__window_heatmap_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.city = arena.string(city)
        c.last_hours = lastHours
        c.reference_local_seconds = referenceLocalSeconds
        c.primary_type = arena.string(primaryType)
    }

    init(c: CMessage) {
        city = CRead.string(c.city)
        lastHours = c.last_hours
        referenceLocalSeconds = c.reference_local_seconds
        primaryType = CRead.string(c.primary_type)
    }
}

import CivilTime
import Contracts

/// `GET /api/v1/heatmap/window`: per-area counts of the window that ends at `at` (or the
/// newest incident) and spans `last`, in the city's local time.
struct WindowHeatmapJSON: Codable, Sendable, Equatable {
    /// The window in the city's local wall-clock time: `[start, end)`, `YYYY-MM-DDTHH:MM:SS`.
    struct Window: Codable, Sendable, Equatable {
        var start: String
        var end: String
    }

    var city: String
    /// IANA time zone of every time in the reply.
    var timeZone: String
    /// `last` as given, and in hours.
    var last: String
    var lastHours: Int64
    /// `at` as given (normalised); absent means the newest incident.
    var at: String?
    var primaryType: String?
    /// The rollup grain the counts come from: `hourly`, `daily`, `weekly` or `monthly`.
    var granularity: String
    /// Null when the city has no incidents yet.
    var window: Window?
    var total: CountsJSON
    var maxIncidents: Int64
    var areas: [HeatmapJSON.AreaJSON]

    init(query: WindowHeatmapQuery, response: WindowHeatmapResponse) {
        city = query.request.city
        timeZone = response.timeZone
        last = query.last.text
        lastHours = query.last.hours
        at = query.at
        primaryType = query.request.primaryType.isEmpty ? nil : query.request.primaryType
        granularity = Self.granularityName(response.granularity)
        window = response.range.map { Window(start: LocalDateTime(localSeconds: $0.startLocalSeconds).description, end: LocalDateTime(localSeconds: $0.endLocalSeconds).description) }
        total = CountsJSON(response.total)
        maxIncidents = response.maxIncidents
        areas = response.areas.map(HeatmapJSON.AreaJSON.init)
    }

    static func granularityName(_ granularity: Granularity) -> String {
        switch granularity {
        case .hourly: "hourly"
        case .daily: "daily"
        case .weekly: "weekly"
        case .monthly: "monthly"
        case .unspecified, .unrecognized: "unspecified"
        }
    }
}

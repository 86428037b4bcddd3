/// What a ``LabelShares`` column groups incidents by. Every key is built from a request's own
/// inputs (beat, location, position, hour), never from the crime's type or description.
package enum ShareKey: String, Sendable, Codable, CaseIterable {
    /// The beat.
    case beat
    /// The Location Description (missing when not given or never seen).
    case location
    /// The beat and the location's group.
    case beatLocation = "beat_location"
    /// A cell of ``cellDegrees`` of latitude and longitude around the position (missing without one).
    case cell
    /// The Location Description and the shift (00–07, 08–15, 16–23).
    case locationShift = "location_shift"
    /// A cell of ``blockDegrees`` around the position: about one block face (Chicago's positions
    /// are block-level), so the share of one address range, e.g. a shopping street.
    case block
    /// The beat and the four-hour band of the hour (00–03, 04–07, … 20–23).
    case beatHourBand = "beat_hour_band"
    /// The Location Description and the day of the week.
    case locationWeekday = "location_weekday"
    /// The beat and the month of the year.
    case beatMonth = "beat_month"

    /// The keys the property model uses unless asked otherwise: the six that raised the served
    /// model's ROC-AUC (the time × place keys after them are opt-in; figures in docs/BENCHMARKS.md).
    package static let defaultKeys: [ShareKey] = [.beat, .location, .beatLocation, .cell, .locationShift, .block]

    /// The column's name: `beat_share`, `location_share`, …
    var featureName: String { rawValue + "_share" }

    /// Cell side in degrees (~170 m north–south, ~135 m east–west at Chicago's latitude).
    static let cellDegrees = 0.0015
    /// Block cell side in degrees (~55 m north–south, ~45 m east–west in Chicago).
    static let blockDegrees = 0.0005

    /// The key of an incident, or nil when an input it needs is missing. `location` is the
    /// looked-up Location Description (nil: not given or unseen).
    func key(beat: String, location: String?, latitude: Double?, longitude: Double?, hour: Int, dayOfWeek: Int, month: Int) -> String? {
        switch self {
        case .beat: return beat
        case .location: return location
        case .beatLocation: return location.map { "\(beat)|\(LocationGroup.of($0).rawValue)" }
        case .cell, .block:
            guard let latitude, let longitude, latitude.isFinite, longitude.isFinite else { return nil }
            let cell = self.cell(latitude: latitude, longitude: longitude)
            return "\(cell.row)|\(cell.column)"
        case .locationShift: return location.map { "\($0)|\(hour / 8)" }
        case .beatHourBand: return "\(beat)|\(hour / 4)"
        case .locationWeekday: return location.map { "\($0)|\(dayOfWeek)" }
        case .beatMonth: return "\(beat)|\(month)"
        }
    }

    /// The grid cell of a position, for ``cell`` and ``block``.
    func cell(latitude: Double, longitude: Double) -> (row: Int, column: Int) {
        let side = self == .block ? Self.blockDegrees : Self.cellDegrees
        return (Int((latitude / side).rounded(.down)), Int((longitude / side).rounded(.down)))
    }
}

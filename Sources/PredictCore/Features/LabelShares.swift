/// The training window's share of positive labels (for the property model: property crimes) among
/// the incidents with the same beat, Location Description, position cell, … (``ShareKey``): one
/// column per key that gives a shallow tree, in one split, the ordering that the beat and
/// location codes (sorted by name, so unordered for the label) or the position only give after many.
///
/// Each share is smoothed toward the overall share (`(positives + m·overall) / (count + m)`,
/// m = ``smoothing``), so a key with few rows says little, and a key the window never saw reads
/// as the overall share. A key whose input is missing (no location given, or one never seen; no
/// position) is missing too. The tables come from the training window only and are stored with
/// the model; serving looks the request up in them. Inside the training window each row's shares
/// leave out its own fold (see `LabelShareCounts`), so no row's label is an input of its own row.
package struct LabelShares: Sendable, Codable, Equatable {
    /// The share of positives over the whole training window.
    package var overall: Double
    /// The keys, in column order.
    package var keys: [ShareKey]
    /// Smoothed share per key value, one table per key (same order).
    package var tables: [[String: Float]]

    /// Pseudo-rows of the overall share added to every count.
    static let smoothing = 20.0

    package init(overall: Double, keys: [ShareKey], tables: [[String: Float]]) {
        self.overall = overall
        self.keys = keys
        self.tables = tables
    }

    /// The column names, after the encoding's own.
    var featureNames: [String] { keys.map(\.featureName) }

    static func smoothed(positives: Double, count: Double, overall: Double) -> Float {
        Float((positives + smoothing * overall) / (count + smoothing))
    }

    /// The columns of an incident (`NaN` is missing).
    func columns(_ incident: IncidentFeatures, location: CategoryLookup) -> [Float] {
        let seen: String? = if case .seen(let value) = location { value } else { nil }
        return zip(keys, tables).map { key, table in
            guard let value = key.key(beat: incident.beat, location: seen, latitude: incident.latitude,
                                      longitude: incident.longitude, hour: incident.hour,
                                      dayOfWeek: incident.dayOfWeek, month: incident.month) else { return .nan }
            return table[value] ?? Float(overall)
        }
    }
}

extension FeatureEncoding {
    /// What a not-given input shows as.
    static let notGiven = "not given"

    /// The value of column `index` as shown to a person.
    func display(_ incident: IncidentFeatures, column index: Int) -> String {
        if let labelShares, index >= baseFeatureCount {
            let lookup = lookUpLocation(incident.locationDescription)
            let share = min(index - baseFeatureCount, labelShares.keys.count - 1)
            let value = labelShares.columns(incident, location: lookup)[share]
            guard !value.isNaN else {
                // Missing: the position is unknown, or the location was not given or never seen.
                return [.cell, .block].contains(labelShares.keys[share]) ? "unknown" : Self.display(lookup, empty: "")
            }
            return "\(Int((value * 100).rounded())) % in training"
        }
        return switch index {
        case 0: String(format2(incident.hour)) + ":00"
        case 1: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][min(6, max(0, incident.dayOfWeek))]
        case 2: String(incident.month)
        case 3: incident.dayOfWeek >= 5 ? "yes" : "no"
        case 4: "Q\((incident.month - 1) / 3 + 1)"
        case 5: ["00–07", "08–15", "16–23"][min(2, max(0, incident.hour / 8))]
        case 6: incident.beat
        case 7: incident.district
        case 8: incident.communityArea > 0 ? String(incident.communityArea) : "unknown"
        case 9: incident.latitude.map { String(format4($0)) } ?? "unknown"
        case 10: incident.longitude.map { String(format4($0)) } ?? "unknown"
        case Self.locationGroupColumn:
            switch lookUpLocation(incident.locationDescription) {
            case .notGiven: Self.notGiven
            case .unseen: "not seen in training"
            case .seen(let value): LocationGroup.of(value).name
            }
        case Self.locationDescriptionColumn: Self.display(lookUpLocation(incident.locationDescription), empty: LocationGroup.unrecorded.name)
        default: Self.display(lookUpType(incident.primaryType), empty: "none recorded")
        }
    }

    private static func display(_ lookup: CategoryLookup, empty: String) -> String {
        switch lookup {
        case .notGiven: notGiven
        case .unseen(let value): "\(value) (not seen in training)"
        case .seen(let value): value.isEmpty ? empty : value
        }
    }

    private func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private func format4(_ value: Double) -> String { String((value * 10_000).rounded() / 10_000) }
}

/// How incidents become model inputs: the categorical vocabularies learnt from the training
/// window, stored with every model so serving reproduces the training encoding exactly.
///
/// Columns (in order): hour, day_of_week, month, weekend, quarter, shift (0: 00–07, 1: 08–15,
/// 2: 16–23), beat, district, community_area, latitude, longitude, location_group,
/// location_description (the raw Location Description among the training window's most common
/// ones) and, when ``usesPrimaryType``, primary_type. Categories are codes into the sorted vocabularies; a value
/// the training window never saw, and a missing position, is `NaN` (XGBoost's missing).
public struct FeatureEncoding: Sendable, Codable, Equatable {
    /// Beats seen in training, sorted; the code is the index.
    public var beats: [String]
    /// Districts seen in training, sorted.
    public var districts: [String]
    /// Primary types seen in training, sorted (the primary_type feature's vocabulary).
    public var primaryTypes: [String]
    /// The most common Location Description values of the training window, sorted.
    public var locations: [String]
    /// Per beat: district, community area and mean position, to complete a request.
    public var beatProfiles: [String: BeatProfile]
    /// Whether the primary type is a feature (arrest and domestic only).
    public var usesPrimaryType: Bool

    private var beatCodes: [String: Int] = [:]
    private var districtCodes: [String: Int] = [:]
    private var typeCodes: [String: Int] = [:]
    private var locationCodes: [String: Int] = [:]

    private enum CodingKeys: String, CodingKey {
        case beats, districts, primaryTypes, locations, beatProfiles, usesPrimaryType
    }

    public init(beats: [String], districts: [String], primaryTypes: [String], locations: [String],
                beatProfiles: [String: BeatProfile], usesPrimaryType: Bool) {
        self.beats = beats
        self.districts = districts
        self.primaryTypes = primaryTypes
        self.locations = locations
        self.beatProfiles = beatProfiles
        self.usesPrimaryType = usesPrimaryType
        buildCodes()
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        beats = try container.decode([String].self, forKey: .beats)
        districts = try container.decode([String].self, forKey: .districts)
        primaryTypes = try container.decode([String].self, forKey: .primaryTypes)
        locations = try container.decode([String].self, forKey: .locations)
        beatProfiles = try container.decode([String: BeatProfile].self, forKey: .beatProfiles)
        usesPrimaryType = try container.decode(Bool.self, forKey: .usesPrimaryType)
        buildCodes()
    }

    private mutating func buildCodes() {
        beatCodes = Dictionary(uniqueKeysWithValues: beats.enumerated().map { ($1, $0) })
        districtCodes = Dictionary(uniqueKeysWithValues: districts.enumerated().map { ($1, $0) })
        typeCodes = Dictionary(uniqueKeysWithValues: primaryTypes.enumerated().map { ($1, $0) })
        locationCodes = Dictionary(uniqueKeysWithValues: locations.enumerated().map { ($1, $0) })
    }

    /// The same vocabularies with or without the primary_type feature.
    public func with(usesPrimaryType: Bool) -> FeatureEncoding {
        var copy = self
        copy.usesPrimaryType = usesPrimaryType
        return copy
    }

    /// The column names, in order.
    public var featureNames: [String] {
        let base = ["hour", "day_of_week", "month", "weekend", "quarter", "shift", "beat", "district",
                    "community_area", "latitude", "longitude", "location_group", "location_description"]
        return usesPrimaryType ? base + ["primary_type"] : base
    }

    /// Number of columns.
    public var featureCount: Int { usesPrimaryType ? 14 : 13 }

    /// Whether the training window saw this beat.
    public func knows(beat: String) -> Bool { beatCodes[beat] != nil }

    /// Appends the incident's columns to `row`.
    public func encode(_ incident: IncidentFeatures, into row: inout [Float]) {
        encode(hour: incident.hour, dayOfWeek: incident.dayOfWeek, month: incident.month,
               beatCode: beatCodes[incident.beat], districtCode: districtCodes[incident.district],
               communityArea: incident.communityArea, latitude: incident.latitude.map(Float.init),
               longitude: incident.longitude.map(Float.init), group: LocationGroup.of(incident.locationDescription),
               locationCode: locationCodes[incident.locationDescription], typeCode: typeCodes[incident.primaryType], into: &row)
    }

    /// Appends columns from already-looked-up codes (the bulk path used in training).
    func encode(hour: Int, dayOfWeek: Int, month: Int, beatCode: Int?, districtCode: Int?, communityArea: Int,
                latitude: Float?, longitude: Float?, group: LocationGroup, locationCode: Int?, typeCode: Int?,
                into row: inout [Float]) {
        row.append(Float(hour))
        row.append(Float(dayOfWeek))
        row.append(Float(month))
        row.append(dayOfWeek >= 5 ? 1 : 0)
        row.append(Float((month - 1) / 3 + 1))
        row.append(Float(hour / 8))
        row.append(beatCode.map(Float.init) ?? .nan)
        row.append(districtCode.map(Float.init) ?? .nan)
        row.append(communityArea > 0 ? Float(communityArea) : .nan)
        row.append(latitude ?? .nan)
        row.append(longitude ?? .nan)
        row.append(Float(group.rawValue))
        row.append(locationCode.map(Float.init) ?? .nan)
        if usesPrimaryType { row.append(typeCode.map(Float.init) ?? .nan) }
    }

    /// The value of column `index` as shown to a person.
    public func display(_ incident: IncidentFeatures, column index: Int) -> String {
        switch index {
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
        case 11: LocationGroup.of(incident.locationDescription).name
        case 12: incident.locationDescription.isEmpty ? "unknown" : incident.locationDescription
        default: incident.primaryType
        }
    }

    private func format2(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    private func format4(_ value: Double) -> String { String((value * 10_000).rounded() / 10_000) }
}

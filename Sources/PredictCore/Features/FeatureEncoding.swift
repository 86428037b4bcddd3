/// How incidents become model inputs: the categorical vocabularies learnt from the training
/// window, stored with every model so serving reproduces the training encoding exactly.
///
/// Columns (in order): hour, day_of_week, month, weekend, quarter, shift (0: 00–07, 1: 08–15,
/// 2: 16–23), beat, district, community_area, latitude, longitude, location_group,
/// location_description (the raw Location Description among the training window's most common
/// ones), when ``usesPrimaryType`` primary_type, and with ``labelShares`` (the property model) the
/// training window's label share of the incident's beat, location, position cell, … (``ShareKey``). Categories are codes into the sorted
/// vocabularies. `NaN` is XGBoost's missing: a missing position, a Location Description too rare
/// for its own code (its group still counts), and every column of an input that was not given or
/// has a value the training window never saw (see ``lookUpLocation(_:)``). The empty Location
/// Description of the data ("no location recorded") is a category of its own, never missing.
package struct FeatureEncoding: Sendable, Codable, Equatable {
    /// Beats seen in training, sorted; the code is the index.
    package var beats: [String]
    /// Districts seen in training, sorted.
    package var districts: [String]
    /// Primary types seen in training, sorted (the primary_type feature's vocabulary).
    package var primaryTypes: [String]
    /// The most common Location Description values of the training window, sorted.
    package var locations: [String]
    /// Every Location Description of the training window, sorted (the empty one included): a
    /// request's location outside it is unseen.
    package var seenLocations: [String]
    /// Per beat: district, community area and mean position, to complete a request.
    package var beatProfiles: [String: BeatProfile]
    /// Whether the primary type is a feature (arrest and domestic only).
    package var usesPrimaryType: Bool
    /// Whether training masked the optional inputs (location, crime type) on a share of its rows,
    /// so that every split learnt where "not given" goes. False for models saved before that (the
    /// key is absent): they read a missing input with an arbitrary default and are not served.
    package var learnsMissingInputs: Bool
    /// The training window's label shares by beat, location, … as more columns; nil for models
    /// without them (every model but property, and property models saved before them).
    package var labelShares: LabelShares?

    /// Column indices of the optional inputs.
    static let locationGroupColumn = 11, locationDescriptionColumn = 12, primaryTypeColumn = 13

    private var beatCodes: [String: Int] = [:]
    private var districtCodes: [String: Int] = [:]
    private var typeCodes: [String: Int] = [:]
    private var locationCodes: [String: Int] = [:]
    private var seenLocationSet: Set<String> = []
    private var locationsByKey: [String: String] = [:]
    private var typesByKey: [String: String] = [:]

    private enum CodingKeys: String, CodingKey {
        case beats, districts, primaryTypes, locations, seenLocations, beatProfiles, usesPrimaryType, learnsMissingInputs, labelShares
    }

    package init(beats: [String], districts: [String], primaryTypes: [String], locations: [String], seenLocations: [String],
                beatProfiles: [String: BeatProfile], usesPrimaryType: Bool, learnsMissingInputs: Bool,
                labelShares: LabelShares? = nil) {
        self.beats = beats
        self.districts = districts
        self.primaryTypes = primaryTypes
        self.locations = locations
        self.seenLocations = seenLocations
        self.beatProfiles = beatProfiles
        self.usesPrimaryType = usesPrimaryType
        self.learnsMissingInputs = learnsMissingInputs
        self.labelShares = labelShares
        buildCodes()
    }

    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        beats = try container.decode([String].self, forKey: .beats)
        districts = try container.decode([String].self, forKey: .districts)
        primaryTypes = try container.decode([String].self, forKey: .primaryTypes)
        locations = try container.decode([String].self, forKey: .locations)
        seenLocations = try container.decodeIfPresent([String].self, forKey: .seenLocations) ?? locations
        beatProfiles = try container.decode([String: BeatProfile].self, forKey: .beatProfiles)
        usesPrimaryType = try container.decode(Bool.self, forKey: .usesPrimaryType)
        learnsMissingInputs = try container.decodeIfPresent(Bool.self, forKey: .learnsMissingInputs) ?? false
        labelShares = try container.decodeIfPresent(LabelShares.self, forKey: .labelShares)
        buildCodes()
    }

    private mutating func buildCodes() {
        beatCodes = Self.positions(beats)
        districtCodes = Self.positions(districts)
        typeCodes = Self.positions(primaryTypes)
        locationCodes = Self.positions(locations)
        seenLocationSet = Set(seenLocations)
        locationsByKey = Self.byKey(seenLocations)
        typesByKey = Self.byKey(primaryTypes)
    }

    private static func positions(_ names: [String]) -> [String: Int] {
        Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Names by their case- and space-insensitive key (the first name of a key wins).
    private static func byKey(_ names: [String]) -> [String: String] {
        Dictionary(names.filter { !key($0).isEmpty }.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
    }

    private static func key(_ name: String) -> String {
        name.uppercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// The same vocabularies with or without the primary_type feature.
    package func with(usesPrimaryType: Bool) -> FeatureEncoding {
        var copy = self
        copy.usesPrimaryType = usesPrimaryType
        return copy
    }

    /// The column names, in order.
    var featureNames: [String] {
        let base = ["hour", "day_of_week", "month", "weekend", "quarter", "shift", "beat", "district",
                    "community_area", "latitude", "longitude", "location_group", "location_description"]
        return (usesPrimaryType ? base + ["primary_type"] : base) + (labelShares?.featureNames ?? [])
    }

    /// Number of columns before the label shares.
    var baseFeatureCount: Int { usesPrimaryType ? 14 : 13 }

    /// Number of columns.
    var featureCount: Int { baseFeatureCount + (labelShares?.keys.count ?? 0) }

    /// Whether the training window saw this beat.
    func knows(beat: String) -> Bool { beatCodes[beat] != nil }

    /// A Location Description as given: not given (nil), seen in training (exactly, or but for
    /// case and spacing), or unseen.
    func lookUpLocation(_ given: String?) -> CategoryLookup {
        guard let given else { return .notGiven }
        if seenLocationSet.contains(given) { return .seen(given) }
        let key = Self.key(given)
        guard !key.isEmpty else { return .notGiven }
        return locationsByKey[key].map { .seen($0) } ?? .unseen(given)
    }

    /// A crime type as given, against the training window's types (as ``lookUpLocation(_:)``).
    func lookUpType(_ given: String?) -> CategoryLookup {
        guard let given else { return .notGiven }
        if typeCodes[given] != nil { return .seen(given) }
        let key = Self.key(given)
        guard !key.isEmpty else { return .notGiven }
        return typesByKey[key].map { .seen($0) } ?? .unseen(given)
    }

    /// The location_group and location_description columns of a looked-up location: both
    /// missing unless it was seen; a seen value too rare for its own code keeps its group.
    func locationColumns(_ lookup: CategoryLookup) -> (group: Float, code: Float) {
        guard case .seen(let value) = lookup else { return (.nan, .nan) }
        return (Float(LocationGroup.of(value).rawValue), locationCodes[value].map(Float.init) ?? .nan)
    }

    /// The primary_type column of a looked-up type: missing unless seen.
    func typeColumn(_ lookup: CategoryLookup) -> Float {
        guard case .seen(let value) = lookup, let code = typeCodes[value] else { return .nan }
        return Float(code)
    }

    /// Appends the incident's columns to `row`.
    package func encode(_ incident: IncidentFeatures, into row: inout [Float]) {
        let lookup = lookUpLocation(incident.locationDescription)
        let location = locationColumns(lookup)
        encode(hour: incident.hour, dayOfWeek: incident.dayOfWeek, month: incident.month,
               beatCode: beatCodes[incident.beat], districtCode: districtCodes[incident.district],
               communityArea: incident.communityArea, latitude: incident.latitude.map(Float.init),
               longitude: incident.longitude.map(Float.init), locationGroup: location.group, locationCode: location.code,
               typeCode: typeColumn(lookUpType(incident.primaryType)), into: &row)
        if let labelShares { row.append(contentsOf: labelShares.columns(incident, location: lookup)) }
    }

    /// Appends columns from already-looked-up codes (the bulk path used in training; `NaN` is
    /// missing). The label shares are not among them: training adds its out-of-fold ones.
    func encode(hour: Int, dayOfWeek: Int, month: Int, beatCode: Int?, districtCode: Int?, communityArea: Int,
                latitude: Float?, longitude: Float?, locationGroup: Float, locationCode: Float, typeCode: Float,
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
        row.append(locationGroup)
        row.append(locationCode)
        if usesPrimaryType { row.append(typeCode) }
    }
}

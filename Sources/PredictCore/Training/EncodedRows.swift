import CivilTime

/// Rows of an ``IncidentTable`` encoded once with all fourteen columns (primary type last), so
/// each model takes the columns it may use.
///
/// Each row goes through the serving lookups (``FeatureEncoding/lookUpLocation(_:)``), so a
/// validation or test row whose location the training window never saw is encoded as a request
/// giving it would be. With a ``MissingInputMask`` (training rows only), the masked rows' optional
/// inputs are missing.
struct EncodedRows {
    let values: [Float]
    let count: Int
    static let fullWidth = 14

    init(table: IncidentTable, indices: [Int], encoding: FeatureEncoding, mask: MissingInputMask? = nil) {
        let full = encoding.with(usesPrimaryType: true)
        let beatCodes = Self.codes(table.beatNames.names, encoding.beats)
        let districtCodes = Self.codes(table.districtNames.names, encoding.districts)
        let typeColumns = table.typeNames.names.map { full.typeColumn(full.lookUpType($0)) }
        let locationColumns = table.locationNames.names.map { full.locationColumns(full.lookUpLocation($0)) }
        var values: [Float] = []
        values.reserveCapacity(indices.count * Self.fullWidth)
        for (position, index) in indices.enumerated() {
            let time = LocalDateTime(localSeconds: table.localSeconds[index])
            let latitude = table.latitudes[index], longitude = table.longitudes[index]
            let masked = mask?.rows[position] ?? (location: false, type: false)
            let location = masked.location ? (group: Float.nan, code: Float.nan) : locationColumns[Int(table.locations[index])]
            full.encode(hour: time.hour, dayOfWeek: time.dayOfWeekFromMonday, month: time.month,
                        beatCode: beatCodes[Int(table.beats[index])], districtCode: districtCodes[Int(table.districts[index])],
                        communityArea: Int(table.communityAreas[index]),
                        latitude: latitude.isNaN ? nil : latitude, longitude: longitude.isNaN ? nil : longitude,
                        locationGroup: location.group, locationCode: location.code,
                        typeCode: masked.type ? .nan : typeColumns[Int(table.types[index])], into: &values)
        }
        self.values = values
        self.count = indices.count
    }

    /// Interned code -> vocabulary index (nil when the vocabulary lacks the name).
    private static func codes(_ names: [String], _ vocabulary: [String]) -> [Int?] {
        let positions = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        return names.map { positions[$0] }
    }

    /// Whether row `position`'s location columns are missing (masked, or never seen in training).
    func locationMissing(_ position: Int) -> Bool {
        values[position * Self.fullWidth + FeatureEncoding.locationGroupColumn].isNaN
    }

    /// The matrix of the first `width` columns (13 without, 14 with the primary type), for `rows` (all when nil),
    /// each row followed by its `extra` columns (`extra.width` per row of this set, e.g. label shares).
    /// With `types`, the columns carry XGBoost feature types ("c" categorical).
    func matrix(width: Int, labels: [Float], rows: [Int]? = nil, types: [String]? = nil,
                extra: (values: [Float], width: Int)? = nil) throws(XGBoostError) -> XGBoostMatrix {
        let selected = rows ?? Array(0..<count)
        let extraWidth = extra?.width ?? 0
        var slice: [Float] = []
        slice.reserveCapacity(selected.count * (width + extraWidth))
        for row in selected {
            let start = row * Self.fullWidth
            slice.append(contentsOf: values[start..<(start + width)])
            if let extra { slice.append(contentsOf: extra.values[(row * extraWidth)..<((row + 1) * extraWidth)]) }
        }
        if let types { return try XGBoostMatrix.typed(values: slice, rows: selected.count, types: types, labels: labels) }
        return try XGBoostMatrix(values: slice, rows: selected.count, columns: width + extraWidth, labels: labels)
    }
}

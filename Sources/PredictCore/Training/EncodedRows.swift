/// Rows of an ``IncidentTable`` encoded once with all fourteen columns (primary type last), so
/// each model takes the columns it may use.
struct EncodedRows {
    let values: [Float]
    let count: Int
    static let fullWidth = 14

    init(table: IncidentTable, indices: [Int], encoding: FeatureEncoding) {
        let full = encoding.with(usesPrimaryType: true)
        let beatCodes = Self.codes(table.beatNames.names, encoding.beats)
        let districtCodes = Self.codes(table.districtNames.names, encoding.districts)
        let typeCodes = Self.codes(table.typeNames.names, encoding.primaryTypes)
        let locationCodes = Self.codes(table.locationNames.names, encoding.locations)
        let groups = table.locationNames.names.map(LocationGroup.of)
        var values: [Float] = []
        values.reserveCapacity(indices.count * Self.fullWidth)
        for index in indices {
            let time = LocalTime(localSeconds: table.localSeconds[index])
            let latitude = table.latitudes[index], longitude = table.longitudes[index]
            full.encode(hour: time.hour, dayOfWeek: time.dayOfWeek, month: time.month,
                        beatCode: beatCodes[Int(table.beats[index])], districtCode: districtCodes[Int(table.districts[index])],
                        communityArea: Int(table.communityAreas[index]),
                        latitude: latitude.isNaN ? nil : latitude, longitude: longitude.isNaN ? nil : longitude,
                        group: groups[Int(table.locations[index])],
                        locationCode: locationCodes[Int(table.locations[index])], typeCode: typeCodes[Int(table.types[index])], into: &values)
        }
        self.values = values
        self.count = indices.count
    }

    /// Interned code -> vocabulary index (nil when the vocabulary lacks the name).
    private static func codes(_ names: [String], _ vocabulary: [String]) -> [Int?] {
        let positions = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        return names.map { positions[$0] }
    }

    /// The matrix of the first `width` columns (13 without, 14 with the primary type), for `rows` (all when nil).
    func matrix(width: Int, labels: [Float], rows: [Int]? = nil) throws(XGBoostError) -> XGBoostMatrix {
        let selected = rows ?? Array(0..<count)
        var slice: [Float] = []
        slice.reserveCapacity(selected.count * width)
        for row in selected {
            let start = row * Self.fullWidth
            slice.append(contentsOf: values[start..<(start + width)])
        }
        return try XGBoostMatrix(values: slice, rows: selected.count, columns: width, labels: labels)
    }
}

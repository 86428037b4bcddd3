import CivilTime
import Contracts

/// Training rows held compactly: parallel columns with strings interned.
package struct IncidentTable: Sendable {
    /// Local wall-clock seconds since 1970-01-01T00:00.
    package private(set) var localSeconds: [Int64] = []
    var beats: [Int32] = []
    var districts: [Int32] = []
    var communityAreas: [Int32] = []
    var latitudes: [Float] = []
    var longitudes: [Float] = []
    var locations: [Int32] = []
    var types: [Int32] = []
    var arrests: [Bool] = []
    var domestics: [Bool] = []
    var beatNames = StringInterner()
    var districtNames = StringInterner()
    var locationNames = StringInterner()
    var typeNames = StringInterner()

    package init() {}

    /// Number of rows.
    package var count: Int { localSeconds.count }

    /// Appends rows as the ingest service's ListTrainingRows returns them.
    package mutating func append(contentsOf rows: [TrainingRow]) {
        for row in rows {
            localSeconds.append(row.occurredLocalSeconds)
            beats.append(beatNames.code(row.area))
            districts.append(districtNames.code(row.district))
            communityAreas.append(row.communityArea)
            latitudes.append(row.hasLocation ? Float(row.lat) : .nan)
            longitudes.append(row.hasLocation ? Float(row.lon) : .nan)
            locations.append(locationNames.code(row.locationDescription))
            types.append(typeNames.code(row.primaryType))
            arrests.append(row.arrest)
            domestics.append(row.domestic)
        }
    }

    /// The primary type of row `index`.
    package func primaryType(_ index: Int) -> String { typeNames.names[Int(types[index])] }
    /// The beat of row `index`.
    package func beat(_ index: Int) -> String { beatNames.names[Int(beats[index])] }
    /// Whether row `index` led to an arrest.
    package func arrest(_ index: Int) -> Bool { arrests[index] }
    /// Whether row `index` is domestic-related.
    package func domestic(_ index: Int) -> Bool { domestics[index] }

    /// The incident of row `index`, as a request would describe it.
    package func features(_ index: Int) -> IncidentFeatures {
        let time = LocalDateTime(localSeconds: localSeconds[index])
        return IncidentFeatures(
            hour: time.hour, dayOfWeek: time.dayOfWeekFromMonday, month: time.month, beat: beat(index),
            district: districtNames.names[Int(districts[index])], communityArea: Int(communityAreas[index]),
            latitude: latitudes[index].isNaN ? nil : Double(latitudes[index]),
            longitude: longitudes[index].isNaN ? nil : Double(longitudes[index]),
            locationDescription: locationNames.names[Int(locations[index])], primaryType: primaryType(index))
    }
}

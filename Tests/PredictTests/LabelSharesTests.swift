import CivilTime
import Contracts
@testable import PredictCore
import Testing

/// The property model's label-share columns as plain values: smoothed shares from the training
/// window, each training row's share leaving its own month fold out, and serving's lookup of a
/// request (by name) giving the same numbers as training's integer codes.
struct LabelSharesTests {
    /// Two beats over two months: beat A 3 of 4 property in January, 1 of 2 in February; beat B
    /// never property; all at one STREET cell except one row without a position.
    static func table() -> IncidentTable {
        var table = IncidentTable()
        func row(_ beat: String, month: Int, _ type: String, location: String = "STREET", position: Bool = true) -> TrainingRow {
            TrainingRow(occurredLocalSeconds: LocalDateTime.localSeconds(year: 2015, month: month, day: 10) + 3600 * 14,
                        area: beat, district: "1", communityArea: 1, lat: 41.8801, lon: -87.6301, locationDescription: location,
                        primaryType: type, hasLocation: position)
        }
        table.append(contentsOf: [
            row("A", month: 1, "THEFT"), row("A", month: 1, "THEFT"), row("A", month: 1, "BURGLARY"), row("A", month: 1, "BATTERY"),
            row("A", month: 2, "THEFT"), row("A", month: 2, "ASSAULT", location: "RESIDENCE"),
            row("B", month: 2, "BATTERY", position: false), row("B", month: 1, "NARCOTICS"),
        ])
        return table
    }

    static let property: Set<String> = ["THEFT", "BURGLARY"]

    @Test func wholeWindowSharesAreSmoothedTowardTheOverallShare() throws {
        let table = Self.table()
        let counts = LabelShareCounts(keys: ShareKey.allCases, table: table, trainRows: Array(0..<table.count),
                                      locationMissing: { _ in false }, label: { Self.property.contains(table.primaryType($0)) })
        let shares = counts.shares(table: table)
        #expect(shares.overall == 4.0 / 8.0)
        let m = LabelShares.smoothed(positives: 0, count: 0, overall: 0.5)
        #expect(m == 0.5)
        let beatTable = try #require(shares.tables.first)
        #expect(beatTable["A"] == Float((4 + 20 * 0.5) / (6 + 20.0)))
        #expect(beatTable["B"] == Float((0 + 20 * 0.5) / (2 + 20.0)))
        // Serving: a request at the same place finds every table's value by name.
        let incident = IncidentFeatures(hour: 14, dayOfWeek: 5, month: 3, beat: "A", district: "1", communityArea: 1,
                                        latitude: Double(Float(41.8801)), longitude: Double(Float(-87.6301)),
                                        locationDescription: "STREET", primaryType: nil)
        let columns = shares.columns(incident, location: .seen("STREET"))
        #expect(columns.count == ShareKey.allCases.count && !columns.contains { $0.isNaN })
        let cell = try #require(ShareKey.allCases.firstIndex(of: .cell))
        // Seven rows with a position at the one cell, four of them property.
        #expect(columns[cell] == Float((4 + 20 * 0.5) / (7 + 20.0)))
        // Not given, or no position: those columns are missing; an unknown key reads as the overall share.
        let notGiven = shares.columns(incident, location: .notGiven)
        #expect(notGiven[0] == columns[0] && notGiven[1].isNaN && notGiven[2].isNaN && notGiven[4].isNaN)
        var elsewhere = incident
        elsewhere.latitude = 42.0
        #expect(shares.columns(elsewhere, location: .seen("STREET"))[cell] == 0.5)
        elsewhere.latitude = nil
        #expect(shares.columns(elsewhere, location: .seen("STREET"))[cell].isNaN)
    }

    @Test func aTrainingRowSeesOnlyTheOtherFolds() {
        let table = Self.table()
        let counts = LabelShareCounts(keys: [.beat, .location], table: table, trainRows: Array(0..<table.count),
                                      locationMissing: { $0 == 4 }, label: { Self.property.contains(table.primaryType($0)) })
        // Row 0 (beat A, January): only A's February rows count, 1 of 2.
        #expect(counts.outOfFoldColumns(table: table, row: 0, locationMissing: false)[0] == Float((1 + 20 * 0.5) / (2 + 20.0)))
        // Row 4 (A, February, THEFT) with its location masked: the location column is missing.
        let masked = counts.outOfFoldColumns(table: table, row: 4, locationMissing: true)
        #expect(masked[0] == Float((3 + 20 * 0.5) / (4 + 20.0)) && masked[1].isNaN)
        #expect(LabelShareCounts.fold(table.localSeconds[0]) != LabelShareCounts.fold(table.localSeconds[4]))
    }

    /// The time × place keys: training's integer codes and serving's names agree (2015-01-10 is a
    /// Saturday, weekday 5; hour 14 is band 3), and a row's own month is never among its shares.
    @Test func timeAndPlaceKeysMatchBetweenTrainingAndServing() throws {
        let table = Self.table()
        let keys: [ShareKey] = [.beatHourBand, .locationWeekday, .beatMonth]
        let counts = LabelShareCounts(keys: keys, table: table, trainRows: Array(0..<table.count),
                                      locationMissing: { _ in false }, label: { Self.property.contains(table.primaryType($0)) })
        let shares = counts.shares(table: table)
        let january = IncidentFeatures(hour: 14, dayOfWeek: 5, month: 1, beat: "A", district: "1", communityArea: 1,
                                       latitude: nil, longitude: nil, locationDescription: "STREET", primaryType: nil)
        let columns = shares.columns(january, location: .seen("STREET"))
        // Beat A at 12–15 h: six rows, four property. STREET on Saturdays: A's four January rows and
        // B's narcotics, three property. Beat A in January: four rows, three property.
        #expect(columns == [Float((4 + 10) / 26.0), Float((3 + 10) / 25.0), Float((3 + 10) / 24.0)])
        var otherBand = january
        otherBand.hour = 3
        #expect(shares.columns(otherBand, location: .seen("STREET"))[0] == 0.5)
        #expect(shares.columns(january, location: .notGiven)[1].isNaN)
        // Row 0 (A, January 2015): no other fold holds beat A in January, so its beat × month share is the overall share.
        #expect(counts.outOfFoldColumns(table: table, row: 0, locationMissing: false)[2] == 0.5)
    }
}

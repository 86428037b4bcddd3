import Contracts
@testable import HeatmapCore
import Testing

/// The index snapshot encoding, no database: a city index fed timed, month-only, unlocated and
/// removed incidents decodes to the same index (dump comparison, extent included) and answers the
/// same; truncated, extended or foreign bytes are refused with an error, never a crash.
@Suite("Index snapshot encoding")
struct SnapshotCodecTests {
    /// A small index over Chicago and a police.uk force: deltas of every kind, some removed again.
    static func sampleIndex() throws -> RollupIndex {
        var entries: [OutboxEntry] = []
        let types = ["THEFT", "BATTERY", "NARCOTICS"], areas = ["0111", "0112", "1834"]
        for position in 1...4 {
            var deltas: [IncidentDelta] = []
            for n in 0..<500 {
                let seconds = Int64(1_483_228_800 + (position * 500 + n) * 5_407)
                deltas.append(IncidentDelta(
                    sign: 1, city: "chicago", area: areas[n % 3], primaryType: types[n % 3], category: n % 2 == 0 ? "property" : "violent",
                    occurredLocalSeconds: seconds, arrest: n % 4 == 0, domestic: n % 5 == 0, hasLocation: n % 7 != 0,
                    lon: -87.7 + Double(n % 50) * 0.003, lat: 41.85 + Double(n % 40) * 0.004))
                if n % 9 == 0 {
                    deltas.append(IncidentDelta(sign: -1, city: "chicago", area: areas[n % 3], primaryType: types[n % 3],
                                                category: "property", occurredLocalSeconds: seconds, arrest: n % 4 == 0,
                                                domestic: n % 5 == 0, hasLocation: false))
                }
                deltas.append(IncidentDelta(
                    sign: 1, city: "uk-metropolitan", area: "E0100\(n % 4)", primaryType: "Burglary", category: "Burglary",
                    occurredLocalSeconds: 1_483_228_800 + Int64(n % 12) * 2_678_400, monthOnly: true, hasLocation: true,
                    lon: -0.1 + Double(n % 30) * 0.002, lat: 51.5 + Double(n % 20) * 0.002))
            }
            entries.append(OutboxEntry(position: Int64(position), deltas: deltas))
        }
        let index = RollupIndex()
        index.replace(with: RollupSnapshot(cities: [:], position: 0))
        for entry in entries {
            index.apply(try RollupBatch(entries: [entry], position: entry.position), expecting: entry.position - 1)
        }
        return index
    }

    @Test func roundTripKeepsEveryCell() throws {
        let index = try Self.sampleIndex()
        #expect(index.position == 4)
        for city in index.cities {
            let decoded = try CityRollupIndex.decode(city.encoded())
            IndexDump(decoded).expectEqual(to: IndexDump(city))
            #expect(decoded.newestHour == city.newestHour && decoded.availableMonths == city.availableMonths)
            let query = BeatQuery(city: city.city)
            #expect(decoded.query(query).total == city.query(query).total)
        }
        let chicago = try #require(index.city("chicago"))
        #expect(chicago.extent != nil && chicago.newestHour != nil && chicago.hourly.cellCount > 0)
        #expect(try #require(index.city("uk-metropolitan")).hourly.cellCount == 0, "month-only incidents have no hours")
    }

    @Test func damagedBytesAreRefused() throws {
        let bytes = try #require(try Self.sampleIndex().city("chicago")).encoded()
        for cut in [0, 3, 5, 40, bytes.count / 2, bytes.count - 1] {
            #expect(throws: SnapshotFormatError.self) { try CityRollupIndex.decode(Array(bytes.prefix(cut))) }
        }
        #expect(throws: SnapshotFormatError.self) { try CityRollupIndex.decode(bytes + [0]) }
        var foreign = bytes
        foreign[4] = 99
        #expect(throws: SnapshotFormatError.self) { try CityRollupIndex.decode(foreign) }
    }
}

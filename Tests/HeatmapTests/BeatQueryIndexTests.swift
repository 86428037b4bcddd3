import CivilTime
import Contracts
@testable import HeatmapCore
import Testing

/// ``CityRollupIndex/query(_:)`` (which reads per-year (area, hour) and (type, hour) sums, or one
/// type's cells) against a brute-force sum over every cell, on Chicago 2017 from the raw file
/// plus month-only cells in another year and negative deltas (as batches from the outbox carry
/// them), for many filter combinations. No database.
@Suite("Beat query over the index vs a brute-force sum")
struct BeatQueryIndexTests {
    /// One (year, area, type, hour) cell of the brute-force copy.
    struct CellKey: Hashable {
        let year: Int
        let area: String
        let primaryType: String
        let hour: Int
    }

    @Test func queryEqualsBruteForceSum() async throws {
        let incidents = try await ChicagoIncidents.load("chicago-crimes/chicago_crimes_2017.csv.xz").incidents
        #expect(incidents.count == 267_792)
        var index = CityRollupIndex(city: "chicago")
        var cells: [CellKey: RollupCounts] = [:]
        func add(_ key: CellKey, month: Int, _ counts: RollupCounts) {
            index.add(area: key.area, primaryType: key.primaryType, year: key.year, month: month, hour: key.hour, counts: counts)
            cells[key, default: RollupCounts()] += counts
        }
        for (number, incident) in incidents.enumerated() {
            let local = LocalDateTime(localSeconds: incident.localSeconds)
            let counts = RollupCounts(incidents: 1, arrests: incident.arrest ? 1 : 0, domestic: incident.domestic ? 1 : 0)
            add(CellKey(year: local.year, area: incident.area, primaryType: incident.primaryType, hour: local.hour),
                month: incident.month, counts)
            if number % 3 == 0 {
                // Month-only incidents (no hour) of an earlier year.
                add(CellKey(year: 2016, area: incident.area, primaryType: incident.primaryType, hour: -1), month: incident.month, counts)
            }
            if number % 5 == 0 {
                // Removed again by a later batch: cells that shrink or net to zero.
                add(CellKey(year: local.year, area: incident.area, primaryType: incident.primaryType, hour: local.hour),
                    month: incident.month, RollupCounts(incidents: -1, arrests: -counts.arrests, domestic: -counts.domestic))
            }
        }
        let types = Dictionary(grouping: incidents, by: \.primaryType).mapValues(\.count)
            .sorted { $0.value > $1.value }.map(\.key)
        let typeChoices: [String?] = [nil, "NO SUCH TYPE"] + (types.prefix(4) + types.suffix(3)).map { Optional($0) }
        let yearChoices: [(Int?, Int?)] = [(nil, nil), (2016, 2016), (2017, 2017), (2016, 2017), (2017, nil), (nil, 2016), (2018, nil)]
        let hourChoices: [HourFilter?] = [nil, HourFilter(minimum: 0, maximum: 0), HourFilter(minimum: 23, maximum: 6),
                                          HourFilter(minimum: 7, maximum: 18), HourFilter(minimum: 18, maximum: 22),
                                          HourFilter(minimum: 0, maximum: 23), HourFilter(minimum: 12, maximum: 11),
                                          HourFilter(minimum: 5, maximum: 5)]
        var checked = 0
        for (yearFrom, yearTo) in yearChoices {
            for hours in hourChoices {
                for primaryType in typeChoices {
                    let query = BeatQuery(city: "chicago", yearFrom: yearFrom, yearTo: yearTo, hours: hours, primaryType: primaryType)
                    let result = index.query(query)
                    expect(result, equals: Self.bruteForce(query, cells), query)
                    if hours == nil || primaryType == nil {
                        let request = BeatHeatmapRequest(city: "chicago", yearFrom: Int32(yearFrom ?? 0), yearTo: Int32(yearTo ?? 0),
                                                         primaryType: primaryType ?? "")
                        #expect(BeatHeatmapReply(result, request: request, timeZone: "America/Chicago").bytes
                                == Self.response(result, request: request, timeZone: "America/Chicago").serializedBytes())
                    }
                    checked += 1
                }
            }
        }
        #expect(checked == yearChoices.count * hourChoices.count * typeChoices.count)
    }

    @Test func replyBytesEqualProtobufCs() {
        var result = BeatHeatmap(areas: [("0111", RollupCounts(incidents: 300, arrests: 0, domestic: 7)), ("", RollupCounts()),
                                         ("ünï \"c\"", RollupCounts(incidents: -1, arrests: Int64.min, domestic: Int64.max))],
                                 total: RollupCounts(incidents: 1 << 40), maxIncidents: 300,
                                 crimeTypes: [("THEFT", 42), ("", 0), ("BATTERY", -5)])
        let requests = [BeatHeatmapRequest(city: "chicago", year: 2017, hours: HourRange(hourMin: 23, hourMax: 6), primaryType: "THEFT"),
                        BeatHeatmapRequest(city: "nyc", yearFrom: -3, yearTo: 0, hours: HourRange(hourMin: 0, hourMax: 0)),
                        BeatHeatmapRequest()]
        for request in requests {
            for timeZone in ["America/Chicago", ""] {
                #expect(BeatHeatmapReply(result, request: request, timeZone: timeZone).bytes
                        == Self.response(result, request: request, timeZone: timeZone).serializedBytes())
            }
        }
        result = BeatHeatmap()
        #expect(BeatHeatmapReply(result, request: requests[2], timeZone: "").bytes
                == Self.response(result, request: requests[2], timeZone: "").serializedBytes())
    }

    /// The reply as it was built before ``BeatHeatmapReply``: contracts' structs packed by protobuf-c.
    static func response(_ result: BeatHeatmap, request: BeatHeatmapRequest, timeZone: String) -> BeatHeatmapResponse {
        BeatHeatmapResponse(
            areas: result.areas.map { AreaCounts(area: $0.area, counts: Counts($0.counts)) },
            total: Counts(result.total), maxIncidents: result.maxIncidents, filters: request,
            crimeTypes: result.crimeTypes.map { CrimeTypeCount(primaryType: $0.primaryType, incidents: $0.incidents) },
            timeZone: timeZone)
    }

    /// The answer summed cell by cell, as the index once computed it.
    static func bruteForce(_ query: BeatQuery, _ cells: [CellKey: RollupCounts]) -> BeatHeatmap {
        var areas: [String: RollupCounts] = [:], types: [String: Int64] = [:]
        for (key, counts) in cells where query.includes(year: key.year) {
            if let hours = query.hours, !hours.contains(Int8(key.hour)) { continue }
            types[key.primaryType, default: 0] += counts.incidents
            if let wanted = query.primaryType, key.primaryType != wanted { continue }
            areas[key.area, default: RollupCounts()] += counts
        }
        var result = BeatHeatmap()
        for (area, counts) in areas.sorted(by: { $0.key < $1.key }) where counts.incidents > 0 {
            result.areas.append((area, counts))
            result.total += counts
            result.maxIncidents = max(result.maxIncidents, counts.incidents)
        }
        result.crimeTypes = types.filter { $0.value > 0 }.map { ($0.key, $0.value) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return result
    }

    private func expect(_ actual: BeatHeatmap, equals expected: BeatHeatmap, _ query: BeatQuery,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(actual.areas.map(\.area) == expected.areas.map(\.area), "\(query)", sourceLocation: sourceLocation)
        #expect(actual.areas.map(\.counts) == expected.areas.map(\.counts), "\(query)", sourceLocation: sourceLocation)
        #expect(actual.total == expected.total && actual.maxIncidents == expected.maxIncidents, "\(query)",
                sourceLocation: sourceLocation)
        #expect(actual.crimeTypes.map(\.primaryType) == expected.crimeTypes.map(\.primaryType), "\(query)",
                sourceLocation: sourceLocation)
        #expect(actual.crimeTypes.map(\.incidents) == expected.crimeTypes.map(\.incidents), "\(query)",
                sourceLocation: sourceLocation)
    }
}

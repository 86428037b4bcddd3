import Contracts
import Testing

/// Hand-computed protobuf encodings of `crimescope.heatmap.v1` and its enum fallback.
@Suite("crimescope.heatmap.v1 encodings match the protobuf wire format")
struct HeatmapWireFormatTests {
    @Test func monthGridPacksItsSparseCells() throws {
        // month 1, cell_index [300, 1] packed, count [2] packed, total 3, missing true.
        let grid = MonthGrid(month: 1, cellIndex: [300, 1], count: [2], total: 3, missing: true)
        let expected: [UInt8] = [0x08, 0x01, 0x12, 0x03, 0xAC, 0x02, 0x01, 0x1A, 0x01, 0x02, 0x20, 0x03, 0x28, 0x01]
        #expect(grid.serializedBytes() == expected)
        #expect(try MonthGrid(serializedBytes: expected) == grid)
    }

    @Test func repeatedInt64IsPackedTwosComplementVarints() throws {
        // by_hour (6) [-1, 1]: -1 takes ten bytes, 1 one.
        let detail = AreaDetailResponse(byHour: [-1, 1])
        let expected: [UInt8] = [0x32, 0x0B] + Array(repeating: 0xFF, count: 9) + [0x01, 0x01]
        #expect(detail.serializedBytes() == expected)
        #expect(try AreaDetailResponse(serializedBytes: expected) == detail)
    }

    @Test func hourRangeAbsentVersusAllZero() throws {
        // Absent means all hours; a present HourRange 0..0 is hour 0 only, and must survive.
        #expect(BeatHeatmapRequest().serializedBytes() == [])
        #expect(BeatHeatmapRequest(hours: HourRange()).serializedBytes() == [0x2A, 0x00])
        #expect(try BeatHeatmapRequest(serializedBytes: [0x2A, 0x00]).hours == HourRange())
        #expect(try BeatHeatmapRequest(serializedBytes: []).hours == nil)
        // 22 -> 5 wraps midnight.
        let wrapping = BeatHeatmapRequest(hours: HourRange(hourMin: 22, hourMax: 5))
        #expect(wrapping.serializedBytes() == [0x2A, 0x04, 0x08, 0x16, 0x10, 0x05])
    }

    @Test func negativeInt64Coordinates() {
        // q (1) = -2, r (2) = 3.
        let cell = HexCell(q: -2, r: 3)
        #expect(cell.serializedBytes() == [0x08, 0xFE] + Array(repeating: 0xFF, count: 8) + [0x01, 0x10, 0x03])
    }

    @Test func doubleField() {
        // tolerance_meters (2) = 0.5 = 0x3FE0000000000000.
        #expect(AreaShapesRequest(toleranceMeters: 0.5).serializedBytes() == [0x11, 0, 0, 0, 0, 0, 0, 0xE0, 0x3F])
    }

    @Test func nestedCommonMessage() throws {
        // bounds (3) = BoundingBox{min_lon 1.0}.
        let response = YearGridsResponse(bounds: BoundingBox(minLon: 1))
        let expected: [UInt8] = [0x1A, 0x09, 0x09, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F]
        #expect(response.serializedBytes() == expected)
        #expect(try YearGridsResponse(serializedBytes: expected) == response)
    }

    @Test func repeatedStrings() {
        let city = City(availableMonths: ["2024-01", "2024-02"])
        #expect(city.serializedBytes() == [0x2A, 0x07] + Array("2024-01".utf8) + [0x2A, 0x07] + Array("2024-02".utf8))
    }

    @Test func granularityIsAVarintAndUnknownNumbersAreKept() throws {
        #expect(WindowHeatmapResponse(granularity: .monthly).serializedBytes() == [0x20, 0x04])
        #expect(try WindowHeatmapResponse(serializedBytes: [0x20, 0x09]).granularity == .unrecognized(9))
        #expect(try WindowHeatmapResponse(serializedBytes: [0x20, 0x02]).granularity == .daily)
        #expect(Granularity.allCases.map(\.name) == [
            "GRANULARITY_UNSPECIFIED", "GRANULARITY_HOURLY", "GRANULARITY_DAILY", "GRANULARITY_WEEKLY", "GRANULARITY_MONTHLY",
        ])
    }

    @Test func emptyRequestDecodesFromNoBytes() throws {
        #expect(ListCitiesRequest().serializedBytes().isEmpty)
        #expect(try ListCitiesRequest(serializedBytes: []) == ListCitiesRequest())
        // Unknown fields are skipped (field 15, a varint; field 1 is min_position).
        #expect(try ListCitiesRequest(serializedBytes: [0x78, 0x01]) == ListCitiesRequest())
        #expect(try ListCitiesRequest(serializedBytes: [0x08, 0x01]) == ListCitiesRequest(minPosition: 1))
    }
}

@testable import GatewayCore
import Testing

/// How export cells are written: RFC 4180 quoting, spreadsheet formulas defused, JSON escaping,
/// non-finite numbers as empty / null, file names from the filters.
@Suite("Gateway export encoding")
struct GatewayExportStreamTests {
    @Test func csvFieldsAreQuotedOnlyWhenTheyMustBe() {
        #expect(ExportStream.csvField("THEFT") == "THEFT")
        #expect(ExportStream.csvField("a,b") == "\"a,b\"")
        #expect(ExportStream.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(ExportStream.csvField("two\nlines") == "\"two\nlines\"")
    }

    @Test(arguments: ["=SUM(A1)", "+1", "-2", "@cmd"])
    func formulaLikeTextIsPrefixed(_ text: String) {
        #expect(ExportStream.csvField(text) == "'" + text)
    }

    @Test func jsonValuesAreEscapedAndNonFiniteNumbersAreNull() {
        #expect(ExportStream.json(.text("a\"b\\c\n\u{01}")) == #""a\"b\\c\n\u0001""#)
        #expect(ExportStream.json(.number(.nan)) == "null")
        #expect(ExportStream.json(.number(1.5)) == "1.5")
        #expect(ExportStream.json(.integer(-3)) == "-3")
        #expect(ExportStream.json(.empty) == "null")
        #expect(ExportStream.plain(.text("x\ny")) == "x y")
    }

    @Test func theFileNameHoldsTheViewTheCityAndEachFilter() {
        let header = ExportHeader(view: "heatmap", endpoint: "/api/v1/heatmap",
                                  pairs: [("year", "2017"), ("city", "chicago"), ("primary_type", "MOTOR VEHICLE THEFT")])
        #expect(header.fileStem == "crimescope-heatmap-chicago-primary_type-MOTOR_VEHICLE_THEFT-year-2017")
        let api = header.metadata([]).first { $0.0 == "api" }?.1
        #expect(api == .text("/api/v1/heatmap?city=chicago&primary_type=MOTOR%20VEHICLE%20THEFT&year=2017"))
    }
}

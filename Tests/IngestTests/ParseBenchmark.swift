import TestSupport
import Foundation
import Testing
@testable import IngestCore

/// Throughput of the Chicago CSV parser on the 2017 file. Off unless `CRIMESCOPE_PARSE_BENCH=1`;
/// run it in release with `bench/parse/run.sh`.
@Suite("Parse benchmark", .enabled(if: ProcessInfo.processInfo.environment["CRIMESCOPE_PARSE_BENCH"] == "1"))
struct ParseBenchmark {
    @Test("Chicago 2017 rows per second (tokenizer only, and full records)")
    func chicago2017() throws {
        let url = try SharedData.url("chicago-crimes/chicago_crimes_2017.csv.xz")
        // Decompress once into memory so the timing is the parser's alone (xz runs in a child process
        // during a real load, on the other core).
        let bytes = [UInt8](try AreaGeoJSONParserTests.decompressed("chicago-crimes/chicago_crimes_2017.csv.xz"))
        _ = url
        let clock = ContinuousClock()
        var fields = 0
        var tokenized = 0
        let tokenizerTime = try clock.measure {
            try CSVReader(source: MemoryByteSource(bytes)).forEachRow { row in
                tokenized += 1
                fields += row.fieldCount
            }
        }
        var records = 0
        let parserTime = try clock.measure {
            _ = try ChicagoCSVParser().parse(MemoryByteSource(bytes)) { row in
                if case .record = row { records += 1 }
            }
        }
        var streamed = 0
        let streamedTime = try clock.measure {
            _ = try ChicagoCSVParser().parse(contentsOf: url) { row in
                if case .record = row { streamed += 1 }
            }
        }
        func rate(_ rows: Int, _ duration: Duration) -> Int {
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            return Int(Double(rows) / seconds)
        }
        print("""
        parse benchmark, \(bytes.count) bytes, \(records) rows:
          tokenizer only:                \(rate(tokenized, tokenizerTime)) rows/s (\(tokenizerTime))
          full IncidentRecord, in memory: \(rate(records, parserTime)) rows/s (\(parserTime))
          full, streamed from xz -dc:     \(rate(streamed, streamedTime)) rows/s (\(streamedTime))
        """)
        #expect(records == 267_792 && streamed == 267_792 && fields == 267_793 * 20)
    }
}

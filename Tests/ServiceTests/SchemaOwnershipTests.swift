import Foundation
import TestSupport
import Testing

/// Each service owns one schema and never names another's tables: data crosses a service
/// boundary only by RPC. This reads every Swift and SQL file of each service's core and fails
/// on a qualified name in another service's schema (e.g. `ingest.incidents` in HeatmapCore).
@Suite("Services never touch another service's schema")
struct SchemaOwnershipTests {
    static let services = ["ingest": "IngestCore", "heatmap": "HeatmapCore", "predict": "PredictCore"]

    static var sourcesRoot: URL {
        Checkout.root.appendingPathComponent("Sources")
    }

    @Test(arguments: ["ingest", "heatmap", "predict"])
    func coreNamesOnlyItsOwnSchema(schema: String) throws {
        let folder = Self.sourcesRoot.appendingPathComponent(try #require(Self.services[schema]))
        let others = Self.services.keys.filter { $0 != schema }
        let pattern = try Self.qualifiedName(schemas: others)
        var files = 0
        var offences: [String] = []
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard ["swift", "sql"].contains(url.pathExtension) else { continue }
            files += 1
            let text = try String(contentsOf: url, encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where line.contains(pattern) {
                offences.append("\(url.lastPathComponent):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(files > 0, "no sources found under \(folder.path)")
        #expect(offences.isEmpty, "\(schema) names another service's schema:\n\(offences.joined(separator: "\n"))")
    }

    /// `schema.name` not preceded by a letter, digit, `_` or `.` (so `crimescope.ingest.v1` is fine)
    /// and not followed by `(` (so a client variable named after its service, `heatmap.call(…)`, is fine).
    static func qualifiedName(schemas: [String]) throws -> Regex<AnyRegexOutput> {
        try Regex("(^|[^A-Za-z0-9_.])(\(schemas.joined(separator: "|")))\\.[a-z_]+(?![A-Za-z0-9_(])")
    }

    @Test func theCheckCatchesAnOffence() throws {
        let pattern = try Self.qualifiedName(schemas: ["ingest", "predict"])
        #expect("SELECT * FROM ingest.incidents".contains(pattern))
        #expect(!"/crimescope.ingest.v1.Ingest/PullOutbox".contains(pattern))
        #expect(!"SELECT * FROM heatmap.beat_rollup".contains(pattern))
        #expect(!"try await ingest.call(Methods.Ingest.listTrainingRows, request)".contains(pattern))
        #expect("JOIN predict.models m ON m.id = p.model_id".contains(pattern))
    }
}

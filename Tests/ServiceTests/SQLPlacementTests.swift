import Foundation
import TestSupport
import Testing

/// SQL has one obvious place: each core's `Store/` (plus the `Postgres` library and test
/// support). A Swift file anywhere else holding a statement keyword fails this test.
@Suite("SQL lives in stores")
struct SQLPlacementTests {
    @Test func noStatementOutsideStores() throws {
        let root = Checkout.root.appendingPathComponent("Sources")
        let keyword = try Regex(#"\b(SELECT|INSERT|UPDATE|DELETE)\b"#)
        var files = 0
        var offenders: [String] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "swift" else { continue }
            files += 1
            let path = String(url.path.dropFirst(root.path.count + 1))
            if path.contains("/Store/") || path.hasPrefix("Postgres/") || path.hasPrefix("TestSupport/") { continue }
            if try String(contentsOf: url, encoding: .utf8).contains(keyword) { offenders.append(path) }
        }
        #expect(files > 100)
        #expect(offenders.isEmpty, "SQL outside Store/: \(offenders)")
    }
}

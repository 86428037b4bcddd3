import Foundation
import TestSupport

/// The demo's Chicago 2017 (`demo-data/chicago/chicago_crimes_2017.csv.xz`, what `scripts/up.sh`
/// loads and trains on), every Nth record: one year, so the models split it by month as the demo does.
enum DemoChicago2017 {
    /// Writes every `every`-th record (with the header) into `folder` and returns its path.
    static func write(in folder: TemporaryDirectory, every: Int) throws -> String {
        let source = Checkout.root.appendingPathComponent("demo-data/chicago/chicago_crimes_2017.csv.xz").path
        guard FileManager.default.isReadableFile(atPath: source) else {
            throw SharedData.Missing(description: "demo data missing: \(source)")
        }
        let output = folder.path("chicago-2017-every-\(every).csv")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // No record of this file spans lines.
        process.arguments = ["-c", "xz -dc '\(source)' | awk 'NR == 1 || NR % \(every) == 0' > '\(output)'"]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SharedData.Missing(description: "cutting \(source) failed") }
        return output
    }
}

import Foundation
import TestSupport

/// A small real slice of Chicago for the model tests: every 40th incident of 2015, 2016 and
/// 2017 (about 20,000 rows, so the year split is train 2015, validate 2016, test 2017), cut from
/// the shared files with `xz -dc | awk` into one CSV in `folder`.
enum ChicagoSample {
    static let years = [2015, 2016, 2017]
    static let every = 40

    /// Writes the sample CSV and returns its path.
    static func write(in folder: TemporaryDirectory) throws -> String {
        let output = folder.path("chicago-sample.csv")
        var script = ""
        for (position, year) in years.enumerated() {
            let file = try SharedData.url("chicago-crimes/chicago_crimes_\(year).csv.xz").path
            // The header once, then every Nth record (no record of these files spans lines).
            let keep = position == 0 ? "NR == 1 || NR % \(every) == 0" : "NR > 1 && NR % \(every) == 0"
            script += "xz -dc '\(file)' | awk '\(keep)' >> '\(output)' && "
        }
        script += "true"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SharedData.Missing(description: "cutting the Chicago sample failed") }
        return output
    }
}

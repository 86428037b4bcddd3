import Foundation
import TestSupport

/// A small real slice for the forecast's end-to-end test: the Chicago 2017 rows of the beats of
/// district 1 (`Beat` 01xx), cut from the shared file with `xz -dc` and a quote-aware field split.
enum ChicagoSlice {
    static let file = "chicago-crimes/chicago_crimes_2017.csv.xz"

    /// The slice as CSV bytes (header kept) and the rows per beat and Monday-started week.
    static func make(beatPrefix: String = "01") throws -> (csv: [UInt8], rows: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/xz")
        process.arguments = ["-dc", try SharedData.url(file).path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SharedData.Missing(description: "xz -dc \(file) failed") }
        // CRLF lines: "\r\n" is one Character, so split on any newline.
        var lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        guard !lines.isEmpty else { throw SharedData.Missing(description: "\(file) is empty") }
        let header = lines.removeFirst()
        var kept = [header]
        for line in lines where fields(line).dropFirst(10).first?.hasPrefix(beatPrefix) == true {
            kept.append(line)
        }
        guard kept.count > 1 else { throw SharedData.Missing(description: "no rows of beats \(beatPrefix)xx in \(file)") }
        return (Array((kept.joined(separator: "\n") + "\n").utf8), kept.count - 1)
    }

    /// Splits a CSV line on commas outside double quotes.
    static func fields(_ line: Substring) -> [Substring] {
        var result: [Substring] = []
        var start = line.startIndex, quoted = false
        for index in line.indices {
            if line[index] == "\"" { quoted.toggle() }
            if line[index] == ",", !quoted {
                result.append(line[start..<index])
                start = line.index(after: index)
            }
        }
        result.append(line[start...])
        return result
    }
}

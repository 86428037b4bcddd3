import Foundation
import TestSupport

/// Waits on a heatmap process's log: the positions of the batches it applied (logged at debug
/// level as `applied outbox batch` with `position=`), or any line. The log file is read until the
/// line is there (no event announces a write to it); a process that has exited writes no more.
enum LogWait {
    /// The position of every `applied outbox batch` line so far.
    static func appliedPositions(_ process: ServiceProcess) -> [Int64] {
        process.log().split(separator: "\n").filter { $0.contains("applied outbox batch") }.compactMap { line in
            guard let range = line.range(of: "position=") else { return nil }
            return Int64(line[range.upperBound...].prefix { $0.isNumber })
        }
    }

    /// The first applied position for which `condition` holds (nil if the process exited without one).
    static func untilApplied(_ process: ServiceProcess, _ condition: (Int64) -> Bool) async throws -> Int64? {
        try await waitForState("\(process.name) to log an applied position") { () -> Int64?? in
            let running = process.isRunning  // read before the log, so a last line written before exit is seen
            if let position = appliedPositions(process).last(where: condition) { return .some(position) }
            return running ? nil : .some(nil)
        }
    }

    /// Whether a line containing `text` appeared (false if the process exited without writing it).
    static func untilLine(_ process: ServiceProcess, containing text: String) async throws -> Bool {
        try await waitForState("\(process.name) to log \"\(text)\"") {
            let running = process.isRunning
            if process.log().contains(text) { return true }
            return running ? nil : false
        }
    }
}

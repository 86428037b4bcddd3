import Foundation
import TestSupport

/// Waits on a heatmap process's log: the positions of the batches it applied (logged at debug
/// level as `applied outbox batch` with `position=`), or any line.
enum LogWait {
    /// The position of every `applied outbox batch` line so far.
    static func appliedPositions(_ process: ServiceProcess) -> [Int64] {
        process.log().split(separator: "\n").filter { $0.contains("applied outbox batch") }.compactMap { line in
            guard let range = line.range(of: "position=") else { return nil }
            return Int64(line[range.upperBound...].prefix { $0.isNumber })
        }
    }

    /// The first applied position for which `condition` holds (nil if none within `seconds`).
    static func untilApplied(_ process: ServiceProcess, seconds: Int = 120, _ condition: (Int64) -> Bool) async throws -> Int64? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if let position = appliedPositions(process).last(where: condition) { return position }
            try await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }

    /// Whether a line containing `text` appeared within `seconds`.
    static func untilLine(_ process: ServiceProcess, containing text: String, seconds: Int = 120) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            if process.log().contains(text) { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}

import Foundation
import IngestCore
import ServiceKit

/// A load's progress on stderr through ServiceKit's ``ProgressLine`` (the one progress-line type
/// of the commands): the line rewritten in place on a terminal twice a second, a plain line every
/// 10 seconds otherwise (logs, CI).
struct ProgressReporter: Sendable {
    let name: String
    let runID: Int64
    /// Decompressed size of the file, when known, for the ETA.
    let totalBytes: Int?
    /// When the run was requested (before the run was recorded and the size looked up).
    let started: ContinuousClock.Instant
    /// The reporter's own interval paces the plain lines.
    private let line = ProgressLine(plainInterval: .zero)

    init(name: String, runID: Int64, totalBytes: Int?, started: ContinuousClock.Instant) {
        self.name = name
        self.runID = runID
        self.totalBytes = totalBytes
        self.started = started
    }

    var interval: Duration { line.isTerminal ? .milliseconds(500) : .seconds(10) }

    func report(_ progress: LoadProgress) {
        line.update(describe(progress))
    }

    func finish(_ progress: LoadProgress, outcome: LoadOutcome) {
        let seconds = max(0.001, secondsElapsed)
        let verdict = outcome.error.map { "FAILED: \($0)" } ?? "done"
        line.finish("\(name): run \(runID) \(verdict) — \(progress.rowsRead.grouped) rows in \(String(format: "%.1f", seconds)) s "
            + "(\(Int(Double(progress.rowsRead) / seconds).grouped) rows/s), \(progress.batches) batches committed")
    }

    private var secondsElapsed: Double {
        let elapsed = ContinuousClock.now - started
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func describe(_ progress: LoadProgress) -> String {
        let seconds = max(0.001, secondsElapsed)
        let rate = Double(progress.rowsRead) / seconds
        var eta = "ETA ?"
        if let totalBytes, progress.bytesRead > 0 {
            let remaining = Double(max(0, totalBytes - progress.bytesRead)) / (Double(progress.bytesRead) / seconds)
            eta = "ETA \(Int(remaining) / 60):\(String(format: "%02d", Int(remaining) % 60))"
        }
        return "\(name): run \(runID) \(progress.rowsRead.grouped) rows read, \(progress.rowsCommitted.grouped) committed, "
            + "\(Int(rate).grouped) rows/s, \(eta)"
    }
}

extension Int {
    /// `1234567` → `1,234,567`.
    var grouped: String {
        let digits = String(magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return (self < 0 ? "-" : "") + out
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A command's progress on stderr: one line rewritten in place on a terminal, or plain lines at
/// most every `plainInterval` otherwise (logs, CI) — what `ingest load` does, for any command.
package final class ProgressLine: @unchecked Sendable {
    /// Whether stderr is a terminal.
    package let isTerminal = isatty(STDERR_FILENO) == 1
    private let plainInterval: Duration
    private let lock = NSLock()
    private var lastPlain: ContinuousClock.Instant?
    private var lastText = ""

    package init(plainInterval: Duration = .seconds(10)) {
        self.plainInterval = plainInterval
    }

    /// Shows `text`: rewrites the line on a terminal; otherwise prints it when it changed and
    /// the interval has passed since the last plain line.
    package func update(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        if isTerminal {
            write("\r\u{1B}[K" + text)
        } else if text != lastText, lastPlain.map({ ContinuousClock.now - $0 >= plainInterval }) ?? true {
            lastPlain = .now
            write(text + "\n")
        }
        lastText = text
    }

    /// Prints a final line (ending the rewritten one on a terminal).
    package func finish(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        write((isTerminal ? "\r\u{1B}[K" : "") + text + "\n")
    }

    /// A text bar of `width` cells for `fraction` (0…1), e.g. `[#####     ]`.
    package static func bar(_ fraction: Double, width: Int = 30) -> String {
        let filled = Int((min(1, max(0, fraction)) * Double(width)).rounded())
        return "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "]"
    }

    private func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}

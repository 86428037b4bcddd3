import Foundation

/// Set once when a load's run has ended (succeeded or failed); a thread can block until then.
///
/// Lets a following load parse ahead while this one commits, yet commit its first batch only
/// after this one's last (see ``IngestLoader/start(_:after:)``).
final class LoadEndSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var ended = false

    /// Marks the run as ended and wakes every waiter.
    func signal() {
        condition.lock()
        ended = true
        condition.broadcast()
        condition.unlock()
    }

    /// Whether ``signal()`` happened.
    var hasEnded: Bool {
        condition.lock()
        defer { condition.unlock() }
        return ended
    }

    /// Blocks the calling thread until ``signal()``; returns at once when it already happened.
    /// Only for the loader's own threads, never the cooperative pool.
    func wait() {
        condition.lock()
        while !ended { condition.wait() }
        condition.unlock()
    }
}

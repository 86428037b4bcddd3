import Foundation
import Synchronization

/// Which role this heatmap replica holds, shared by the ``LeaderElection`` (which sets it), the
/// ``SnapshotWriter`` (which writes only as leader, with the epoch as its fencing token) and the
/// ``OutboxConsumer`` (which acknowledges the outbox only as leader).
///
/// Every replica follows the outbox into its own index and serves; only the leader writes the
/// heatmap schema. The leader acknowledges the position of the newest snapshot it knows to be
/// stored, never one it has only applied in memory, so whichever replica leads next can start
/// from that snapshot and find every entry after it still in the outbox.
package final class Leadership: Sendable {
    /// The name the leader gives ingest as the outbox consumer (one name for whichever replica
    /// leads: ingest keeps the highest position acknowledged under it, so a new leader that
    /// acknowledges an older snapshot than its predecessor moves nothing back).
    static let outboxConsumer = "heatmap"

    /// This process's name in the lease: host, pid and a random suffix (a restarted process is
    /// a new holder and waits for its predecessor's lease to expire).
    package let holder: String
    private let state = Mutex(State())
    private let onChange: @Sendable (String) -> Void

    private struct State: Sendable {
        var epoch: Int64?
        /// The position of the newest snapshot known to be stored (loaded at start or written here).
        var durablePosition: Int64 = 0
        var stopped = false
    }

    /// `onChange` hears the new role's name (`leader` or `follower`) whenever it changes.
    package init(holder: String = Leadership.defaultHolder(), onChange: @escaping @Sendable (String) -> Void = { _ in }) {
        self.holder = holder
        self.onChange = onChange
    }

    package static func defaultHolder() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UInt32.random(in: 0 ... .max))"
    }

    /// The epoch this replica leads under, or nil while it follows.
    var epoch: Int64? { state.withLock { $0.epoch } }

    /// Whether ``stop()`` was called (the process is stopping gracefully).
    var isStopped: Bool { state.withLock { $0.stopped } }

    /// `leader` or `follower`.
    var role: String { epoch == nil ? "follower" : "leader" }

    /// Records that this replica took the lease at `epoch` (ignored after ``stop()``).
    /// - Returns: whether it now leads.
    @discardableResult
    func lead(epoch: Int64) -> Bool {
        let changed = state.withLock { state -> Bool in
            guard !state.stopped else { return false }
            defer { state.epoch = epoch }
            return state.epoch != epoch
        }
        if changed { onChange(role) }
        return changed
    }

    /// Records that this replica follows (the lease was lost, fenced or released).
    func follow() {
        let changed = state.withLock { state -> Bool in
            defer { state.epoch = nil }
            return state.epoch != nil
        }
        if changed { onChange(role) }
    }

    /// Follows from now on and never leads again (graceful stop). Returns the epoch it led under.
    func stop() -> Int64? {
        let epoch = state.withLock { state -> Int64? in
            state.stopped = true
            defer { state.epoch = nil }
            return state.epoch
        }
        if epoch != nil { onChange(role) }
        return epoch
    }

    /// Records that the snapshot at `position` is stored (moves forward only).
    func snapshotStored(at position: Int64) {
        state.withLock { $0.durablePosition = max($0.durablePosition, position) }
    }

    /// What a PullOutbox after `position` acknowledges: as leader, the newest stored snapshot's
    /// position (never past `position`); nil for a follower, which acknowledges nothing.
    func acknowledgement(after position: Int64) -> (consumer: String, position: Int64)? {
        state.withLock { state in
            guard state.epoch != nil else { return nil }
            return (Self.outboxConsumer, min(state.durablePosition, position))
        }
    }
}

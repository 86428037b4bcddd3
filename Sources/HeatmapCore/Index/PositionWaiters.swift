import Synchronization

/// Callers waiting for the index's outbox position to move (Heatmap/WatchPosition). The
/// ``RollupIndex`` reports each new position; a waiter is resumed as soon as the position
/// differs from the one it named, when its hold runs out, or when its task is cancelled, and is
/// always given the latest position.
final class PositionWaiters: Sendable {
    private struct Waiter: Sendable {
        let after: Int64
        let continuation: CheckedContinuation<Int64, Never>
        var timer: Task<Void, Never>?
    }

    private struct State: Sendable {
        var latest: Int64 = 0
        var waiters: [UInt64: Waiter] = [:]
        var nextID: UInt64 = 0
    }

    private let state = Mutex(State())

    init() {}

    /// The latest position reported.
    var latest: Int64 { state.withLock { $0.latest } }

    /// The position once it differs from `after`, or the latest one after `hold`.
    func wait(after: Int64, hold: Duration) async -> Int64 {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Int64, Never>) in
                let current: Int64? = state.withLock { state in
                    guard state.latest == after, !Task.isCancelled else { return state.latest }
                    state.waiters[id] = Waiter(after: after, continuation: continuation)
                    return nil
                }
                if let current {
                    continuation.resume(returning: current)
                    return
                }
                let timer = Task { [weak self] in
                    try? await Task.sleep(for: hold)
                    self?.release(id)
                }
                let registered = state.withLock { state in
                    guard state.waiters[id] != nil else { return false }
                    state.waiters[id]?.timer = timer
                    return true
                }
                if !registered { timer.cancel() }
            }
        } onCancel: {
            release(id)
        }
    }

    /// Records the index's new position and resumes every waiter it moved past.
    func advanced(to position: Int64) {
        let resumed: [Waiter] = state.withLock { state in
            state.latest = position
            let moved = state.waiters.filter { $0.value.after != position }
            for id in moved.keys { state.waiters[id] = nil }
            return Array(moved.values)
        }
        for waiter in resumed {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: position)
        }
    }

    /// Resumes one waiter (hold over, or cancelled) with the latest position, if it still waits.
    private func release(_ id: UInt64) {
        let found: (Waiter, Int64)? = state.withLock { state in
            guard let waiter = state.waiters.removeValue(forKey: id) else { return nil }
            return (waiter, state.latest)
        }
        if let (waiter, latest) = found {
            waiter.timer?.cancel()
            waiter.continuation.resume(returning: latest)
        }
    }

    /// How many callers wait now.
    var count: Int { state.withLock { $0.waiters.count } }
}

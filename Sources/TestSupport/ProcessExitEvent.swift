import Synchronization

/// A child process's exit as an event: Foundation's termination handler reports it once and every
/// waiter resumes then, instead of polling `isRunning`.
final class ProcessExitEvent: Sendable {
    private typealias Waiter = CheckedContinuation<Int32?, Never>

    private struct State {
        var status: Int32?
        var waiters: [UInt64: Waiter] = [:]
        var lastID: UInt64 = 0
    }

    private let state = Mutex(State())

    /// The exit status, or nil while the process runs.
    var status: Int32? { state.withLock { $0.status } }

    /// Called once, from the termination handler.
    func exited(with status: Int32) {
        let waiters = state.withLock { state -> [Waiter] in
            state.status = status
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: status) }
    }

    /// The exit status once the process has exited; nil if the task is cancelled or `hangGuard` passes first.
    func wait(hangGuard: Duration) async -> Int32? {
        let id = state.withLock { state -> UInt64 in
            state.lastID += 1
            return state.lastID
        }
        let guardTask = Task { [weak self] in
            try await Task.sleep(for: hangGuard)
            self?.abandon(id)
        }
        defer { guardTask.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (waiter: Waiter) in
                let settled: Int32?? = state.withLock { state in
                    if let status = state.status { return .some(status) }
                    // Checked under the lock: a cancellation handler that ran earlier found nothing to remove.
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[id] = waiter
                    return .none
                }
                if let settled { waiter.resume(returning: settled) }
            }
        } onCancel: {
            abandon(id)
        }
    }

    private func abandon(_ id: UInt64) {
        state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(returning: nil)
    }
}

import Synchronization

/// A sleep that another task can cut short: the consumer waits here between polls, and a read
/// that needs a newer position wakes it so that it pulls at once.
final class Wakeup: Sendable {
    private struct State: Sendable {
        var sleeper: CheckedContinuation<Bool, Never>?
        /// A wake that came while nobody slept: the next sleep returns at once.
        var pending = false
    }

    private let state = Mutex(State())

    /// Sleeps for `duration`, or until ``wake()`` or cancellation.
    /// - Returns: true when woken early.
    func sleep(for duration: Duration) async -> Bool {
        let timer = Mutex<Task<Void, Never>?>(nil)
        defer { timer.withLock { $0?.cancel() } }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let immediately: Bool? = state.withLock { state in
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    if Task.isCancelled { return false }
                    state.sleeper = continuation
                    return nil
                }
                if let immediately {
                    continuation.resume(returning: immediately)
                    return
                }
                // Started once the sleeper is registered, so that its end always finds it.
                timer.withLock {
                    $0 = Task { [weak self] in
                        try? await Task.sleep(for: duration)
                        self?.resume(woken: false)
                    }
                }
            }
        } onCancel: {
            resume(woken: false)
        }
    }

    /// Ends the current sleep (or the next one, when nobody sleeps now).
    func wake() {
        let sleeper: CheckedContinuation<Bool, Never>? = state.withLock { state in
            guard let sleeper = state.sleeper else {
                state.pending = true
                return nil
            }
            state.sleeper = nil
            return sleeper
        }
        sleeper?.resume(returning: true)
    }

    private func resume(woken: Bool) {
        let sleeper: CheckedContinuation<Bool, Never>? = state.withLock { state in
            defer { state.sleeper = nil }
            return state.sleeper
        }
        sleeper?.resume(returning: woken)
    }
}

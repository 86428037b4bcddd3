import Synchronization

/// A flag set once from any task; tasks wait for it without polling.
final class Flag: Sendable {
    private struct State {
        var isSet = false
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
        /// Waiters cancelled before they were stored.
        var cancelled: Set<UInt64> = []
        var lastID: UInt64 = 0
    }

    private let state = Mutex(State())

    var isSet: Bool { state.withLock { $0.isSet } }

    func set() {
        let waiters = state.withLock { state in
            state.isSet = true
            defer { state.waiters = [:] }
            return state.waiters.values
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Returns once the flag is set, or once the calling task is cancelled; says whether it is set.
    @discardableResult
    func wait() async -> Bool {
        let id = state.withLock { state in
            state.lastID += 1
            return state.lastID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { waiter in
                let resumeNow = state.withLock { state in
                    if state.isSet || state.cancelled.remove(id) != nil { return true }
                    state.waiters[id] = waiter
                    return false
                }
                if resumeNow { waiter.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                guard let waiter = state.waiters.removeValue(forKey: id) else {
                    state.cancelled.insert(id)
                    return CheckedContinuation<Void, Never>?.none
                }
                return waiter
            }
            waiter?.resume()
        }
        return isSet
    }
}

/// Holds handlers until opened; tells tests how many have arrived.
final class Gate: Sendable {
    private let opened = Flag()
    private let state = Mutex((arrived: 0, waiters: [(count: Int, waiter: CheckedContinuation<Void, Never>)]()))

    /// Returns when the gate opens, or when the calling task is cancelled (a handler whose call was
    /// cancelled or timed out must end).
    func pass() async {
        let reached = state.withLock { state in
            state.arrived += 1
            let arrived = state.arrived
            let reached = state.waiters.filter { $0.count <= arrived }
            state.waiters.removeAll { $0.count <= arrived }
            return reached
        }
        for waiter in reached { waiter.waiter.resume() }
        await opened.wait()
    }

    func open() { opened.set() }

    /// Returns once `count` handlers have arrived at the gate.
    func waitForArrivals(_ count: Int) async {
        await withCheckedContinuation { waiter in
            let now = state.withLock { state in
                if state.arrived >= count { return true }
                state.waiters.append((count, waiter))
                return false
            }
            if now { waiter.resume() }
        }
    }
}

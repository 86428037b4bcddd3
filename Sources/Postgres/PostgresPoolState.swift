/// The pool's bookkeeping as a plain value: who holds what, who waits. No I/O and no locking here;
/// ``PostgresPool`` keeps it behind a mutex and performs the actions it returns outside the lock.
struct PostgresPoolState {
    /// What an acquirer gets: an idle connection, or the right to open a new one (a free slot).
    enum Lease: Sendable {
        case reuse(PostgresConnection)
        case open
    }

    typealias Waiter = CheckedContinuation<Lease, any Error>

    /// What to do with a waiter after a state change.
    struct Handoff {
        let waiter: Waiter
        let lease: Lease
    }

    let capacity: Int
    private(set) var idle: [PostgresConnection] = []
    /// Connections idle, leased, or being opened: never more than `capacity`.
    private(set) var slotsInUse = 0
    private var waiters: [(id: UInt64, continuation: Waiter)] = []
    private(set) var isShutdown = false
    private var lastWaiterID: UInt64 = 0

    init(capacity: Int) { self.capacity = capacity }

    var waitingCount: Int { waiters.count }

    mutating func makeWaiterID() -> UInt64 {
        lastWaiterID += 1
        return lastWaiterID
    }

    /// Grants a lease at once when possible (`nil` means the waiter was queued).
    mutating func acquire(id: UInt64, continuation: Waiter) -> Lease? {
        if let connection = idle.popLast() { return .reuse(connection) }
        if slotsInUse < capacity {
            slotsInUse += 1
            return .open
        }
        waiters.append((id, continuation))
        return nil
    }

    /// Removes a waiter (timed out or cancelled); returns it if it was still waiting.
    mutating func removeWaiter(id: UInt64) -> Waiter? {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return nil }
        return waiters.remove(at: index).continuation
    }

    /// A leased connection comes back. A reusable one goes to the first waiter or the idle list;
    /// a broken one frees its slot, which the first waiter gets to open anew.
    /// Returns the handoff to perform and whether the caller must close `connection`.
    mutating func release(_ connection: PostgresConnection, reusable: Bool) -> (handoff: Handoff?, close: Bool) {
        if !waiters.isEmpty {
            let waiter = waiters.removeFirst().continuation
            return reusable ? (Handoff(waiter: waiter, lease: .reuse(connection)), false)
                : (Handoff(waiter: waiter, lease: .open), true)
        }
        if reusable && !isShutdown {
            idle.append(connection)
            return (nil, false)
        }
        slotsInUse -= 1
        return (nil, true)
    }

    /// Opening a connection failed: its slot goes to the first waiter (to try again) or is freed.
    mutating func releaseFailedOpen() -> Handoff? {
        if !waiters.isEmpty {
            return Handoff(waiter: waiters.removeFirst().continuation, lease: .open)
        }
        slotsInUse -= 1
        return nil
    }

    /// Marks the pool shut down; returns the idle connections to close and the waiters to fail.
    mutating func shutdown() -> (idle: [PostgresConnection], waiters: [Waiter]) {
        isShutdown = true
        let closing = idle
        idle.removeAll()
        slotsInUse -= closing.count
        let failing = waiters.map(\.continuation)
        waiters.removeAll()
        return (closing, failing)
    }
}

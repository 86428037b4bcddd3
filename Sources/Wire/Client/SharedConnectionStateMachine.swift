/// The one connection an ``RPCClient`` shares between its calls to a replica, as a plain value:
/// opened by the first call that needs it (later callers wait for the same attempt), forgotten
/// when it closes so that the next call opens a new one, and refused for good once the client
/// closes.
///
/// Events return the ``Action`` the caller performs; no I/O, lock or clock here. Each connect
/// attempt has a number, so that the outcome of an attempt the machine no longer waits for (the
/// client closed meanwhile) or the closing of a connection already replaced changes nothing.
/// `Channel` is the connection, `Waiter` a call waiting for it.
struct SharedConnectionStateMachine<Channel, Waiter> {
    enum State {
        case idle
        case connecting(attempt: UInt64, waiters: [Waiter])
        case connected(attempt: UInt64, Channel)
        case closed
    }

    enum Action {
        case none
        /// Open a connection; report ``connectSucceeded(attempt:_:)`` or ``connectFailed(attempt:_:)``
        /// with this attempt number, and ``channelClosed(attempt:)`` once it closes.
        case connect(attempt: UInt64)
        case succeedWaiters([Waiter], Channel)
        case failWaiters([Waiter], RPCError)
        /// Close this channel: nobody wants it any more.
        case closeChannel(Channel)
    }

    /// Where the connection goes (for error messages).
    let endpoint: Endpoint
    private(set) var state: State = .idle
    private var lastAttempt: UInt64 = 0

    init(endpoint: Endpoint) { self.endpoint = endpoint }

    /// The open connection and its attempt number, for calls that need not wait.
    var connected: (attempt: UInt64, channel: Channel)? {
        if case .connected(let attempt, let channel) = state { return (attempt, channel) }
        return nil
    }

    /// A call needs the connection: it gets the open one, waits for the attempt in progress,
    /// starts one, or fails when the client is closed.
    mutating func channelRequested(_ waiter: Waiter) -> Action {
        switch state {
        case .idle:
            lastAttempt += 1
            state = .connecting(attempt: lastAttempt, waiters: [waiter])
            return .connect(attempt: lastAttempt)
        case .connecting(let attempt, var waiters):
            waiters.append(waiter)
            state = .connecting(attempt: attempt, waiters: waiters)
            return .none
        case .connected(_, let channel):
            return .succeedWaiters([waiter], channel)
        case .closed:
            return .failWaiters([waiter], closedError)
        }
    }

    mutating func connectSucceeded(attempt: UInt64, _ channel: Channel) -> Action {
        guard case .connecting(attempt, let waiters) = state else { return .closeChannel(channel) }
        state = .connected(attempt: attempt, channel)
        return .succeedWaiters(waiters, channel)
    }

    /// Connecting failed: the waiting calls fail with UNAVAILABLE, and the next call tries again.
    mutating func connectFailed(attempt: UInt64, _ error: any Error) -> Action {
        guard case .connecting(attempt, let waiters) = state else { return .none }
        state = .idle
        return .failWaiters(waiters, RPCError(.unavailable, "cannot connect to \(endpoint): \(error)", cause: error))
    }

    /// The connection of `attempt` closed (or was found closed): the next call opens another.
    /// Its calls in flight are failed by the connection's handler, not here.
    mutating func channelClosed(attempt: UInt64) -> Action {
        guard case .connected(attempt, _) = state else { return .none }
        state = .idle
        return .none
    }

    /// The client closes: the open connection is closed and waiting calls fail; a connection
    /// still being opened is closed when it arrives (``connectSucceeded(attempt:_:)``).
    mutating func closeRequested() -> Action {
        let previous = state
        state = .closed
        switch previous {
        case .idle, .closed:
            return .none
        case .connecting(_, let waiters):
            return .failWaiters(waiters, closedError)
        case .connected(_, let channel):
            return .closeChannel(channel)
        }
    }

    private var closedError: RPCError { RPCError(.unavailable, "the client of \(endpoint) is closed") }
}

extension SharedConnectionStateMachine: Sendable where Channel: Sendable, Waiter: Sendable {}
extension SharedConnectionStateMachine.State: Sendable where Channel: Sendable, Waiter: Sendable {}
extension SharedConnectionStateMachine.Action: Sendable where Channel: Sendable, Waiter: Sendable {}

/// The life of one ``RPCServer/run()`` as a plain value: binding, listening, stopping (draining or
/// closing the open connections) and stopped, with the tasks waiting on it.
///
/// Every event returns the one ``Action`` the server must perform; the machine does no I/O, takes
/// no lock and reads no clock (the drain deadline is the ``drainTimerFired()`` event), so tests
/// drive it with plain values. `Connection` is what the server drains or closes,
/// `EndpointsWaiter` a task waiting in ``RPCServer/boundEndpoints()`` and `RunWaiter` the task in
/// `run()` waiting for the end.
struct ServerStateMachine<ConnectionID: Hashable, Connection, EndpointsWaiter, RunWaiter> {
    /// How the server was asked to stop.
    enum StopRequest: Sendable, Equatable {
        /// Graceful shutdown: stop accepting, let calls in flight finish (at most the drain timeout).
        case graceful
        /// Task cancellation: close everything now.
        case immediate
    }

    /// A stop in progress.
    struct Stopping {
        var endpoints: [Endpoint]
        var request: StopRequest
        var connections: [ConnectionID: Connection]
        var runWaiter: RunWaiter?
        var listenersClosed = false
        /// Set once the open connections were closed (immediate stop, or the drain timer fired).
        var closingConnections: Bool
    }

    enum State {
        /// `run()` has not been called.
        case idle(endpointsWaiters: [EndpointsWaiter])
        /// `run()` is binding the endpoints. A listener bound first accepts while the next ones bind:
        /// its connections are kept (and served) from the start.
        case binding(endpointsWaiters: [EndpointsWaiter], connections: [ConnectionID: Connection])
        case listening(endpoints: [Endpoint], connections: [ConnectionID: Connection], runWaiter: RunWaiter?)
        case stopping(Stopping)
        case stopped
        /// Binding failed with this error.
        case failed(any Error)
    }

    enum Action {
        case none
        /// Bind every endpoint, then report ``bindSucceeded(_:)`` or ``bindFailed(_:)``.
        case bind
        /// `run()` was called before: throw this error.
        case refuseRun(RPCError)
        case succeedEndpointsWaiters([EndpointsWaiter], [Endpoint])
        case failEndpointsWaiters([EndpointsWaiter], any Error)
        /// Binding failed: fail the waiters with the error and close the connections the listeners
        /// bound before the failure had accepted.
        case failBinding([EndpointsWaiter], any Error, [Connection])
        /// Graceful stop: close the listeners (then ``listenersClosed()``), ask `connections` to
        /// finish their calls and close, and start the drain timer (then ``drainTimerFired()``).
        case stopListeningAndDrain([Connection])
        /// Immediate stop: close the listeners (then ``listenersClosed()``) and `connections` now.
        case stopListeningAndClose([Connection])
        /// Ask these connections to finish their calls and close.
        case drainConnections([Connection])
        /// Close these connections now, cancelling their calls.
        case closeConnections([Connection])
        /// Everything is closed: cancel the drain timer and resume `run()` if it waits already.
        case finish(RunWaiter?)
        /// Resume `run()` at once: the server stopped before it began to wait.
        case resumeRunWaiter(RunWaiter)
    }

    private(set) var state: State = .idle(endpointsWaiters: [])

    // MARK: Starting

    /// `run()` was called.
    mutating func runStarted() -> Action {
        guard case .idle(let waiters) = state else {
            return .refuseRun(RPCError(.failedPrecondition, "run() of this server was already called"))
        }
        state = .binding(endpointsWaiters: waiters, connections: [:])
        return .bind
    }

    mutating func bindSucceeded(_ endpoints: [Endpoint]) -> Action {
        guard case .binding(let waiters, let connections) = state else { preconditionFailure("bindSucceeded outside binding: \(state)") }
        state = .listening(endpoints: endpoints, connections: connections, runWaiter: nil)
        return .succeedEndpointsWaiters(waiters, endpoints)
    }

    mutating func bindFailed(_ error: any Error) -> Action {
        guard case .binding(let waiters, let connections) = state else { preconditionFailure("bindFailed outside binding: \(state)") }
        state = .failed(error)
        return .failBinding(waiters, error, Array(connections.values))
    }

    /// A task asks for the bound endpoints: answered at once once bound (also while stopping),
    /// with the bind error after a failure, UNAVAILABLE once stopped; otherwise it waits.
    mutating func endpointsRequested(_ waiter: EndpointsWaiter) -> Action {
        switch state {
        case .idle(var waiters):
            waiters.append(waiter)
            state = .idle(endpointsWaiters: waiters)
            return .none
        case .binding(var waiters, let connections):
            waiters.append(waiter)
            state = .binding(endpointsWaiters: waiters, connections: connections)
            return .none
        case .listening(let endpoints, _, _):
            return .succeedEndpointsWaiters([waiter], endpoints)
        case .stopping(let stopping):
            return .succeedEndpointsWaiters([waiter], stopping.endpoints)
        case .stopped:
            return .failEndpointsWaiters([waiter], RPCError(.unavailable, "the server has stopped"))
        case .failed(let error):
            return .failEndpointsWaiters([waiter], error)
        }
    }

    // MARK: Connections

    /// A connection was accepted. One accepted while draining is told to drain at once; one
    /// accepted while closing, or after the end, is closed.
    mutating func connectionAccepted(_ id: ConnectionID, _ connection: Connection) -> Action {
        switch state {
        case .binding(let waiters, var connections):
            connections[id] = connection
            state = .binding(endpointsWaiters: waiters, connections: connections)
            return .none
        case .listening(let endpoints, var connections, let runWaiter):
            connections[id] = connection
            state = .listening(endpoints: endpoints, connections: connections, runWaiter: runWaiter)
            return .none
        case .stopping(var stopping):
            stopping.connections[id] = connection
            state = .stopping(stopping)
            return stopping.closingConnections ? .closeConnections([connection]) : .drainConnections([connection])
        case .idle, .stopped, .failed:
            return .closeConnections([connection])
        }
    }

    /// A connection closed (for whatever reason); the stop ends with the last one.
    mutating func connectionClosed(_ id: ConnectionID) -> Action {
        switch state {
        case .binding(let waiters, var connections):
            connections.removeValue(forKey: id)
            state = .binding(endpointsWaiters: waiters, connections: connections)
            return .none
        case .listening(let endpoints, var connections, let runWaiter):
            connections.removeValue(forKey: id)
            state = .listening(endpoints: endpoints, connections: connections, runWaiter: runWaiter)
            return .none
        case .stopping(var stopping):
            stopping.connections.removeValue(forKey: id)
            return finishIfDone(stopping)
        case .idle, .stopped, .failed:
            return .none
        }
    }

    // MARK: Stopping

    /// Graceful shutdown was triggered or `run()`'s task was cancelled. An immediate request
    /// overrides a graceful one in progress; anything else after the first request changes nothing.
    /// `run()` installs its handlers once bound, so a request before that cannot happen.
    mutating func stopRequested(_ request: StopRequest) -> Action {
        switch state {
        case .listening(let endpoints, let connections, let runWaiter):
            let closing = request == .immediate
            state = .stopping(Stopping(endpoints: endpoints, request: request, connections: connections,
                                       runWaiter: runWaiter, closingConnections: closing))
            let open = Array(connections.values)
            return closing ? .stopListeningAndClose(open) : .stopListeningAndDrain(open)
        case .stopping(var stopping):
            guard request == .immediate, stopping.request == .graceful else { return .none }
            stopping.request = .immediate
            return closeConnections(stopping)
        case .idle, .binding, .stopped, .failed:
            return .none
        }
    }

    /// The drain timeout of a graceful stop passed: the connections still open are closed.
    mutating func drainTimerFired() -> Action {
        guard case .stopping(let stopping) = state else { return .none }
        return closeConnections(stopping)
    }

    mutating func listenersClosed() -> Action {
        guard case .stopping(var stopping) = state else { return .none }
        stopping.listenersClosed = true
        return finishIfDone(stopping)
    }

    /// `run()` waits for the end of the stop.
    mutating func runWaiting(_ waiter: RunWaiter) -> Action {
        switch state {
        case .listening(let endpoints, let connections, _):
            state = .listening(endpoints: endpoints, connections: connections, runWaiter: waiter)
            return .none
        case .stopping(var stopping):
            stopping.runWaiter = waiter
            state = .stopping(stopping)
            return .none
        case .idle, .binding, .stopped, .failed:
            return .resumeRunWaiter(waiter)
        }
    }

    private mutating func closeConnections(_ stopping: Stopping) -> Action {
        var stopping = stopping
        guard !stopping.closingConnections else {
            state = .stopping(stopping)
            return .none
        }
        stopping.closingConnections = true
        state = .stopping(stopping)
        return stopping.connections.isEmpty ? .none : .closeConnections(Array(stopping.connections.values))
    }

    private mutating func finishIfDone(_ stopping: Stopping) -> Action {
        guard stopping.listenersClosed, stopping.connections.isEmpty else {
            state = .stopping(stopping)
            return .none
        }
        state = .stopped
        return .finish(stopping.runWaiter)
    }
}

extension ServerStateMachine: Sendable where ConnectionID: Sendable, Connection: Sendable, EndpointsWaiter: Sendable, RunWaiter: Sendable {}
extension ServerStateMachine.State: Sendable where ConnectionID: Sendable, Connection: Sendable, EndpointsWaiter: Sendable, RunWaiter: Sendable {}
extension ServerStateMachine.Stopping: Sendable where ConnectionID: Sendable, Connection: Sendable, RunWaiter: Sendable {}
extension ServerStateMachine.Action: Sendable where Connection: Sendable, EndpointsWaiter: Sendable, RunWaiter: Sendable {}

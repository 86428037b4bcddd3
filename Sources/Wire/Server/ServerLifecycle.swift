import Synchronization

/// The phases of one ``RPCServer/run()``: waiting to bind, listening, stopping, stopped; and the
/// continuations of tasks waiting on them.
final class ServerLifecycle: Sendable {
    /// How the server was asked to stop.
    enum StopRequest: Sendable, Equatable {
        /// Graceful shutdown: stop accepting, let calls in flight finish.
        case graceful
        /// Task cancellation: close everything now.
        case immediate
    }

    private enum Phase {
        case starting
        case listening([Endpoint])
        case failed(any Error)
        case finished
    }

    private struct State {
        var phase: Phase = .starting
        var endpointWaiters: [CheckedContinuation<[Endpoint], any Error>] = []
        var stopRequest: StopRequest?
        var stopWaiter: CheckedContinuation<StopRequest, Never>?
    }

    private let state = Mutex(State())

    /// The bound endpoints, once listening.
    func boundEndpoints() async throws -> [Endpoint] {
        try await withCheckedThrowingContinuation { continuation in
            let result: Result<[Endpoint], any Error>? = state.withLock { state in
                switch state.phase {
                case .starting:
                    state.endpointWaiters.append(continuation)
                    return nil
                case .listening(let endpoints):
                    return .success(endpoints)
                case .failed(let error):
                    return .failure(error)
                case .finished:
                    return .failure(RPCError(.unavailable, "the server has stopped"))
                }
            }
            if let result { continuation.resume(with: result) }
        }
    }

    func markListening(_ endpoints: [Endpoint]) {
        resumeWaiters(phase: .listening(endpoints), with: .success(endpoints))
    }

    func markFailed(_ error: any Error) {
        resumeWaiters(phase: .failed(error), with: .failure(error))
    }

    func markFinished() {
        resumeWaiters(phase: .finished, with: .failure(RPCError(.unavailable, "the server has stopped")))
    }

    /// Waits until ``requestStop(_:)`` is called (returns at once if it was already).
    func waitForStopRequest() async -> StopRequest {
        await withCheckedContinuation { continuation in
            let request: StopRequest? = state.withLock { state in
                if let request = state.stopRequest { return request }
                state.stopWaiter = continuation
                return nil
            }
            if let request { continuation.resume(returning: request) }
        }
    }

    /// Asks the server to stop; an immediate request overrides a graceful one.
    func requestStop(_ request: StopRequest) {
        let waiter: CheckedContinuation<StopRequest, Never>? = state.withLock { state in
            if state.stopRequest == nil || request == .immediate { state.stopRequest = request }
            defer { state.stopWaiter = nil }
            return state.stopWaiter
        }
        waiter?.resume(returning: request)
    }

    private func resumeWaiters(phase: Phase, with result: Result<[Endpoint], any Error>) {
        let waiters = state.withLock { state in
            state.phase = phase
            defer { state.endpointWaiters = [] }
            return state.endpointWaiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }
}

import Testing
@testable import Wire

/// The server's lifecycle driven by events alone: connections are names, waiters are names, and
/// the drain timeout is the drainTimerFired() event.
@Suite("Server state machine")
struct ServerStateMachineTests {
    typealias Machine = ServerStateMachine<Int, String, String, String>

    static let endpoint = Endpoint.unix(path: "/run/test.sock")

    /// A machine listening on `endpoint` with connections 1...count ("c1", "c2", …).
    static func listening(connections count: Int = 0) -> Machine {
        var machine = Machine()
        _ = machine.runStarted()
        _ = machine.bindSucceeded([endpoint])
        for id in stride(from: 1, through: count, by: 1) { _ = machine.connectionAccepted(id, "c\(id)") }
        return machine
    }

    @Test func endpointWaitersAreAnsweredOnceBound() {
        var machine = Machine()
        #expect(machine.endpointsRequested("before run").isNone)
        #expect(machine.runStarted().isBind)
        #expect(machine.endpointsRequested("while binding").isNone)
        guard case .succeedEndpointsWaiters(let waiters, let endpoints) = machine.bindSucceeded([Self.endpoint]) else {
            Issue.record("waiters not answered"); return
        }
        #expect(waiters == ["before run", "while binding"])
        #expect(endpoints == [Self.endpoint])
        guard case .succeedEndpointsWaiters(let later, _) = machine.endpointsRequested("later") else {
            Issue.record("a later request waits"); return
        }
        #expect(later == ["later"])
    }

    @Test func bindFailureFailsWaitersNowAndLater() {
        struct BindError: Error {}
        var machine = Machine()
        _ = machine.endpointsRequested("early")
        _ = machine.runStarted()
        #expect(machine.connectionAccepted(1, "accepted by the first listener").isNone)
        guard case .failBinding(let waiters, let error, let closing) = machine.bindFailed(BindError()) else {
            Issue.record("waiters not failed"); return
        }
        #expect(waiters == ["early"])
        #expect(closing == ["accepted by the first listener"])
        #expect(error is BindError)
        guard case .failEndpointsWaiters(_, let laterError) = machine.endpointsRequested("late") else {
            Issue.record("a late request waits"); return
        }
        #expect(laterError is BindError)
        #expect(machine.stopRequested(.graceful).isNone)
        guard case .resumeRunWaiter = machine.runWaiting("run") else { Issue.record("run() would hang"); return }
    }

    @Test func runIsStartedOnce() {
        var machine = Self.listening()
        guard case .refuseRun(let error) = machine.runStarted() else { Issue.record("second run allowed"); return }
        #expect(error.code == .failedPrecondition)
    }

    @Test func gracefulStopDrainsThenFinishesWithTheLastConnection() {
        var machine = Self.listening(connections: 2)
        #expect(machine.runWaiting("run").isNone)
        guard case .stopListeningAndDrain(let draining) = machine.stopRequested(.graceful) else {
            Issue.record("not draining"); return
        }
        #expect(draining.sorted() == ["c1", "c2"])
        // Accepted while the listener closes: told to drain at once.
        guard case .drainConnections(let late) = machine.connectionAccepted(3, "c3") else { Issue.record("late one not drained"); return }
        #expect(late == ["c3"])
        // Still bound while stopping.
        guard case .succeedEndpointsWaiters = machine.endpointsRequested("probe") else { Issue.record("endpoints gone"); return }
        #expect(machine.listenersClosed().isNone)
        #expect(machine.connectionClosed(1).isNone)
        #expect(machine.connectionClosed(3).isNone)
        guard case .finish(let waiter) = machine.connectionClosed(2) else { Issue.record("not finished"); return }
        #expect(waiter == "run")
        guard case .failEndpointsWaiters(_, let error) = machine.endpointsRequested("after") else { Issue.record("endpoints after stop"); return }
        #expect((error as? RPCError)?.code == .unavailable)
        // The drain timer may still fire after the end: nothing happens.
        #expect(machine.drainTimerFired().isNone)
    }

    @Test func stopWaitsForTheListenersToo() {
        var machine = Self.listening(connections: 1)
        _ = machine.stopRequested(.graceful)
        #expect(machine.connectionClosed(1).isNone)
        guard case .finish = machine.listenersClosed() else { Issue.record("not finished"); return }
    }

    @Test func withNoConnectionsTheStopEndsWhenTheListenersCloseWithoutTheDrainTimer() {
        var machine = Self.listening()
        guard case .stopListeningAndDrain(let draining) = machine.stopRequested(.graceful) else { Issue.record("not stopping"); return }
        #expect(draining.isEmpty)
        guard case .finish(let waiter) = machine.listenersClosed() else { Issue.record("waits for the drain timer"); return }
        #expect(waiter == nil)
        // run() began to wait only now: it is resumed at once.
        guard case .resumeRunWaiter(let run) = machine.runWaiting("run") else { Issue.record("run() would hang"); return }
        #expect(run == "run")
    }

    @Test func drainTimerClosesTheConnectionsStillOpen() {
        var machine = Self.listening(connections: 2)
        _ = machine.stopRequested(.graceful)
        #expect(machine.connectionClosed(1).isNone)
        guard case .closeConnections(let closing) = machine.drainTimerFired() else { Issue.record("stuck connection kept"); return }
        #expect(closing == ["c2"])
        #expect(machine.drainTimerFired().isNone)
        // Accepted after the drain timed out: closed, not drained.
        guard case .closeConnections(let late) = machine.connectionAccepted(3, "c3") else { Issue.record("late one drained"); return }
        #expect(late == ["c3"])
        _ = machine.listenersClosed()
        #expect(machine.connectionClosed(2).isNone)
        guard case .finish = machine.connectionClosed(3) else { Issue.record("not finished"); return }
    }

    @Test func cancellationDuringAGracefulStopClosesEverythingNow() {
        var machine = Self.listening(connections: 2)
        _ = machine.stopRequested(.graceful)
        guard case .closeConnections(let closing) = machine.stopRequested(.immediate) else { Issue.record("not closed"); return }
        #expect(closing.sorted() == ["c1", "c2"])
        #expect(machine.stopRequested(.immediate).isNone)
        #expect(machine.stopRequested(.graceful).isNone)
        #expect(machine.drainTimerFired().isNone)
    }

    @Test func cancellationClosesEverythingAtOnce() {
        var machine = Self.listening(connections: 1)
        guard case .stopListeningAndClose(let closing) = machine.stopRequested(.immediate) else { Issue.record("not closed"); return }
        #expect(closing == ["c1"])
        #expect(machine.stopRequested(.graceful).isNone)
        #expect(machine.drainTimerFired().isNone)
        _ = machine.listenersClosed()
        guard case .finish = machine.connectionClosed(1) else { Issue.record("not finished"); return }
    }

    @Test func aConnectionThatClosedBeforeTheStopIsNotDrained() {
        var machine = Self.listening(connections: 2)
        #expect(machine.connectionClosed(1).isNone)
        guard case .stopListeningAndDrain(let draining) = machine.stopRequested(.graceful) else { Issue.record("not stopping"); return }
        #expect(draining == ["c2"])
    }

    @Test func aConnectionAcceptedWhileTheNextListenerBindsIsKeptAndServed() {
        var machine = Machine()
        _ = machine.runStarted()
        #expect(machine.connectionAccepted(1, "c1").isNone)
        #expect(machine.connectionAccepted(2, "c2").isNone)
        #expect(machine.connectionClosed(2).isNone)
        _ = machine.bindSucceeded([Self.endpoint])
        guard case .stopListeningAndDrain(let draining) = machine.stopRequested(.graceful) else { Issue.record("not stopping"); return }
        #expect(draining == ["c1"])
    }

    @Test func aConnectionAcceptedAfterTheEndIsClosed() {
        var machine = Self.listening()
        _ = machine.stopRequested(.immediate)
        _ = machine.listenersClosed()
        guard case .closeConnections(let closing) = machine.connectionAccepted(9, "c9") else { Issue.record("kept"); return }
        #expect(closing == ["c9"])
    }
}

extension ServerStateMachine.Action {
    var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    var isBind: Bool {
        if case .bind = self { return true }
        return false
    }
}

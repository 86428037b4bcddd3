import Testing
@testable import Wire

/// The client's shared connection driven by events alone: channels are names, calls are numbers.
@Suite("Shared connection state machine")
struct SharedConnectionStateMachineTests {
    typealias Machine = SharedConnectionStateMachine<String, Int>

    static let endpoint = Endpoint.tcp(host: "10.0.0.5", port: 7002)

    struct Refused: Error {}

    @Test func theFirstCallConnectsAndTheOthersWaitForTheSameAttempt() {
        var machine = Machine(endpoint: Self.endpoint)
        guard case .connect(let attempt) = machine.channelRequested(1) else { Issue.record("no connect"); return }
        #expect(machine.channelRequested(2).isNone)
        guard case .succeedWaiters(let waiters, let channel) = machine.connectSucceeded(attempt: attempt, "ch") else {
            Issue.record("waiters not answered"); return
        }
        #expect(waiters == [1, 2])
        #expect(channel == "ch")
        #expect(machine.connected?.channel == "ch")
        guard case .succeedWaiters([3], "ch") = machine.channelRequested(3) else { Issue.record("reconnected"); return }
    }

    @Test func aFailedConnectFailsItsWaitersAndTheNextCallTriesAgain() {
        var machine = Machine(endpoint: Self.endpoint)
        guard case .connect(let first) = machine.channelRequested(1) else { Issue.record("no connect"); return }
        _ = machine.channelRequested(2)
        guard case .failWaiters(let waiters, let error) = machine.connectFailed(attempt: first, Refused()) else {
            Issue.record("waiters not failed"); return
        }
        #expect(waiters == [1, 2])
        #expect(error.code == .unavailable)
        #expect(error.message.hasPrefix("cannot connect to tcp://10.0.0.5:7002"))
        guard case .connect(let second) = machine.channelRequested(3) else { Issue.record("no second attempt"); return }
        #expect(second != first)
    }

    @Test func aClosedConnectionIsReopenedByTheNextCall() {
        var machine = Machine(endpoint: Self.endpoint)
        guard case .connect(let first) = machine.channelRequested(1) else { Issue.record("no connect"); return }
        _ = machine.connectSucceeded(attempt: first, "old")
        #expect(machine.channelClosed(attempt: first).isNone)
        #expect(machine.connected == nil)
        guard case .connect(let second) = machine.channelRequested(2) else { Issue.record("no reconnect"); return }
        _ = machine.connectSucceeded(attempt: second, "new")
        // The old connection's close arriving late does not drop the new one.
        #expect(machine.channelClosed(attempt: first).isNone)
        #expect(machine.connected?.channel == "new")
    }

    @Test func closingWhileConnectingFailsTheWaitersAndClosesTheLateConnection() {
        var machine = Machine(endpoint: Self.endpoint)
        guard case .connect(let attempt) = machine.channelRequested(1) else { Issue.record("no connect"); return }
        guard case .failWaiters(let waiters, let error) = machine.closeRequested() else { Issue.record("waiter kept"); return }
        #expect(waiters == [1])
        #expect(error == RPCError(.unavailable, "the client of tcp://10.0.0.5:7002 is closed"))
        guard case .closeChannel("late") = machine.connectSucceeded(attempt: attempt, "late") else { Issue.record("late channel kept"); return }
        #expect(machine.connectFailed(attempt: attempt, Refused()).isNone)
        guard case .failWaiters([2], _) = machine.channelRequested(2) else { Issue.record("closed client connects"); return }
    }

    @Test func closingClosesTheOpenConnectionOnce() {
        var machine = Machine(endpoint: Self.endpoint)
        guard case .connect(let attempt) = machine.channelRequested(1) else { Issue.record("no connect"); return }
        _ = machine.connectSucceeded(attempt: attempt, "ch")
        guard case .closeChannel("ch") = machine.closeRequested() else { Issue.record("channel left open"); return }
        #expect(machine.closeRequested().isNone)
        #expect(machine.channelClosed(attempt: attempt).isNone)
        guard case .failWaiters([2], let error) = machine.channelRequested(2) else { Issue.record("closed client connects"); return }
        #expect(error.code == .unavailable)
    }
}

extension SharedConnectionStateMachine.Action {
    var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

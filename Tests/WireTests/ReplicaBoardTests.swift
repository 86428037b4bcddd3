import Contracts
import Testing
@testable import Wire

/// The replica choice and the retry rule as values: no sockets, no clock.
@Suite("Replica board and retry rule")
struct ReplicaBoardTests {
    let a = Endpoint.unix(path: "/tmp/a.sock")
    let b = Endpoint.unix(path: "/tmp/b.sock")
    let c = Endpoint.tcp(host: "10.0.0.3", port: 7002)

    @Test func callsRotateOverEveryReplicaThatIsUp() {
        var board = ReplicaBoard(endpoints: [a, b, c])
        let picks = (0..<6).compactMap { _ in board.next() }
        #expect(Set(picks) == [a, b, c])
        #expect(picks.filter { $0 == a }.count == 2)
    }

    @Test func aDownReplicaIsSkippedUntilItServesAgain() {
        var board = ReplicaBoard(endpoints: [a, b])
        board.mark(b, .down)
        #expect((0..<4).compactMap { _ in board.next() } == [a, a, a, a])
        #expect(board.available == [a])
        board.mark(b, .serving)
        #expect(Set((0..<2).compactMap { _ in board.next() }) == [a, b])
    }

    @Test func preferredReplicasComeFirstAndTheOthersAfterThem() {
        var board = ReplicaBoard(endpoints: [a, b, c])
        let preferB = { (endpoint: Endpoint) in endpoint == b }
        #expect((0..<4).compactMap { _ in board.next(preferring: preferB) } == [b, b, b, b])
        // Once the preferred replica was tried, the call goes on to the others.
        #expect(Set((0..<4).compactMap { _ in board.next(excluding: [b], preferring: preferB) }) == [a, c])
        // A preferred replica that is down is not preferred.
        board.mark(b, .down)
        #expect(Set((0..<4).compactMap { _ in board.next(preferring: preferB) }) == [a, c])
    }

    @Test func whenEveryReplicaIsDownCallsStillTryThemAll() {
        var board = ReplicaBoard(endpoints: [a, b])
        board.mark(a, .down)
        board.mark(b, .down)
        #expect(Set((0..<2).compactMap { _ in board.next() }) == [a, b])
    }

    @Test func aRetryGoesToAReplicaTheCallHasNotTried() {
        var board = ReplicaBoard(endpoints: [a, b])
        for _ in 0..<3 { #expect(board.next(excluding: [a]) == b) }
        #expect(board.next(excluding: [a, b]) == nil)
        board.mark(b, .down)
        // The only untried replica is down: still worth the one retry.
        #expect(board.next(excluding: [a]) == b)
    }

    @Test func replacingTheReplicasKeepsWhatIsKnownAboutThoseThatStay() {
        var board = ReplicaBoard(endpoints: [a, b, b])
        #expect(board.endpoints == [a, b])
        board.mark(a, .serving)
        board.mark(b, .down)
        let removed = board.replace(with: [a, c])
        #expect(removed == [b])
        #expect(board.health(of: a) == .serving)
        #expect(board.health(of: c) == .unknown)
        #expect(board.health(of: b) == nil)
        board.mark(b, .serving)
        #expect(board.health(of: b) == nil)
    }

    @Test func readsAreRetriedAfterUnavailableWritesOnlyWhenNeverSent() {
        let unavailable = RPCError(.unavailable, "connection closed")
        #expect(ReplicaCallFailure(error: unavailable, requestSent: true).allowsRetry(readOnly: true))
        #expect(!ReplicaCallFailure(error: unavailable, requestSent: true).allowsRetry(readOnly: false))
        #expect(ReplicaCallFailure(error: unavailable, requestSent: false).allowsRetry(readOnly: false))
        for code in [StatusCode.deadlineExceeded, .cancelled, .internalError, .notFound, .resourceExhausted] {
            #expect(!ReplicaCallFailure(error: RPCError(code, "x"), requestSent: true).allowsRetry(readOnly: true))
            #expect(!ReplicaCallFailure(error: RPCError(code, "x"), requestSent: false).allowsRetry(readOnly: false))
        }
    }

    @Test func generatedMethodsSayWhetherTheyOnlyRead() {
        #expect(!Methods.Ingest.startLoad.isReadOnly)
        #expect(!Methods.Ingest.startPull.isReadOnly)
        #expect(!Methods.Predict.train.isReadOnly)
        #expect(Methods.Heatmap.getBeatHeatmap.isReadOnly)
        #expect(Methods.Ingest.pullOutbox.isReadOnly)
        #expect(Methods.Health.check.isReadOnly)
        #expect(Methods.Heatmap.getBeatHeatmap.withReply(HealthCheckResponse.self).isReadOnly)
        #expect(!RPCMethod<HealthCheckRequest, HealthCheckResponse>("/x.v1.X/Unlisted").isReadOnly)
    }

    @Test func addressLiteralsAreNotLookedUp() {
        #expect(!ReplicaResolver.hasNames([.tcp(host: "127.0.0.1", port: 1), .tcp(host: "::1", port: 1), a]))
        #expect(ReplicaResolver.hasNames([.tcp(host: "heatmap", port: 7002)]))
    }
}

/// How the outbox consumer pulls and waits.
public struct OutboxConsumerSettings: Sendable {
    /// Most outbox entries per pull.
    public var maxEntries: Int32 = 200
    /// Most deltas per pull (ingest always returns at least one whole entry).
    public var maxDeltas: Int32 = 20_000
    /// First and longest wait between polls once caught up (doubling in between).
    public var idleDelay: ClosedRange<Duration> = .milliseconds(100) ... .seconds(2)
    /// First and longest wait after a failure, e.g. ingest unreachable (doubling in between).
    public var errorDelay: ClosedRange<Duration> = .milliseconds(200) ... .seconds(5)
    /// Deadline of each PullOutbox call.
    public var callTimeout: Duration = .seconds(30)

    public init() {}
}

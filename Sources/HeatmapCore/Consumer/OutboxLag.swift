/// How far the consumer is behind ingest's outbox after a pull: the deltas of the entries it has
/// not applied yet, and the age in seconds of the oldest of them (0 and 0 when caught up).
public struct OutboxLag: Sendable, Equatable {
    public var deltas: Int64
    public var seconds: Double

    public init(deltas: Int64, seconds: Double) {
        self.deltas = deltas
        self.seconds = seconds
    }
}

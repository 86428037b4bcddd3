/// What a client knows about one replica of a service.
public enum ReplicaHealth: Sendable, Hashable {
    /// Not checked yet: calls may go there.
    case unknown
    /// Its last Health/Check said SERVING, or its last call got through.
    case serving
    /// Unreachable, or its last Health/Check said anything but SERVING (draining, not ready):
    /// calls avoid it while any other replica is up.
    case down
}

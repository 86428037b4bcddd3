/// Which replicas a client may call and in what order, as a plain value: no I/O, no clock.
/// ``RPCClient`` keeps one behind a lock; health checks and failed calls update it.
///
/// Calls rotate over the replicas that are not ``ReplicaHealth/down``. When every replica is
/// down they rotate over all of them, so a client whose health view is stale still tries
/// instead of failing without a connection attempt.
struct ReplicaBoard: Sendable, Equatable {
    /// The replicas in configuration (or DNS) order.
    private(set) var endpoints: [Endpoint]
    private var health: [Endpoint: ReplicaHealth]
    private var cursor = 0

    init(endpoints: [Endpoint]) {
        self.endpoints = Self.unique(endpoints)
        health = Dictionary(uniqueKeysWithValues: self.endpoints.map { ($0, ReplicaHealth.unknown) })
    }

    /// The health of `endpoint` (nil when it is not a replica).
    func health(of endpoint: Endpoint) -> ReplicaHealth? { health[endpoint] }

    /// The replicas calls may go to now.
    var available: [Endpoint] { endpoints.filter { health[$0] != .down } }

    /// The next replica for a call, skipping `excluded` (replicas this call already tried), and
    /// among those up the ones `preferred` accepts when there are any (e.g. replicas known to
    /// have reached a read's position); nil when no replica is left to try.
    mutating func next(excluding excluded: Set<Endpoint> = [], preferring preferred: (Endpoint) -> Bool = { _ in true }) -> Endpoint? {
        let candidates = endpoints.filter { !excluded.contains($0) }
        guard !candidates.isEmpty else { return nil }
        let up = candidates.filter { health[$0] != .down }
        let chosen = up.filter(preferred)
        let pool = !chosen.isEmpty ? chosen : up.isEmpty ? candidates : up
        cursor = cursor &+ 1
        return pool[Int(UInt(bitPattern: cursor) % UInt(pool.count))]
    }

    /// Records what a health check or a call found out about `endpoint` (ignored if it is no
    /// longer a replica: its DNS record may have gone meanwhile).
    mutating func mark(_ endpoint: Endpoint, _ newHealth: ReplicaHealth) {
        guard health[endpoint] != nil else { return }
        health[endpoint] = newHealth
    }

    /// Replaces the replicas (a DNS name now resolves to other records); replicas that stay keep
    /// their health, new ones start ``ReplicaHealth/unknown``. Returns the replicas removed.
    @discardableResult
    mutating func replace(with newEndpoints: [Endpoint]) -> [Endpoint] {
        let fresh = Self.unique(newEndpoints)
        let removed = endpoints.filter { !fresh.contains($0) }
        health = Dictionary(uniqueKeysWithValues: fresh.map { ($0, health[$0] ?? .unknown) })
        endpoints = fresh
        return removed
    }

    private static func unique(_ endpoints: [Endpoint]) -> [Endpoint] {
        var seen = Set<Endpoint>()
        return endpoints.filter { seen.insert($0).inserted }
    }
}

/// What a client knows about one replica of a service.
enum ReplicaHealth: Sendable, Hashable {
    /// Not checked yet: calls may go there.
    case unknown
    /// Its last Health/Check said SERVING, or its last call got through.
    case serving
    /// Unreachable, or its last Health/Check said anything but SERVING (draining, not ready):
    /// calls avoid it while any other replica is up.
    case down
}

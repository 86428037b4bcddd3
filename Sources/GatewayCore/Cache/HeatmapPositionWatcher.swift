#if canImport(Glibc)
import Glibc
#endif
import Contracts
import Logging
import ServiceLifecycle
import Synchronization
import Wire

/// Keeps one Heatmap/WatchPosition long poll outstanding on every heatmap replica and tells the
/// ``ResponseCache`` their positions, so the cache learns of new data without an RPC per request:
/// a watch returns as soon as its replica's index moves past the position the gateway knows (or
/// after the hold, with the same position). Replicas apply the outbox each at its own pace; any
/// of them moving starts a new cache generation, so an answer a lagging replica gave is dropped
/// when that replica catches up.
///
/// When a watch fails (a replica down, restarting) the positions count as unknown and the cache
/// serves nothing until that watch succeeds again; failed attempts are retried after 50 ms,
/// doubling to at most 1 s. Runs until cancelled or a graceful shutdown.
public struct HeatmapPositionWatcher: Service {
    /// One client per replica, each with exactly one endpoint.
    public let clients: [RPCClient]
    public let cache: ResponseCache
    /// How long a replica holds one watch: short, so that its own graceful shutdown, which lets
    /// calls in flight finish, is never held up for long.
    public let hold: Duration
    /// Added to the hold for the call's deadline.
    public let slack: Duration
    public let logger: Logger

    public init(clients: [RPCClient], cache: ResponseCache, hold: Duration = .seconds(2), slack: Duration = .seconds(5),
                logger: Logger) {
        self.clients = clients
        self.cache = cache
        self.hold = hold
        self.slack = slack
        self.logger = logger
    }

    /// A watcher of the one heatmap behind `client`.
    public init(client: RPCClient, cache: ResponseCache, hold: Duration = .seconds(2), slack: Duration = .seconds(5),
                logger: Logger) {
        self.init(clients: [client], cache: cache, hold: hold, slack: slack, logger: logger)
    }

    /// The replicas behind `endpoints` when they are known without DNS (Unix sockets, IP
    /// literals), else nil: a host name may stand for several replicas that one watch could not
    /// tell apart, and then the gateway does not cache.
    public static func replicas(of endpoints: [Endpoint]) -> [Endpoint]? {
        for endpoint in endpoints {
            guard case .tcp(let host, _) = endpoint else { continue }
            var v4 = in_addr(), v6 = in6_addr()
            guard inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1 else { return nil }
        }
        return endpoints.isEmpty ? nil : endpoints
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await watch()
        }
    }

    /// The loops themselves, one per replica (until the task is cancelled).
    public func watch() async {
        let known = KnownPositions(count: clients.count)
        await withTaskGroup(of: Void.self) { group in
            for (index, client) in clients.enumerated() {
                group.addTask { await watchReplica(client, index: index, known: known) }
            }
        }
    }

    private func watchReplica(_ client: RPCClient, index: Int, known: KnownPositions) async {
        var position: Int64 = -1
        var backoff = Duration.milliseconds(50)
        let holdMs = Int32(clamping: hold.components.seconds * 1000 + hold.components.attoseconds / 1_000_000_000_000_000)
        while !Task.isCancelled {
            do {
                let reply = try await client.call(Methods.Heatmap.watchPosition,
                                                  WatchPositionRequest(after: position, holdMs: holdMs), timeout: hold + slack)
                position = reply.position
                // Published under the lock, so that two replicas' updates reach the cache in order.
                known.positions.withLock { $0[index] = position; publish($0) }
                backoff = .milliseconds(50)
            } catch {
                if Task.isCancelled { return }
                if cache.position != nil {
                    logger.warning("heatmap position watch failed; the response cache is off until it works again",
                                   metadata: ["error": "\(error)", "replica": "\(client.endpoint)"])
                }
                position = -1
                known.positions.withLock { $0[index] = nil; publish($0) }
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(1))
            }
        }
    }

    private func publish(_ positions: [Int64?]) {
        let all = positions.compactMap { $0 }
        cache.setPositions(all.count == positions.count ? all : nil)
    }
}

/// Each replica's last known position (nil: unknown), shared by the watch loops.
final class KnownPositions: Sendable {
    let positions: Mutex<[Int64?]>

    init(count: Int) {
        positions = Mutex([Int64?](repeating: nil, count: count))
    }
}

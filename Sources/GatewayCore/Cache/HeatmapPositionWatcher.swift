import Contracts
import Logging
import ServiceLifecycle
import Wire

/// Keeps one Heatmap/WatchPosition long poll outstanding on every heatmap replica and tells the
/// ``ResponseCache`` their positions, so the cache learns of new data without an RPC per request:
/// a watch returns as soon as its replica's index moves past the position the gateway knows (or
/// after the hold, with the same position).
///
/// The replicas are the configured endpoints with DNS names resolved to their addresses (a
/// compose service with `--scale`, a Kubernetes headless Service), looked up again every
/// ``resolveInterval``: an address that appears gets its own watch, one that disappears is
/// forgotten. Each address is watched on its own connection, so the cache knows which replica is
/// where even behind one name, and stays on.
///
/// When a watch fails (a replica down, restarting) that replica's position counts as unknown
/// until the watch succeeds again; failed attempts are retried after 50 ms, doubling to at most
/// 1 s. Runs until cancelled or a graceful shutdown.
struct HeatmapPositionWatcher: Service {
    /// The configured heatmap endpoints (addresses or DNS names).
    let endpoints: [Endpoint]
    let cache: ResponseCache
    /// How long a replica holds one watch: short, so that its own graceful shutdown, which lets
    /// calls in flight finish, is never held up for long.
    let hold: Duration
    /// Added to the hold for the call's deadline.
    let slack: Duration
    /// How often DNS names are looked up again.
    let resolveInterval: Duration
    let clientConfiguration: RPCClientConfiguration
    let logger: Logger

    init(endpoints: [Endpoint], cache: ResponseCache, hold: Duration = .seconds(2), slack: Duration = .seconds(5),
                resolveInterval: Duration = .seconds(5), clientConfiguration: RPCClientConfiguration = .init(), logger: Logger) {
        self.endpoints = endpoints
        self.cache = cache
        self.hold = hold
        self.slack = slack
        self.resolveInterval = resolveInterval
        self.clientConfiguration = clientConfiguration
        self.logger = logger
    }

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await watch()
        }
    }

    /// Watches every replica behind ``endpoints`` until the task is cancelled.
    func watch() async {
        var loops: [Endpoint: Task<Void, Never>] = [:]
        while !Task.isCancelled {
            let replicas = await ReplicaResolver.resolve(endpoints)
            for replica in replicas where loops[replica] == nil {
                loops[replica] = Task { await watchReplica(replica) }
            }
            for (replica, loop) in loops where !replicas.contains(replica) {
                logger.info("heatmap replica gone from DNS; no longer watched", metadata: ["replica": "\(replica)"])
                loop.cancel()
                loops[replica] = nil
                cache.setPosition(nil, of: replica.description)
            }
            do { try await Task.sleep(for: resolveInterval) } catch { break }
        }
        for loop in loops.values { loop.cancel() }
        for loop in loops.values { await loop.value }
    }

    private func watchReplica(_ replica: Endpoint) async {
        let client = RPCClient(endpoint: replica, configuration: clientConfiguration)
        var position: Int64 = -1
        var backoff = Duration.milliseconds(50)
        var failing = false
        let holdMs = Int32(clamping: hold.components.seconds * 1000 + hold.components.attoseconds / 1_000_000_000_000_000)
        while !Task.isCancelled {
            do {
                let reply = try await client.call(Methods.Heatmap.watchPosition,
                                                  WatchPositionRequest(after: position, holdMs: holdMs), timeout: hold + slack)
                position = reply.position
                cache.setPosition(position, of: replica.description)
                backoff = .milliseconds(50)
                failing = false
            } catch {
                if Task.isCancelled { break }
                if !failing {
                    logger.warning("heatmap position watch failed; this replica's answers are not cached until it works again",
                                   metadata: ["error": "\(error)", "replica": "\(replica)"])
                }
                failing = true
                position = -1
                cache.setPosition(nil, of: replica.description)
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(1))
            }
        }
        cache.setPosition(nil, of: replica.description)
        await client.close()
    }
}

import Contracts
import Logging
import ServiceLifecycle
import Wire

/// Keeps one Heatmap/WatchPosition long poll outstanding and tells the ``ResponseCache`` every
/// position it returns, so the cache learns of new data without an RPC per request: the reply
/// comes as soon as the heatmap's index moves past the position the gateway knows (or after the
/// hold, with the same position).
///
/// When a watch fails (heatmap down, restarting) the position becomes unknown and the cache
/// serves nothing until a watch succeeds again; failed attempts are retried after 50 ms, doubling
/// to at most 1 s. Runs until cancelled or a graceful shutdown.
public struct HeatmapPositionWatcher: Service {
    public let client: RPCClient
    public let cache: ResponseCache
    /// How long the heatmap holds one watch: short, so that the heatmap's own graceful shutdown,
    /// which lets calls in flight finish, is never held up for long.
    public let hold: Duration
    /// Added to the hold for the call's deadline.
    public let slack: Duration
    public let logger: Logger

    public init(client: RPCClient, cache: ResponseCache, hold: Duration = .seconds(2), slack: Duration = .seconds(5), logger: Logger) {
        self.client = client
        self.cache = cache
        self.hold = hold
        self.slack = slack
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await watch()
        }
    }

    /// The loop itself (until the task is cancelled).
    public func watch() async {
        var known: Int64 = -1
        var backoff = Duration.milliseconds(50)
        let holdMs = Int32(clamping: hold.components.seconds * 1000 + hold.components.attoseconds / 1_000_000_000_000_000)
        while !Task.isCancelled {
            do {
                let reply = try await client.call(Methods.Heatmap.watchPosition,
                                                  WatchPositionRequest(after: known, holdMs: holdMs), timeout: hold + slack)
                known = reply.position
                cache.setPosition(known)
                backoff = .milliseconds(50)
            } catch {
                if Task.isCancelled { return }
                if cache.position != nil {
                    logger.warning("heatmap position watch failed; the response cache is off until it works again",
                                   metadata: ["error": "\(error)"])
                }
                cache.setPosition(nil)
                known = -1
                try? await Task.sleep(for: backoff)
                backoff = min(backoff * 2, .seconds(1))
            }
        }
    }
}

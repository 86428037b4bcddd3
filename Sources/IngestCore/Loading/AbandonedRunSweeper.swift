import Logging
import ServiceLifecycle

/// Marks the runs of loaders that died as failed ("abandoned") every `interval`, so the run table
/// itself says so within that time even when nobody reads the runs (reads mark them too).
///
/// A running load holds a session advisory lock on its run id for as long as its process and
/// database connection live (see `RunLedger`): the lock is the lease, PostgreSQL renews it for
/// free and drops it the moment the loader's connection ends, so no heartbeat is written.
package struct AbandonedRunSweeper: Service {
    let store: IngestStore
    let interval: Duration
    let logger: Logger

    package init(store: IngestStore, interval: Duration = .seconds(10), logger: Logger) {
        self.store = store
        self.interval = interval
        self.logger = logger
    }

    package func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let marked = try await store.markAbandonedRuns()
                    if marked > 0 { logger.warning("marked runs whose loader died as failed", metadata: ["runs": "\(marked)"]) }
                } catch {
                    logger.warning("could not sweep abandoned runs", metadata: ["error": "\(error)"])
                }
                do { try await Task.sleep(for: interval) } catch { return }
            }
        }
    }
}

import Dispatch
import Synchronization

/// A page being fetched on the cooperative pool that a parser thread will block on.
///
/// The fetch starts at once; ``wait()`` blocks the calling (non-cooperative) thread until it ends.
final class PendingPage: Sendable {
    /// The `$offset` being fetched.
    let offset: Int
    private let outcome = Mutex<Result<SocrataPage, any Error>?>(nil)
    private let finished = DispatchSemaphore(value: 0)
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// Starts fetching the page at `offset`.
    init(offset: Int, fetcher: SocrataPageFetcher) {
        self.offset = offset
        let started = Task { [self] in
            let result: Result<SocrataPage, any Error>
            do {
                result = .success(try await fetcher.fetch(offset: offset))
            } catch {
                result = .failure(error)
            }
            outcome.withLock { $0 = result }
            finished.signal()
        }
        task.withLock { $0 = started }
    }

    /// Blocks until the fetch ends and returns its page, or throws its error. Call once, and never
    /// from the cooperative thread pool.
    func wait() throws -> SocrataPage {
        finished.wait()
        let result = outcome.withLock { $0 }
        guard let result else { throw CancellationError() }
        return try result.get()
    }

    /// Stops the fetch (its result is dropped).
    func cancel() {
        task.withLock { $0?.cancel() }
    }
}

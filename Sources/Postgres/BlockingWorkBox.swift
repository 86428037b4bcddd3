import Synchronization

/// Holds a closure for one run on a thread pool and lets go of it as soon as it has run (or will
/// never run), so that `withoutActuallyEscaping` can verify that nothing kept it.
final class BlockingWorkBox<Output: Sendable>: Sendable {
    private let work: Mutex<(@Sendable () throws -> Output)?>

    init(_ work: @escaping @Sendable () throws -> Output) { self.work = Mutex(work) }

    /// Runs the closure once, releasing it before returning.
    func run() throws -> Output {
        guard let body = work.withLock({ stored in defer { stored = nil }; return stored }) else {
            throw CancellationError()
        }
        return try body()
    }

    /// Releases the closure if it has not run.
    func discard() { work.withLock { $0 = nil } }
}

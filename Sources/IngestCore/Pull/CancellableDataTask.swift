import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// One URLSession data request as an `async` call whose cancellation is safe on Linux.
///
/// swift-corelibs-foundation's own `URLSession.data(for:)` cancels its task synchronously from the
/// task-cancellation handler, which deadlocks when the response is being delivered at the same
/// moment (the handler holds the task's status lock and waits for the session queue, which waits
/// for that lock to resume the continuation). Here the handler only schedules `cancel()` on another
/// queue.
final class CancellableDataTask: Sendable {
    private let dataTask = Mutex<URLSessionDataTask?>(nil)

    /// Sends `request` on `session` and returns the body and response.
    static func data(_ session: URLSession, for request: URLRequest) async throws -> (Data, URLResponse) {
        let holder = CancellableDataTask()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<(Data, URLResponse), any Error>) in
                let task = session.dataTask(with: request) { data, response, error in
                    if let error {
                        continuation.resume(throwing: error)
                    } else if let response {
                        continuation.resume(returning: (data ?? Data(), response))
                    } else {
                        continuation.resume(throwing: URLError(.badServerResponse))
                    }
                }
                holder.dataTask.withLock { $0 = task }
                task.resume()
                if Task.isCancelled { holder.cancelLater() }
            }
        } onCancel: {
            holder.cancelLater()
        }
    }

    /// Cancels the URLSession task from a global queue, never from the caller's stack.
    private func cancelLater() {
        guard let task = dataTask.withLock({ $0 }) else { return }
        DispatchQueue.global().async { task.cancel() }
    }
}

import Logging
import Synchronization

/// A logger whose messages tests can wait for: the server's log lines are the events that say
/// how far a shutdown got.
final class LogRecorder: Sendable {
    private let state = Mutex((messages: [String](), waiters: [(message: String, waiter: CheckedContinuation<Void, Never>)]()))

    var logger: Logger {
        Logger(label: "wire-tests") { _ in Handler(recorder: self) }
    }

    /// Returns once a line with exactly `message` was logged (at once if it was already).
    func waitFor(_ message: String) async {
        await withCheckedContinuation { waiter in
            let seen = state.withLock { state in
                if state.messages.contains(message) { return true }
                state.waiters.append((message, waiter))
                return false
            }
            if seen { waiter.resume() }
        }
    }

    fileprivate func record(_ message: String) {
        let waiters = state.withLock { state in
            state.messages.append(message)
            let matching = state.waiters.filter { $0.message == message }
            state.waiters.removeAll { $0.message == message }
            return matching
        }
        for waiter in waiters { waiter.waiter.resume() }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            recorder.record(event.message.description)
        }
    }
}

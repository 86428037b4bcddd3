import Foundation

/// Runs CPU-heavy test work — parsing a year of a real file to recount it — on a thread of its
/// own. Done inline it holds one of the cooperative pool's threads (two on a 2-core machine) for
/// seconds, and every other test's handlers, timers and drains wait behind it (a graceful-shutdown
/// test's 10 s drain ran out that way under the full parallel run). Record no test issues inside
/// `body`: return what it found and check it on the calling task.
public func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread { continuation.resume(with: Result { try body() }) }
        thread.stackSize = 8 << 20
        thread.start()
    }
}

import Foundation

/// Runs CPU-heavy work on a thread of its own, so it never occupies the cooperative pool (two
/// threads on a 2-core machine) that serves requests, timers and drains: XGBoost training in
/// predict, and in tests the parse of a whole year of a real file to recount it. Tests record no
/// issues inside `body`: they return what it found and check it on the calling task.
package enum BlockingThread {
    package static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}

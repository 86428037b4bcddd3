/// How a page request is retried after a 5xx, a 429 or a timeout: at most ``maxAttempts`` attempts,
/// waiting ``baseDelay`` × 2ⁿ (capped at ``maxDelay``, with jitter) between them, or what the
/// server's `Retry-After` asks for (capped at ``maxRetryAfter``).
package struct SocrataRetryPolicy: Sendable, Equatable {
    /// Attempts per page, the first included (≥ 1).
    package var maxAttempts: Int
    /// The wait after the first failed attempt.
    package var baseDelay: Duration
    /// The longest backoff wait.
    package var maxDelay: Duration
    /// The longest wait a `Retry-After` header may impose.
    package var maxRetryAfter: Duration

    /// Five attempts, 0.5 s doubling up to 30 s; `Retry-After` honoured up to 2 minutes.
    package static let standard = SocrataRetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(500),
                                                    maxDelay: .seconds(30), maxRetryAfter: .seconds(120))

    package init(maxAttempts: Int, baseDelay: Duration, maxDelay: Duration, maxRetryAfter: Duration) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = max(.zero, baseDelay)
        self.maxDelay = max(self.baseDelay, maxDelay)
        self.maxRetryAfter = max(.zero, maxRetryAfter)
    }

    /// The wait before attempt `failedAttempt + 1`: the server's `Retry-After` when it sent one,
    /// else exponential backoff with jitter (between half and all of the doubled delay).
    func delay(afterAttempt failedAttempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(max(.zero, retryAfter), maxRetryAfter) }
        let exponent = min(max(0, failedAttempt - 1), 20)
        let doubled = min(baseDelay * (1 << exponent), maxDelay)
        return doubled * Double.random(in: 0.5...1.0)
    }
}

/// Why a page of a live pull could not be fetched; the text is what the failed run records.
struct SocrataPullError: Error, CustomStringConvertible, Equatable {
    let description: String

    /// A status that is not retried (4xx other than 429, redirects left unfollowed…).
    static func refused(url: String, status: Int, body: String) -> SocrataPullError {
        SocrataPullError(description: "socrata pull: \(url) answered HTTP \(status), not retried\(body.isEmpty ? "" : ": \(body)")")
    }

    /// Every allowed attempt failed with a retryable problem.
    static func gaveUp(url: String, attempts: Int, lastProblem: String) -> SocrataPullError {
        SocrataPullError(description: "socrata pull: \(url) still failing after \(attempts) attempts (last: \(lastProblem))")
    }

    /// The transfer failed in a way retrying does not help (bad host name, refused TLS…).
    static func transport(url: String, problem: String) -> SocrataPullError {
        SocrataPullError(description: "socrata pull: \(url) could not be fetched: \(problem)")
    }

    /// The body is not a JSON array.
    static func malformed(url: String, problem: String) -> SocrataPullError {
        SocrataPullError(description: "socrata pull: \(url) did not return a JSON array: \(problem)")
    }
}

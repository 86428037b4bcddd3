/// Asks `check` until it returns a value, for a state that no event announces (a service that is
/// still starting, a progress RPC with no push): the interval only spaces the questions, it orders
/// nothing. Throws when `process` exits first (with its log) or, for a hung test, at ``HangGuard/limit``.
package func waitForState<T: Sendable>(
    _ what: String,
    while process: ServiceProcess? = nil,
    every interval: Duration = .milliseconds(50),
    _ check: () async throws -> T?
) async throws -> T {
    let hangGuard = ContinuousClock.now + HangGuard.limit
    while true {
        if let value = try await check() { return value }
        if let process, let status = process.exitStatus {
            throw ServiceProcessError("\(process.name) exited with status \(status) while waiting for \(what); log:\n\(process.log().suffix(3_000))")
        }
        if ContinuousClock.now > hangGuard { throw HangGuardError(what) }
        try await Task.sleep(for: interval)
    }
}

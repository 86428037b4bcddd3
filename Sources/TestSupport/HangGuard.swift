/// The one time limit tests may have: long enough that no loaded machine reaches it while a test
/// makes progress, so it only stops a test that hangs (and says where) instead of timing it.
package enum HangGuard {
    package static let limit: Duration = .seconds(600)
}

/// A wait passed ``HangGuard/limit``: the awaited event never came.
package struct HangGuardError: Error, CustomStringConvertible {
    package var description: String
    package init(_ waitingFor: String) {
        description = "still waiting for \(waitingFor) after \(HangGuard.limit): the test hangs"
    }
}

/// A failed attempt on one replica, with whether the request left this process: a request never
/// sent (the connection could not be made) may go to another replica even when it writes.
struct ReplicaCallFailure: Error {
    let error: RPCError
    let requestSent: Bool

    /// Whether the call may be sent again to another replica: only after UNAVAILABLE (the replica
    /// is gone or going), and for a write only when this replica never saw the request.
    func allowsRetry(readOnly: Bool) -> Bool {
        error.code == .unavailable && (readOnly || !requestSent)
    }
}

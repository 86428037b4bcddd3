extension RunStatus {
    /// Whether the run has ended (succeeded or failed).
    package var hasEnded: Bool { self == .succeeded || self == .failed }
}

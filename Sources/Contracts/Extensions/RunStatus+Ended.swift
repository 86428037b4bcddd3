extension RunStatus {
    /// Whether the run has ended (succeeded or failed).
    public var hasEnded: Bool { self == .succeeded || self == .failed }
}

/// When the ``SnapshotWriter`` persists the index.
public struct SnapshotSettings: Sendable {
    /// A snapshot is written once the index has not moved for this long (a load has ended).
    public var quiet: Duration = .seconds(2)
    /// … or, while the index keeps moving, once the newest snapshot is this old: a restart then
    /// replays at most this much of the outbox.
    public var maxAge: Duration = .seconds(20)
    /// How often the writer looks at the index.
    public var tick: Duration = .milliseconds(250)

    public init() {}
}

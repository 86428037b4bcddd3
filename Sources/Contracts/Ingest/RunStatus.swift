import CrimeScopeProtos

/// `crimescope.ingest.v1.RunStatus`: the state of an ingest run.
///
/// A number this build does not know decodes as ``unspecified``.
public enum RunStatus: Int32, Sendable, Equatable, CaseIterable {
    case unspecified = 0
    case running = 1
    case succeeded = 2
    case failed = 3
    /// Blocked behind another run (of the same city, or the previous file of its list).
    case waiting = 4

    /// The protobuf enum value name, e.g. `RUN_STATUS_RUNNING`.
    public var name: String {
        switch self {
        case .unspecified: "RUN_STATUS_UNSPECIFIED"
        case .running: "RUN_STATUS_RUNNING"
        case .succeeded: "RUN_STATUS_SUCCEEDED"
        case .failed: "RUN_STATUS_FAILED"
        case .waiting: "RUN_STATUS_WAITING"
        }
    }

    /// Whether the run has ended (succeeded or failed).
    public var hasEnded: Bool { self == .succeeded || self == .failed }

    /// The value of a C field; unknown numbers (proto3 enums are open) become ``unspecified``.
    init(c: Crimescope__Ingest__V1__RunStatus) {
        self = RunStatus(rawValue: Int32(bitPattern: c.rawValue)) ?? .unspecified
    }

    /// The value for a C field.
    var c: Crimescope__Ingest__V1__RunStatus {
        Crimescope__Ingest__V1__RunStatus(rawValue: UInt32(bitPattern: rawValue))
    }
}

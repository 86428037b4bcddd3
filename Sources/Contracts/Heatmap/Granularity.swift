import CrimeScopeProtos

/// `crimescope.heatmap.v1.Granularity`: the bucket size of a window heatmap.
///
/// A number this build does not know decodes as ``unspecified``.
public enum Granularity: Int32, Sendable, Equatable, CaseIterable {
    case unspecified = 0
    case hourly = 1
    case daily = 2
    case weekly = 3
    case monthly = 4

    /// The protobuf enum value name, e.g. `GRANULARITY_HOURLY`.
    public var name: String {
        switch self {
        case .unspecified: "GRANULARITY_UNSPECIFIED"
        case .hourly: "GRANULARITY_HOURLY"
        case .daily: "GRANULARITY_DAILY"
        case .weekly: "GRANULARITY_WEEKLY"
        case .monthly: "GRANULARITY_MONTHLY"
        }
    }

    /// The value of a C field; unknown numbers (proto3 enums are open) become ``unspecified``.
    init(c: Crimescope__Heatmap__V1__Granularity) {
        self = Granularity(rawValue: Int32(bitPattern: c.rawValue)) ?? .unspecified
    }

    /// The value for a C field.
    var c: Crimescope__Heatmap__V1__Granularity {
        Crimescope__Heatmap__V1__Granularity(rawValue: UInt32(bitPattern: rawValue))
    }
}

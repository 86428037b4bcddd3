import CrimeScopeProtos

/// `crimescope.health.v1.HealthCheckResponse`.
public struct HealthCheckResponse: CBackedMessage {
    public static let protoName = "crimescope.health.v1.HealthCheckResponse"

    /// grpc.health.v1's serving states.
    public enum ServingStatus: Int32, Sendable, Equatable, CaseIterable {
        case unknown = 0
        case serving = 1
        case notServing = 2
        case serviceUnknown = 3

        /// The protobuf enum value name, e.g. `SERVING`.
        public var name: String {
            switch self {
            case .unknown: "UNKNOWN"
            case .serving: "SERVING"
            case .notServing: "NOT_SERVING"
            case .serviceUnknown: "SERVICE_UNKNOWN"
            }
        }
    }

    public var status: ServingStatus
    /// How many deltas of another service's log this server has not applied yet (the heatmap's outbox lag).
    public var behindDeltas: Int64
    /// Seconds since the oldest delta not applied was committed.
    public var behindSeconds: Double

    public init(status: ServingStatus = .unknown, behindDeltas: Int64 = 0, behindSeconds: Double = 0) {
        self.status = status
        self.behindDeltas = behindDeltas
        self.behindSeconds = behindSeconds
    }

    typealias CMessage = Crimescope__Health__V1__HealthCheckResponse
    static let cInit = crimescope__health__v1__health_check_response__init
    static let cUnpack = crimescope__health__v1__health_check_response__unpack
    static let cFree = crimescope__health__v1__health_check_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.status = Crimescope__Health__V1__HealthCheckResponse__ServingStatus(rawValue: UInt32(bitPattern: status.rawValue))
        c.behind_deltas = behindDeltas
        c.behind_seconds = behindSeconds
    }

    init(c: CMessage) {
        status = ServingStatus(rawValue: Int32(bitPattern: c.status.rawValue)) ?? .unknown
        behindDeltas = c.behind_deltas
        behindSeconds = c.behind_seconds
    }
}

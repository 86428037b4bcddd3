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

    public init(status: ServingStatus = .unknown) { self.status = status }

    typealias CMessage = Crimescope__Health__V1__HealthCheckResponse
    static let cInit = crimescope__health__v1__health_check_response__init
    static let cUnpack = crimescope__health__v1__health_check_response__unpack
    static let cFree = crimescope__health__v1__health_check_response__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.status = Crimescope__Health__V1__HealthCheckResponse__ServingStatus(rawValue: UInt32(bitPattern: status.rawValue))
    }

    init(c: CMessage) {
        status = ServingStatus(rawValue: Int32(bitPattern: c.status.rawValue)) ?? .unknown
    }
}

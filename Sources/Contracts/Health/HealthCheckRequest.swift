import CrimeScopeProtos

/// `crimescope.health.v1.HealthCheckRequest`: empty `service` asks about the whole server.
public struct HealthCheckRequest: CBackedMessage {
    public static let protoName = "crimescope.health.v1.HealthCheckRequest"
    public var service: String

    public init(service: String = "") { self.service = service }

    typealias CMessage = Crimescope__Health__V1__HealthCheckRequest
    static let cInit = crimescope__health__v1__health_check_request__init
    static let cUnpack = crimescope__health__v1__health_check_request__unpack
    static let cFree = crimescope__health__v1__health_check_request__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) { c.service = arena.string(service) }
    init(c: CMessage) { service = CRead.string(c.service) }
}

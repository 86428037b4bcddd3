import CrimeScopeProtos

/// What a frame of the wire is (`crimescope.rpc.v1.FrameKind`).
public enum FrameKind: Int32, Sendable, Equatable {
    case unspecified = 0
    case request = 1
    case response = 2
    case cancel = 3
}

/// One entry of call metadata.
public struct MetadataEntry: Sendable, Equatable {
    public var key: String
    public var value: String
    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// A call's outcome as carried on the wire (`crimescope.rpc.v1.Status`): a gRPC code number
/// and a message. The `Wire` module gives the codes names.
public struct WireStatus: Sendable, Equatable {
    public var code: Int32
    public var message: String
    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }
}

/// The envelope every frame carries (`crimescope.rpc.v1.Envelope`).
public struct RPCEnvelope: CBackedMessage {
    public static let protoName = "crimescope.rpc.v1.Envelope"

    public var callID: UInt64
    public var kind: FrameKind
    public var method: String
    public var timeoutMicros: UInt64
    public var metadata: [MetadataEntry]
    public var payload: [UInt8]
    public var status: WireStatus?

    public init(callID: UInt64 = 0, kind: FrameKind = .unspecified, method: String = "", timeoutMicros: UInt64 = 0,
                metadata: [MetadataEntry] = [], payload: [UInt8] = [], status: WireStatus? = nil) {
        self.callID = callID
        self.kind = kind
        self.method = method
        self.timeoutMicros = timeoutMicros
        self.metadata = metadata
        self.payload = payload
        self.status = status
    }

    typealias CMessage = Crimescope__Rpc__V1__Envelope
    static let cInit = crimescope__rpc__v1__envelope__init
    static let cUnpack = crimescope__rpc__v1__envelope__unpack
    static let cFree = crimescope__rpc__v1__envelope__free_unpacked

    func fill(_ c: inout CMessage, arena: CArena) {
        c.call_id = callID
        c.kind = Crimescope__Rpc__V1__FrameKind(rawValue: UInt32(bitPattern: kind.rawValue))
        c.method = arena.string(method)
        c.timeout_micros = timeoutMicros
        c.n_metadata = metadata.count
        c.metadata = arena.array(metadata.map { entry -> UnsafeMutablePointer<Crimescope__Rpc__V1__MetadataEntry>? in
            let e = arena.message(Crimescope__Rpc__V1__MetadataEntry.self) { crimescope__rpc__v1__metadata_entry__init($0) }
            e.pointee.key = arena.string(entry.key)
            e.pointee.value = arena.string(entry.value)
            return e
        })
        c.payload = arena.binary(payload)
        if let status {
            let s = arena.message(Crimescope__Rpc__V1__Status.self) { crimescope__rpc__v1__status__init($0) }
            s.pointee.code = Crimescope__Rpc__V1__StatusCode(rawValue: UInt32(bitPattern: status.code))
            s.pointee.message = arena.string(status.message)
            c.status = s
        }
    }

    init(c: CMessage) {
        callID = c.call_id
        kind = FrameKind(rawValue: Int32(bitPattern: c.kind.rawValue)) ?? .unspecified
        method = CRead.string(c.method)
        timeoutMicros = c.timeout_micros
        metadata = CRead.array(c.n_metadata, c.metadata).compactMap { pointer in
            pointer.map { MetadataEntry(key: CRead.string($0.pointee.key), value: CRead.string($0.pointee.value)) }
        }
        payload = CRead.bytes(c.payload)
        status = c.status.map { WireStatus(code: Int32(bitPattern: $0.pointee.code.rawValue), message: CRead.string($0.pointee.message)) }
    }
}

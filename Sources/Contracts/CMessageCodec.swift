import CrimeScopeProtos

/// A Swift message backed by one protobuf-c generated struct.
///
/// Conformers supply the generated functions and the two field-by-field conversions; the
/// protocol extension provides packing and unpacking for all of them.
protocol CBackedMessage: ProtoMessage {
    associatedtype CMessage
    /// `pkg__msg__init`: sets `base.descriptor` and the defaults.
    static var cInit: (UnsafeMutablePointer<CMessage>?) -> Void { get }
    /// `pkg__msg__unpack`.
    static var cUnpack: (UnsafeMutablePointer<ProtobufCAllocator>?, Int, UnsafePointer<UInt8>?) -> UnsafeMutablePointer<CMessage>? { get }
    /// `pkg__msg__free_unpacked`.
    static var cFree: (UnsafeMutablePointer<CMessage>?, UnsafeMutablePointer<ProtobufCAllocator>?) -> Void { get }
    /// Writes the fields into a freshly initialised C struct; memory comes from `arena`.
    func fill(_ c: inout CMessage, arena: CArena)
    /// Reads the fields of an unpacked C struct.
    init(c: CMessage)
}

extension CBackedMessage {
    /// The C struct of this message, allocated in `arena` (for nested fields).
    func cPointer(in arena: CArena) -> UnsafeMutablePointer<CMessage> {
        let pointer = arena.message(CMessage.self) { Self.cInit($0) }
        fill(&pointer.pointee, arena: arena)
        return pointer
    }

    package func serializedBytes() -> [UInt8] {
        let arena = CArena()
        let pointer = cPointer(in: arena)
        let base = UnsafeMutableRawPointer(pointer).assumingMemoryBound(to: ProtobufCMessage.self)
        let size = protobuf_c_message_get_packed_size(base)
        guard size > 0 else { return [] }
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = protobuf_c_message_pack(base, buffer.baseAddress)
        }
    }

    package init(serializedBytes bytes: [UInt8]) throws(ProtoDecodingError) {
        let unpacked: UnsafeMutablePointer<CMessage>? = bytes.withUnsafeBufferPointer { buffer in
            // protobuf-c wants a valid pointer even for an empty message.
            var empty: UInt8 = 0
            if buffer.isEmpty { return Self.cUnpack(nil, 0, &empty) }
            return Self.cUnpack(nil, buffer.count, buffer.baseAddress)
        }
        guard let unpacked else {
            throw ProtoDecodingError(messageName: Self.protoName, byteCount: bytes.count)
        }
        defer { Self.cFree(unpacked, nil) }
        self.init(c: unpacked.pointee)
    }
}

/// Reading helpers for unpacked C structs.
enum CRead {
    static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    static func bytes(_ data: ProtobufCBinaryData) -> [UInt8] {
        guard data.len > 0, let base = data.data else { return [] }
        return Array(UnsafeBufferPointer(start: base, count: data.len))
    }

    static func array<T>(_ count: Int, _ pointer: UnsafeMutablePointer<T>?) -> [T] {
        guard count > 0, let pointer else { return [] }
        return Array(UnsafeBufferPointer(start: pointer, count: count))
    }

    static func strings(_ count: Int, _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String] {
        array(count, pointer).map(string)
    }

    /// Decodes a repeated message field (`n_x` + array of pointers).
    static func messages<M: CBackedMessage>(_ count: Int, _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<M.CMessage>?>?, as type: M.Type) -> [M] {
        array(count, pointer).compactMap { $0.map { M(c: $0.pointee) } }
    }

    /// Decodes an optional nested message.
    static func message<M: CBackedMessage>(_ pointer: UnsafeMutablePointer<M.CMessage>?, as type: M.Type) -> M? {
        pointer.map { M(c: $0.pointee) }
    }

    /// A `protobuf_c_boolean` (a C `int`) as a Swift `Bool`.
    static func bool(_ value: protobuf_c_boolean) -> Bool { value != 0 }

    /// A map field (`n_x` + array of entry pointers); a later entry wins over an earlier one with
    /// the same key, as protobuf specifies.
    static func map<Entry, Key: Hashable, Value>(
        _ count: Int, _ pointer: UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>?, _ pair: (Entry) -> (Key, Value)
    ) -> [Key: Value] {
        var map: [Key: Value] = [:]
        for entry in array(count, pointer) {
            guard let entry else { continue }
            let (key, value) = pair(entry.pointee)
            map[key] = value
        }
        return map
    }
}

/// Writing helpers for scalars that need no arena memory.
enum CWrite {
    /// A Swift `Bool` as a `protobuf_c_boolean`.
    static func bool(_ value: Bool) -> protobuf_c_boolean { value ? 1 : 0 }
}

extension CArena {
    /// A C array of nested message pointers for a repeated message field.
    func messages<M: CBackedMessage>(_ values: [M]) -> UnsafeMutablePointer<UnsafeMutablePointer<M.CMessage>?>? {
        array(values.map { Optional($0.cPointer(in: self)) })
    }

    /// A C array of map entry pointers for a map field, sorted by key so that the encoding is
    /// deterministic.
    func map<Entry, Key: Comparable, Value>(
        _ map: [Key: Value], initialise: (UnsafeMutablePointer<Entry>?) -> Void,
        set: (inout Entry, Key, Value) -> Void
    ) -> UnsafeMutablePointer<UnsafeMutablePointer<Entry>?>? {
        array(map.sorted { $0.key < $1.key }.map { key, value -> UnsafeMutablePointer<Entry>? in
            let entry = message(Entry.self) { initialise($0) }
            set(&entry.pointee, key, value)
            return entry
        })
    }
}

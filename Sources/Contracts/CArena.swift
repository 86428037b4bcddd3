import CrimeScopeProtos

/// Memory for one C message graph being built for packing; everything is freed together.
///
/// protobuf-c packs from plain C structs that point at strings, byte buffers, nested messages
/// and arrays. The arena owns all of them for the duration of one `serializedBytes()` call.
final class CArena {
    private var blocks: [UnsafeMutableRawPointer] = []

    deinit {
        for block in blocks { block.deallocate() }
    }

    /// A zeroed C struct of type `T`, initialised by protobuf-c's `…__init` function.
    func message<T>(_ type: T.Type, initialise: (UnsafeMutablePointer<T>) -> Void) -> UnsafeMutablePointer<T> {
        let raw = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.stride, alignment: MemoryLayout<T>.alignment)
        raw.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<T>.stride)
        blocks.append(raw)
        let pointer = raw.bindMemory(to: T.self, capacity: 1)
        initialise(pointer)
        return pointer
    }

    /// A NUL-terminated copy of `string`.
    func string(_ string: String) -> UnsafeMutablePointer<CChar> {
        let utf8 = Array(string.utf8)
        let raw = UnsafeMutableRawPointer.allocate(byteCount: utf8.count + 1, alignment: 1)
        blocks.append(raw)
        let pointer = raw.bindMemory(to: CChar.self, capacity: utf8.count + 1)
        for (index, byte) in utf8.enumerated() { pointer[index] = CChar(bitPattern: byte) }
        pointer[utf8.count] = 0
        return pointer
    }

    /// A copy of `bytes` as protobuf-c binary data.
    func binary(_ bytes: [UInt8]) -> ProtobufCBinaryData {
        guard !bytes.isEmpty else { return ProtobufCBinaryData(len: 0, data: nil) }
        let pointer = array(bytes)
        return ProtobufCBinaryData(len: bytes.count, data: pointer)
    }

    /// A C array holding `values`, or nil when empty.
    func array<T>(_ values: [T]) -> UnsafeMutablePointer<T>? {
        guard !values.isEmpty else { return nil }
        let raw = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<T>.stride * values.count, alignment: MemoryLayout<T>.alignment)
        blocks.append(raw)
        let pointer = raw.bindMemory(to: T.self, capacity: values.count)
        pointer.initialize(from: values, count: values.count)
        return pointer
    }

    /// A C array of C strings.
    func strings(_ values: [String]) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        array(values.map { Optional(string($0)) })
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An uncompressed file read with POSIX `read(2)`; the descriptor closes on deinit.
final class FileByteSource: ByteSource {
    private let descriptor: Int32
    private let path: String

    /// Opens `path` for reading; throws ``SourceParseError`` (`unreadable`) when it cannot.
    init(path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw SourceParseError(.unreadable, lineNumber: 0, "cannot open \(path): \(String(cString: strerror(errno)))")
        }
        self.descriptor = descriptor
        self.path = path
    }

    /// Wraps an already open descriptor (a pipe's read end); it is closed on deinit.
    init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { close(descriptor) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let count = posixRead(descriptor, base, buffer.count)
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw SourceParseError(.unreadable, lineNumber: 0, "cannot read \(path): \(String(cString: strerror(errno)))")
        }
    }
}

/// `read(2)`, named apart from ``FileByteSource/read(into:)`` which shadows it.
func posixRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    read(descriptor, buffer, count)
}

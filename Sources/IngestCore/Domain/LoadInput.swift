import Foundation

/// Where a load's bytes come from.
package enum LoadInput: Sendable {
    /// A file on this machine; `.gz` and `.xz` are decompressed by a child process.
    case file(path: String)
    /// Bytes sent with the request (gzip or xz content is recognised by its magic number).
    case bytes([UInt8], name: String)
    /// Any byte source (tests use one that fails part-way); `open` is called once per run.
    case custom(name: String, open: @Sendable () throws -> any ByteSource)

    /// The name recorded as the run's source and used as the cursor's key: the file's last path
    /// component, or the upload's name.
    var sourceName: String {
        switch self {
        case .file(let path): URL(fileURLWithPath: path).lastPathComponent
        case .bytes(_, let name), .custom(let name, _): name
        }
    }

    /// The file path recorded with the run, if any.
    var filePath: String? {
        if case .file(let path) = self { return path }
        return nil
    }

    /// Opens the input for one parse.
    func open() throws -> any ByteSource {
        switch self {
        case .file(let path):
            guard FileManager.default.isReadableFile(atPath: path) else {
                throw IngestError.notFound("no readable file at \(path) on the ingest server")
            }
            return try ByteSources.open(URL(fileURLWithPath: path))
        case .bytes(let bytes, _):
            guard let compression = Self.compressionExtension(of: bytes) else { return MemoryByteSource(bytes) }
            return try SpooledUpload(bytes: bytes, extension: compression).open()
        case .custom(_, let open):
            return try open()
        }
    }

    /// `gz` or `xz` when `bytes` start with that format's magic number.
    static func compressionExtension(of bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0x1F, 0x8B]) { return "gz" }
        if bytes.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) { return "xz" }
        return nil
    }
}

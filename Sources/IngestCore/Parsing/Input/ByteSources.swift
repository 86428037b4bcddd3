import Foundation

/// Opens files as ``ByteSource``s, choosing by extension.
enum ByteSources {
    /// `.gz` → `gzip -dc`, `.xz` → `xz -dc`, anything else read as is.
    static func open(_ url: URL) throws -> any ByteSource {
        let path = url.path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw SourceParseError(.unreadable, lineNumber: 0, "no readable file at \(path)")
        }
        switch url.pathExtension.lowercased() {
        case "gz": return try DecompressingByteSource(path: path, tool: .gzip)
        case "xz": return try DecompressingByteSource(path: path, tool: .xz)
        default: return try FileByteSource(path: path)
        }
    }
}

import Foundation

/// A compressed upload written to a private temporary file, so the decompressor child can read it.
/// The file is unlinked as soon as the decompressor has opened it.
struct SpooledUpload {
    let bytes: [UInt8]
    let `extension`: String

    func open() throws -> any ByteSource {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("crimescope-upload-\(UInt64.random(in: 0...UInt64.max)).\(`extension`)")
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw IngestError.failedPrecondition("cannot spool the uploaded content to \(url.path)")
        }
        let source = try ByteSources.open(url)
        return SpoolingSource(inner: source, url: url)
    }
}

/// Removes the spooled file once the parse is done with it.
final class SpoolingSource: ByteSource {
    private let inner: any ByteSource
    private let url: URL

    init(inner: any ByteSource, url: URL) {
        self.inner = inner
        self.url = url
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        try inner.read(into: buffer)
    }
}

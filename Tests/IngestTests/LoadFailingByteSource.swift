import Foundation
@testable import IngestCore

/// A byte source that passes `limit` bytes of a real file and then fails, like a disk error or a
/// truncated transfer part-way through a load.
final class LoadFailingByteSource: ByteSource {
    struct InjectedFailure: Error, CustomStringConvertible {
        var description: String { "injected read failure" }
    }

    private let inner: any ByteSource
    private var remaining: Int

    init(url: URL, failAfterBytes limit: Int) throws {
        inner = try ByteSources.open(url)
        remaining = limit
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard remaining > 0 else { throw InjectedFailure() }
        let count = try inner.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<min(buffer.count, remaining)]))
        remaining -= count
        return count
    }
}

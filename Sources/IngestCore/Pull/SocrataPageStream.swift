import Foundation

/// The pages of a SODA query presented as one JSON array, for the existing
/// ``ChicagoSocrataJSONParser`` on the loader's parser thread.
///
/// Up to `concurrency` pages are in flight ahead of the parser (offsets 0, n, 2n, … in order); each
/// page's elements are spliced into one `[ …, … ]` stream. The first page shorter than the page
/// size ends the stream (requests already sent past it are cancelled). A page that cannot be
/// fetched throws from ``read(into:)``, which fails the batch in progress and the run.
final class SocrataPageStream: ByteSource {
    private let fetcher: SocrataPageFetcher
    private let concurrency: Int
    private var window: [PendingPage] = []
    private var nextOffset = 0
    private var reachedLastPage = false
    private var wroteElement = false
    private var closed = false
    private var buffer: [UInt8] = [UInt8(ascii: "[")]
    private var position = 0

    init(fetcher: SocrataPageFetcher, concurrency: Int) {
        self.fetcher = fetcher
        self.concurrency = max(1, concurrency)
    }

    deinit {
        window.forEach { $0.cancel() }
    }

    func read(into target: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = target.baseAddress, target.count > 0 else { return 0 }
        while position >= buffer.count {
            if closed { return 0 }
            try advance()
        }
        let count = min(target.count, buffer.count - position)
        buffer.withUnsafeBytes { source in
            if let from = source.baseAddress { base.copyMemory(from: from + position, byteCount: count) }
        }
        position += count
        return count
    }

    /// Replaces the buffer with the next page's elements, or the closing bracket.
    private func advance() throws {
        buffer.removeAll(keepingCapacity: true)
        position = 0
        if !reachedLastPage {
            while window.count < concurrency {
                window.append(PendingPage(offset: nextOffset, fetcher: fetcher))
                nextOffset += fetcher.pageSize
            }
        }
        guard !window.isEmpty else {
            buffer.append(UInt8(ascii: "]"))
            closed = true
            return
        }
        let head = window.removeFirst()
        let page: SocrataPage
        do {
            page = try head.wait()
        } catch {
            window.forEach { $0.cancel() }
            window.removeAll()
            throw error
        }
        if page.rowCount < fetcher.pageSize {
            reachedLastPage = true
            window.forEach { $0.cancel() }
            window.removeAll()
        }
        if page.rowCount > 0 {
            if wroteElement { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: page.elements)
            wroteElement = true
        }
    }
}

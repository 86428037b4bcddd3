/// The parser side of a load: parses the source on its own thread and turns records into staging
/// COPY chunks, cutting a batch every `batchRows` source rows.
///
/// It also flags what a batch needs beyond the plain upsert (``BatchTally/repeatsKey``,
/// ``BatchTally/needsPlacement``), so the database skips that work for the other batches.
///
/// Memory stays bounded: one chunk being filled, the queue's capacity of chunks, and the
/// rejected and noted rows and the key hashes (8 bytes each) of the current batch.
struct StagingProducer: Sendable {
    let parser: any IncidentSourceParser
    let city: IngestCity
    let cursorPolicy: CursorPolicy
    let batchRows: Int
    let progress: LoadProgressCounter

    /// Chunks are handed over once they reach this size.
    static let chunkBytes = 64 * 1024

    /// Parses `source` to the end, pushing items to `queue`; throws what the parser or the queue threw.
    func run(source: any ByteSource, queue: BlockingQueue<StagingItem>) throws {
        var chunk: [UInt8] = []
        chunk.reserveCapacity(Self.chunkBytes + 4096)
        var tally = BatchTally()
        var newest: LocalDateTime?
        var keyHashes = Set<Int>(minimumCapacity: min(batchRows, 1 << 20))
        let counted = CountingByteSource(inner: source, progress: progress)

        func endBatch() throws {
            if !chunk.isEmpty {
                try queue.push(.chunk(chunk))
                chunk.removeAll(keepingCapacity: true)
            }
            try queue.push(.endOfBatch(tally))
            tally = BatchTally()
            keyHashes.removeAll(keepingCapacity: true)
        }

        let summary = try parser.parse(counted) { row in
            tally.rowsRead += 1
            switch row {
            case .record(let record):
                if record.city != city.slug {
                    tally.rejects.append(RejectedRow(
                        lineNumber: record.lineNumber, rawText: "",
                        reason: "the row belongs to city \(record.city), but this run loads \(city.slug)"))
                } else if cursorPolicy.skips(record) {
                    tally.skippedByCursor += 1
                } else {
                    if let value = cursorPolicy.value(of: record), newest.map({ $0 < value }) ?? true { newest = value }
                    StagingRowEncoder.append(record, to: &chunk)
                    tally.staged += 1
                    if !keyHashes.insert(record.sourceKey.hashValue).inserted { tally.repeatsKey = true }
                    if record.area == nil && record.longitude != nil { tally.needsPlacement = true }
                    tally.years.insert(record.occurred.year)
                    if let note = record.note {
                        tally.notes.append(RowNote(lineNumber: record.lineNumber, sourceKey: record.sourceKey, note: note))
                    }
                    if chunk.count >= Self.chunkBytes {
                        try queue.push(.chunk(chunk))
                        chunk.removeAll(keepingCapacity: true)
                    }
                }
            case .rejected(let rejection):
                tally.rejects.append(rejection)
            case .duplicate:
                tally.duplicates += 1
            }
            progress.addRows(1)
            if tally.rowsRead >= batchRows { try endBatch() }
        }
        if tally.rowsRead > 0 { try endBatch() }
        try queue.push(.finished(summary, newestCursorValue: newest))
    }
}

/// Counts the bytes a parser pulls, for progress and ETA.
final class CountingByteSource: ByteSource {
    private let inner: any ByteSource
    private let progress: LoadProgressCounter

    init(inner: any ByteSource, progress: LoadProgressCounter) {
        self.inner = inner
        self.progress = progress
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = try inner.read(into: buffer)
        progress.addBytes(count)
        return count
    }
}

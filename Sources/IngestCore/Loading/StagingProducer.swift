/// The parser side of a load: parses the source on its own thread and encodes its records into
/// ``LoadBatch``es (``LoadRowEncoder``), handing over a batch every `batchRows` source rows.
///
/// It also flags a batch in which a key repeats (``BatchTally/repeatsKey``), so the writer keeps
/// each key's latest version only when it must.
///
/// Memory stays bounded: the batch being filled and the queue's capacity of batches (Chicago:
/// ~190 bytes of COPY fields and ~150 of ``LoadRow`` per row).
struct StagingProducer: Sendable {
    let parser: any IncidentSourceParser
    let city: IngestCity
    let cursorPolicy: CursorPolicy
    let batchRows: Int
    let progress: LoadProgressCounter

    /// Encoded bytes reserved per row of a batch (Chicago's rows take ~190).
    static let bytesPerRowHint = 256

    /// Parses `source` to the end, pushing items to `queue`; throws what the parser or the queue threw.
    func run(source: any ByteSource, queue: BlockingQueue<StagingItem>) throws {
        var batch = emptyBatch()
        var newest: LocalDateTime?
        var keyHashes = Set<Int>(minimumCapacity: min(batchRows, 1 << 20))
        let counted = CountingByteSource(inner: source, progress: progress)

        func endBatch() throws {
            batch.prepare()
            try queue.push(.batch(batch))
            batch = emptyBatch()
            keyHashes.removeAll(keepingCapacity: true)
        }

        let summary = try parser.parse(counted) { row in
            batch.tally.rowsRead += 1
            switch row {
            case .record(let record):
                if record.city != city.slug {
                    batch.tally.rejects.append(RejectedRow(
                        lineNumber: record.lineNumber, rawText: "",
                        reason: "the row belongs to city \(record.city), but this run loads \(city.slug)"))
                } else if cursorPolicy.skips(record) {
                    batch.tally.skippedByCursor += 1
                } else {
                    // The key as stored: text cannot hold NUL bytes (the encoder drops them too).
                    let key = record.sourceKey.utf8.contains(0) ? String(record.sourceKey.filter { $0 != "\0" }) : record.sourceKey
                    guard let encoded = LoadRowEncoder.append(record, key: key, to: &batch.bytes) else {
                        batch.tally.rejects.append(RejectedRow(
                            lineNumber: record.lineNumber, rawText: "",
                            reason: "district, ward or community area out of range (\(record.district.map(String.init) ?? "-"), "
                                + "\(record.ward.map(String.init) ?? "-"), \(record.communityArea.map(String.init) ?? "-"))"))
                        break
                    }
                    if let value = cursorPolicy.value(of: record), newest.map({ $0 < value }) ?? true { newest = value }
                    batch.rows.append(encoded)
                    batch.tally.staged += 1
                    if !keyHashes.insert(key.hashValue).inserted { batch.tally.repeatsKey = true }
                    batch.tally.years.insert(record.occurred.year)
                    if let note = record.note {
                        batch.tally.notes.append(RowNote(lineNumber: record.lineNumber, sourceKey: key, note: note))
                    }
                }
            case .rejected(let rejection):
                batch.tally.rejects.append(rejection)
            case .duplicate:
                batch.tally.duplicates += 1
            }
            progress.addRows(1)
            if batch.tally.rowsRead >= batchRows { try endBatch() }
        }
        if batch.tally.rowsRead > 0 { try endBatch() }
        try queue.push(.finished(summary, newestCursorValue: newest))
    }

    private func emptyBatch() -> LoadBatch {
        var batch = LoadBatch()
        // Enough for a default batch; larger ones grow (a reservation is memory taken at once).
        let reserved = min(batchRows, 65_536)
        batch.bytes.reserveCapacity(reserved * Self.bytesPerRowHint)
        batch.rows.reserveCapacity(reserved)
        return batch
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

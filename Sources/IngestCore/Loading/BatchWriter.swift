import Postgres

/// The database side of a load: for each batch the parser thread cut, one transaction under the
/// city's lock writes its rows, its outbox entries, its rejects and notes, and adds it to the
/// run's counts. A failure rolls back only the batch in progress.
///
/// The batch's keys are probed first (one statement, ``LoadSQL/probeKeys``), which makes each row
/// new, unchanged (the stored hash equals its own: nothing to write) or differing. New rows are
/// COPYed straight into the incidents and their keys into `incident_keys`, with ids drawn in one
/// statement, and their outbox entries COPYed from the rows ingest holds; only differing rows go
/// through the staging table, the set-based compare and the update (``LoadSQL/updateExisting``).
struct BatchWriter {
    let connection: PostgresConnection
    let runID: Int64
    let city: IngestCity
    let source: String
    let progress: LoadProgressCounter
    /// Given the plan of every batch's key probe and stored-version lookup (tests check they use the key index).
    var lookupPlanObserver: (@Sendable (String) -> Void)?
    /// The years whose partitions this run has made sure of.
    var ensuredYears: Set<Int> = []

    /// Commits batches until the parser finishes; returns its summary and the newest cursor value.
    ///
    /// Under the city's lock, the batch's incidents partitions are made sure of (a short
    /// transaction of its own), then the batch is one transaction.
    mutating func run(queue: BlockingQueue<StagingItem>) throws -> (ParseSummary, LocalDateTime?) {
        try connection.execute(LoadSQL.sessionSettings)
        try connection.execute(LoadSQL.createSessionTables)
        while true {
            switch try queue.pop() {
            case .finished(let summary, let newest):
                return (summary, newest)
            case .batch(let batch):
                try lockCity()
                do {
                    try ensurePartitions(years: batch.tally.years)
                    try connection.transaction { try commitBatch(batch) }
                } catch {
                    _ = try? connection.query(LoadSQL.unlockCity, [city.slug])
                    throw error
                }
                try connection.query(LoadSQL.unlockCity, [city.slug])
                progress.addCommitted(rows: batch.tally.rowsRead)
            }
        }
    }

    /// Takes the city's lock; when another run holds it, first records this run as `waiting` for
    /// that run (committed, so `GetRun` shows it), and as `running` again once the lock is taken.
    private func lockCity() throws {
        if try connection.query(LoadSQL.tryLockCity, [city.slug]).scalar(Bool.self) { return }
        let holder = try connection.query(LoadSQL.cityLockHolder, [city.slug, Int(RunLedger.runLockClass)])
            .first.map { try $0.decode(Int64.self, at: 0) }
        try RunLedger.markWaiting(on: connection, runID: runID, for: holder)
        try connection.query(LoadSQL.lockCity, [city.slug])
        try RunLedger.markRunning(on: connection, runID: runID)
    }

    /// The (city, year) partitions of the batch's records, created when missing; the years this run
    /// already made sure of are not asked again (partitions are never dropped while a load runs).
    private mutating func ensurePartitions(years: Set<Int>) throws {
        for year in years.subtracting(ensuredYears).sorted() {
            try connection.query(LoadSQL.ensureIncidentPartition, [city.slug, year])
            ensuredYears.insert(year)
        }
    }

    /// One batch, in the caller's transaction, under the city's lock.
    private func commitBatch(_ batch: LoadBatch) throws {
        let tally = batch.tally
        var inserted = 0, updated = 0
        let rows = batch.rows, byKey = batch.keyOrder, keys = batch.keysLiteral
        if !rows.isEmpty {
            try observePlans(keys: keys)
            // Per row: never stored, or the stored hash (nil when stored without one).
            var stored = [Int64??](repeating: .none, count: rows.count)
            for row in try connection.query(LoadSQL.probeKeys, [city.slug, keys]) {
                stored[byKey[try row.decode(Int.self, at: 0) - 1]] = .some(try row.decode(Int64?.self, at: 1))
            }
            var fresh: [Int] = [], differing: [Int] = []
            for index in rows.indices {
                switch stored[index] {
                case .none: fresh.append(index)
                case .some(let hash) where hash != rows[index].hash: differing.append(index)
                case .some: break
                }
            }
            let placed = try placeSpatially(rows, fresh + differing)
            inserted = try insertNew(rows, fresh, keyOrder: byKey, placed: placed, bytes: batch.bytes)
            if !differing.isEmpty { updated = try updateDiffering(rows, differing, placed: placed, bytes: batch.bytes) }
            if inserted + updated > 0 {
                try connection.query(LoadSQL.lockOutbox)
                let entries = (inserted + LoadSQL.changesPerOutboxEntry - 1) / LoadSQL.changesPerOutboxEntry
                    + (updated + LoadSQL.changesPerOutboxEntry - 1) / LoadSQL.changesPerOutboxEntry
                try connection.query(LoadSQL.ensureOutboxPartitions, [entries + 1])
                try writeFreshOutbox(fresh.map { rows[$0] }, placed: fresh.map { placed[$0] })
                var wroteEntries = !fresh.isEmpty
                if updated > 0 {
                    wroteEntries = try connection.query(LoadSQL.writeReplacedOutbox, [city.slug, runID]).scalar(Int64.self) > 0 || wroteEntries
                }
                if wroteEntries { try connection.query(LoadSQL.recordOutboxPosition, [runID]) }
            }
        }
        try Self.writeRejects(tally.rejects, runID: runID, on: connection)
        try writeNotes(tally.notes)
        let unchanged = tally.staged - inserted - updated + tally.duplicates + tally.skippedByCursor
        try connection.query(LoadSQL.addBatchCounts, [
            runID, tally.rowsRead, inserted, updated, unchanged, tally.rejects.count, tally.duplicates, tally.skippedByCursor,
            tally.notes.count,
        ])
    }

    /// Hands the observer the plans of the key probe and of the stored-version lookup.
    private func observePlans(keys: String) throws {
        guard let lookupPlanObserver else { return }
        var lines = try connection.query(LoadSQL.explain(LoadSQL.probeKeys), [city.slug, keys]).map { try $0.decode(String.self, at: 0) }
        lines += try connection.query(LoadSQL.explain(LoadSQL.findPrevious), [city.slug]).map { try $0.decode(String.self, at: 0) }
        lookupPlanObserver(lines.joined(separator: "\n"))
    }

    /// The spatial area of each of the `indices` rows that has a location but no reported area
    /// (nil when no polygon contains it), by row index; nil for every other row.
    private func placeSpatially(_ rows: [LoadRow], _ indices: [Int]) throws -> [String?] {
        var placed = [String?](repeating: nil, count: rows.count)
        let placing = indices.filter { rows[$0].needsPlacement }
        guard !placing.isEmpty else { return placed }
        let result = try connection.query(LoadSQL.placePoints, [
            city.slug, PostgresArrayLiteral.doubles(placing.lazy.map { rows[$0].lon }),
            PostgresArrayLiteral.doubles(placing.lazy.map { rows[$0].lat }),
        ])
        for row in result {
            placed[placing[try row.decode(Int.self, at: 0) - 1]] = try row.decode(String?.self, at: 1)
        }
        return placed
    }

    /// COPYs the new rows into the incidents (ids drawn first) and their keys; returns how many.
    private func insertNew(_ rows: [LoadRow], _ fresh: [Int], keyOrder: [Int], placed: [String?], bytes: [UInt8]) throws -> Int {
        guard !fresh.isEmpty else { return 0 }
        let reported = Set(fresh.compactMap { rows[$0].reportedArea })
        let known = reported.isEmpty ? Set<String>()
            : Set(try connection.query(LoadSQL.knownAreas, [city.slug, PostgresArrayLiteral.text(reported.map { Optional($0) })])
                .map { try $0.decode(String.self, at: 0) })
        let firstID = try connection.query(LoadSQL.drawIncidentIDs, [fresh.count]).scalar(Int64.self)
        let shared = BatchCopyEncoder.SharedFields(city: city.slug, source: source, runID: runID)
        try copy(LoadSQL.copyIncidents, count: fresh.count) { position, buffer in
            let index = fresh[position]
            let row = rows[index]
            BatchCopyEncoder.appendIncident(row, bytes: bytes, id: firstID + Int64(position), placed: placed[index],
                                            areaKnown: row.reportedArea.map(known.contains) ?? (placed[index] != nil),
                                            shared: shared, to: &buffer)
        }
        // In key order: consecutive inserts into the key index land on neighbouring pages.
        var freshPosition = [Int](repeating: -1, count: rows.count)
        for (position, index) in fresh.enumerated() { freshPosition[index] = position }
        let freshByKey = keyOrder.filter { freshPosition[$0] >= 0 }
        try copy(LoadSQL.copyKeys, count: freshByKey.count) { position, buffer in
            let index = freshByKey[position]
            BatchCopyEncoder.appendKey(rows[index], bytes: bytes, id: firstID + Int64(freshPosition[index]), shared: shared, to: &buffer)
        }
        return fresh.count
    }

    /// Stages the differing rows and replaces the stored versions that are older and differ in some
    /// column, recording their old and new fields in `load_changes`; returns how many were replaced.
    private func updateDiffering(_ rows: [LoadRow], _ differing: [Int], placed: [String?], bytes: [UInt8]) throws -> Int {
        try connection.query(LoadSQL.truncateSessionTables)
        try copy(LoadSQL.copyStaging, count: differing.count) { position, buffer in
            let index = differing[position]
            BatchCopyEncoder.appendStaging(rows[index], bytes: bytes, placed: placed[index], to: &buffer)
        }
        try connection.query(LoadSQL.findKnown, [city.slug])
        guard try connection.query(LoadSQL.findPrevious, [city.slug]).affectedRows > 0 else { return 0 }
        let updated = try connection.query(LoadSQL.updateExisting, [city.slug, runID, source]).affectedRows
        if updated > 0 { try connection.query(LoadSQL.moveKeys, [city.slug]) }
        return updated
    }

    /// COPYs the outbox entries of the new rows: +1 each, ``LoadSQL/changesPerOutboxEntry`` to an entry.
    private func writeFreshOutbox(_ rows: [LoadRow], placed: [String?]) throws {
        guard !rows.isEmpty else { return }
        let areas = zip(rows, placed).map { row, spatial in row.reportedArea ?? spatial ?? "" }
        let size = LoadSQL.changesPerOutboxEntry
        try copy(LoadSQL.copyOutbox, count: (rows.count + size - 1) / size) { entry, buffer in
            let range = entry * size..<min(rows.count, (entry + 1) * size)
            BatchCopyEncoder.appendOutboxEntry(rows[range], areas: areas[range], city: city.slug, runID: runID, to: &buffer)
        }
    }

    /// A binary COPY of `count` tuples, each appended by `tuple`, sent in pieces of about 64 KiB.
    private func copy(_ sql: String, count: Int, tuple: (Int, inout [UInt8]) -> Void) throws {
        try connection.copyIn(sql) { writer in
            var buffer = CopyBinaryEncoder.header
            buffer.reserveCapacity(80 * 1024)
            for position in 0..<count {
                tuple(position, &buffer)
                if buffer.count >= 64 * 1024 {
                    try writer.writeRaw(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
            buffer += CopyBinaryEncoder.trailer
            try writer.writeRaw(buffer)
        }
    }

    /// Writes the outbox entries of the replaced records in `load_changes` (an area run's
    /// reassignments), under the outbox lock, in partitions made sure of first.
    static func writeReplacedOutbox(on connection: PostgresConnection, city: String, runID: Int64, changedRecords: Int) throws {
        guard changedRecords > 0 else { return }
        try connection.query(LoadSQL.lockOutbox)
        try connection.query(LoadSQL.ensureOutboxPartitions, [changedRecords / LoadSQL.changesPerOutboxEntry + 2])
        if try connection.query(LoadSQL.writeReplacedOutbox, [city, runID]).scalar(Int64.self) > 0 {
            try connection.query(LoadSQL.recordOutboxPosition, [runID])
        }
    }

    /// COPYs the batch's noted rows (line, key, note) into `ingest.row_notes`.
    private func writeNotes(_ notes: [RowNote]) throws {
        try Self.copyRunLines(LoadSQL.copyRowNotes, runID: runID, notes.map { ($0.lineNumber, $0.sourceKey, $0.note) }, on: connection)
    }

    /// COPYs rejected rows (line, raw text, reason) into `ingest.rejects`.
    static func writeRejects(_ rejects: [RejectedRow], runID: Int64, on connection: PostgresConnection) throws {
        try copyRunLines(LoadSQL.copyRejects, runID: runID, rejects.map { ($0.lineNumber, $0.rawText, $0.reason) }, on: connection)
    }

    /// A text COPY of (run id, line number, text, text) tuples: the shape rejects and notes share.
    private static func copyRunLines(_ sql: String, runID: Int64, _ lines: [(line: Int, first: String, second: String)],
                                     on connection: PostgresConnection) throws {
        guard !lines.isEmpty else { return }
        let runText = String(runID)
        try connection.copyIn(sql) { writer in
            var bytes: [UInt8] = []
            for line in lines {
                bytes.removeAll(keepingCapacity: true)
                bytes.append(contentsOf: runText.utf8)
                bytes.append(UInt8(ascii: "\t"))
                bytes.append(contentsOf: String(line.line).utf8)
                bytes.append(UInt8(ascii: "\t"))
                CopyTextEncoder.appendText(line.first, to: &bytes)
                bytes.append(UInt8(ascii: "\t"))
                CopyTextEncoder.appendText(line.second, to: &bytes)
                bytes.append(UInt8(ascii: "\n"))
                try writer.writeRaw(bytes)
            }
        }
    }
}

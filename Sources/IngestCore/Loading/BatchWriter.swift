import Postgres

/// The database side of a load: for each batch the parser thread cut, the staged rows are COPYed
/// into a session table, then one transaction upserts them, writes the outbox, stores the rejects
/// and adds the batch to the run's counts. A failure rolls back only the batch in progress.
///
/// The upsert is a few set-based statements (see ``LoadSQL``): keep only the latest version of a
/// key repeated within the batch and place rows without a reported area — each only when the
/// parser flagged the batch as needing it —, find which of the batch's keys exist and which of
/// those have the staged row's hash (unchanged), insert the new keys, read the stored versions of
/// the other known keys and update the ones that changed (only when there are any), then write
/// the outbox under its lock.
struct BatchWriter {
    let connection: PostgresConnection
    let runID: Int64
    let city: IngestCity
    let source: String
    let progress: LoadProgressCounter
    /// Given the plan of every batch's stored-version lookup (tests check it uses the key index).
    var lookupPlanObserver: (@Sendable (String) -> Void)?
    /// The years whose partitions this run has made sure of.
    var ensuredYears: Set<Int> = []

    /// Raised when the parser ends without closing its last batch (a bug, never expected).
    struct UnterminatedBatch: Error, CustomStringConvertible {
        var description: String { "the parser finished in the middle of a batch" }
    }

    /// Commits batches until the parser finishes; returns its summary and the newest cursor value.
    ///
    /// A batch is staged (COPY into the session's TEMP table, superseded versions dropped) before
    /// the city's lock is taken: the staging waits on this load's own parser, and other runs of the
    /// city must not wait for that too. Under the lock, the batch's incidents partitions are made
    /// sure of (a short transaction of its own), then the upsert is one transaction.
    mutating func run(queue: BlockingQueue<StagingItem>) throws -> (ParseSummary, LocalDateTime?) {
        try connection.execute(LoadSQL.sessionSettings)
        try connection.execute(LoadSQL.createSessionTables)
        while true {
            let first = try queue.pop()
            if case .finished(let summary, let newest) = first { return (summary, newest) }
            let staged = try stageBatch(startingWith: first, queue: queue)
            try lockCity()
            do {
                try ensurePartitions(years: staged.years)
                try connection.transaction { try commitBatch(staged) }
            } catch {
                _ = try? connection.query(LoadSQL.unlockCity, [city.slug])
                throw error
            }
            try connection.query(LoadSQL.unlockCity, [city.slug])
            progress.addCommitted(rows: staged.rowsRead)
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

    /// COPYs one batch into the session's staging table (binary: a header, the parser's tuples, a trailer) (outside any transaction: it is TEMP) and
    /// keeps only the latest version of a repeated key; returns the batch's tally.
    private func stageBatch(startingWith first: StagingItem, queue: BlockingQueue<StagingItem>) throws -> BatchTally {
        try connection.query(LoadSQL.truncateSessionTables)
        var pending = first
        var finishedTally: BatchTally?
        try connection.copyIn(LoadSQL.copyStaging) { writer in
            try writer.writeRaw(StagingRowEncoder.binaryHeader)
            while true {
                switch pending {
                case .chunk(let bytes):
                    try writer.writeRaw(bytes)
                case .endOfBatch(let tally):
                    finishedTally = tally
                    try writer.writeRaw(StagingRowEncoder.binaryTrailer)
                    return
                case .finished:
                    throw UnterminatedBatch()
                }
                pending = try queue.pop()
            }
        }
        guard let tally = finishedTally else { throw UnterminatedBatch() }
        if tally.staged > 0 && tally.repeatsKey { try connection.query(LoadSQL.dropSupersededVersions) }
        return tally
    }

    /// The upsert of a staged batch, in the caller's transaction, under the city's lock.
    private func commitBatch(_ tally: BatchTally) throws {
        var inserted = 0, updated = 0
        if tally.staged > 0 {
            if tally.needsPlacement { try connection.query(LoadSQL.placeSpatially, [city.slug]) }
            if let lookupPlanObserver {
                var lines: [String] = []
                for statement in [LoadSQL.findKnown, LoadSQL.findPrevious] {
                    lines += try connection.query("EXPLAIN " + statement, [city.slug]).map { try $0.decode(String.self, at: 0) }
                }
                lookupPlanObserver(lines.joined(separator: "\n"))
            }
            let found = try connection.query(LoadSQL.findKnown, [city.slug])
            let known = try found.first.map { try $0.decode(Int.self, at: 0) } ?? 0
            let unchanged = try found.first.map { try $0.decode(Int.self, at: 1) } ?? 0
            inserted = try connection.query(LoadSQL.insertNew, [city.slug, runID, source]).affectedRows
            if known > unchanged, try connection.query(LoadSQL.findPrevious, [city.slug]).affectedRows > 0 {
                updated = try connection.query(LoadSQL.updateExisting, [city.slug, runID, source]).affectedRows
                if updated > 0 { try connection.query(LoadSQL.moveKeys, [city.slug]) }
            }
            try Self.writeOutbox(on: connection, city: city.slug, runID: runID, changedRecords: inserted + updated)
        }
        try Self.writeRejects(tally.rejects, runID: runID, on: connection)
        try writeNotes(tally.notes)
        let unchanged = tally.staged - inserted - updated + tally.duplicates + tally.skippedByCursor
        try connection.query(LoadSQL.addBatchCounts, [
            runID, tally.rowsRead, inserted, updated, unchanged, tally.rejects.count, tally.duplicates, tally.skippedByCursor,
            tally.notes.count,
        ])
    }

    /// Writes the outbox entries of `changedRecords` inserted or replaced records (in `load_staging`
    /// and `load_changes`), under the outbox lock, in partitions made sure of first.
    static func writeOutbox(on connection: PostgresConnection, city: String, runID: Int64, changedRecords: Int) throws {
        guard changedRecords > 0 else { return }
        try connection.query(LoadSQL.lockOutbox)
        try connection.query(LoadSQL.ensureOutboxPartitions, [changedRecords / LoadSQL.changesPerOutboxEntry + 2])
        try connection.query(LoadSQL.writeOutbox, [city, runID])
    }

    /// COPYs the batch's noted rows (line, key, note) into `ingest.row_notes`.
    private func writeNotes(_ notes: [RowNote]) throws {
        guard !notes.isEmpty else { return }
        let runText = String(runID)
        try connection.copyIn(LoadSQL.copyRowNotes) { writer in
            var line: [UInt8] = []
            for note in notes {
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: runText.utf8)
                line.append(UInt8(ascii: "\t"))
                line.append(contentsOf: String(note.lineNumber).utf8)
                line.append(UInt8(ascii: "\t"))
                StagingRowEncoder.appendText(note.sourceKey, to: &line)
                line.append(UInt8(ascii: "\t"))
                StagingRowEncoder.appendText(note.note, to: &line)
                line.append(UInt8(ascii: "\n"))
                try writer.writeRaw(line)
            }
        }
    }

    /// COPYs rejected rows (line, raw text, reason) into `ingest.rejects`.
    static func writeRejects(_ rejects: [RejectedRow], runID: Int64, on connection: PostgresConnection) throws {
        guard !rejects.isEmpty else { return }
        let runText = String(runID)
        try connection.copyIn(LoadSQL.copyRejects) { writer in
            var line: [UInt8] = []
            for reject in rejects {
                line.removeAll(keepingCapacity: true)
                line.append(contentsOf: runText.utf8)
                line.append(UInt8(ascii: "\t"))
                line.append(contentsOf: String(reject.lineNumber).utf8)
                line.append(UInt8(ascii: "\t"))
                StagingRowEncoder.appendText(reject.rawText, to: &line)
                line.append(UInt8(ascii: "\t"))
                StagingRowEncoder.appendText(reject.reason, to: &line)
                line.append(UInt8(ascii: "\n"))
                try writer.writeRaw(line)
            }
        }
    }
}

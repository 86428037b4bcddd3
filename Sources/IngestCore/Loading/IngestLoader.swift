import Foundation
import Logging
import Postgres

/// Runs loads: each on two threads of its own — the parser (plus its decompressor child process),
/// which encodes whole batches, and a writer with its own database connection — joined by a
/// bounded queue of batches (``queueCapacity``), so the parser reads the next batch while the
/// database writes the current one. Loads never occupy the RPC pool's connections or the
/// cooperative thread pool.
package struct IngestLoader: Sendable {
    /// The database loads connect to.
    package let databaseURL: String
    let logger: Logger

    /// Batches waiting for the writer: one, so the parser is at most two batches ahead (the one
    /// waiting and the one it fills) and memory stays a few batches.
    static let queueCapacity = 1

    package init(databaseURL: String, logger: Logger = Logger(label: "crimescope.ingest.loader")) {
        self.databaseURL = databaseURL
        self.logger = logger
    }

    /// Checks the request, records the run and starts it; returns once the run id exists.
    /// Throws ``IngestError`` for a format that does not fit the city, or a missing file.
    ///
    /// With `previous`, the new run parses ahead (about one batch) at once but commits nothing
    /// until `previous` has ended, so a list of files loads in order — each run a committed
    /// prefix, later files' versions applied after earlier ones' — while the parsing of one file
    /// overlaps the upserts of the one before.
    package func start(_ request: LoadRequest, after previous: LoadJob? = nil) async throws -> LoadJob {
        guard request.format.fits(request.city) else {
            throw IngestError.invalidArgument("format \(request.format.rawValue) cannot load city \(request.city.slug)")
        }
        if case .file(let path) = request.input, !FileManager.default.isReadableFile(atPath: path) {
            throw IngestError.notFound("no readable file at \(path) on the ingest server")
        }
        let queue = BlockingQueue<StagingItem>(capacity: Self.queueCapacity)
        let progress = LoadProgressCounter()
        let (started, startedContinuation) = AsyncThrowingStream<Int64, any Error>.makeStream()
        let (ended, endedContinuation) = AsyncStream<LoadOutcome>.makeStream()
        let (settled, settledContinuation) = AsyncStream<Never>.makeStream()
        let endSignal = LoadEndSignal()
        let run = LoadRun(request: request, databaseURL: databaseURL, logger: logger, queue: queue, progress: progress,
                          previous: previous.map { ($0.runID, $0.ended) }, onSettled: { settledContinuation.finish() })
        let thread = Thread {
            run.execute(onStarted: { runID in
                startedContinuation.yield(runID)
                startedContinuation.finish()
            }, onStartFailed: { error in
                startedContinuation.finish(throwing: error)
            }, onEnded: { outcome in
                endSignal.signal()
                endedContinuation.yield(outcome)
                endedContinuation.finish()
            })
        }
        thread.name = "ingest-load-writer"
        thread.start()
        var runID: Int64?
        for try await id in started { runID = id }
        guard let runID else { throw IngestError.failedPrecondition("the load ended before its run was recorded") }
        let outcome = Task<LoadOutcome, Never> {
            for await outcome in ended { return outcome }
            return LoadOutcome(runID: runID, error: "the load thread ended without an outcome")
        }
        let upkeep = Task<Void, Never> { for await _ in settled {} }
        return LoadJob(runID: runID, progress: progress, queue: queue, outcome: outcome, ended: endSignal, settled: upkeep)
    }

    /// Runs a load to its end and returns how it ended.
    package func load(_ request: LoadRequest) async throws -> LoadOutcome {
        try await start(request).wait()
    }
}

/// One load's work on the writer thread (see ``IngestLoader``).
struct LoadRun: Sendable {
    let request: LoadRequest
    let databaseURL: String
    let logger: Logger
    let queue: BlockingQueue<StagingItem>
    let progress: LoadProgressCounter
    /// The run this one commits after, and its end (see ``IngestLoader/start(_:after:)``).
    let previous: (runID: Int64, ended: LoadEndSignal)?
    /// Called last, after the statistics upkeep that follows the outcome.
    let onSettled: @Sendable () -> Void

    func execute(onStarted: (Int64) -> Void, onStartFailed: (any Error) -> Void, onEnded: (LoadOutcome) -> Void) {
        let connection: PostgresConnection
        let runID: Int64
        let cursor: LocalDateTime?
        do {
            connection = try PostgresConnection.connect(to: databaseURL, logger: logger)
            try RunLedger.markAbandonedRuns(on: connection)
            let field = request.format.cursorField
            let stored = field == .none ? nil
                : try RunLedger.cursor(on: connection, city: request.city.slug, source: request.input.sourceName)
            cursor = request.fullReload ? nil : stored
            runID = try RunLedger.begin(on: connection, request: request,
                                        cursorBefore: stored.map { "\(field.rawValue) >= \($0.sqlText.replacingOccurrences(of: " ", with: "T"))" })
        } catch {
            onStartFailed(error)
            onSettled()
            return
        }
        defer { connection.close() }
        onStarted(runID)
        logger.info("load started", metadata: ["run": "\(runID)", "city": "\(request.city.slug)", "source": "\(request.input.sourceName)"])
        do {
            let newest: LocalDateTime?
            if let parser = request.format.incidentParser {
                startProducer(parser: parser, policy: CursorPolicy(field: request.format.cursorField, cursor: cursor))
                try waitForPrevious(on: connection, runID: runID)
                var writer = BatchWriter(connection: connection, runID: runID, city: request.city,
                                         source: request.input.sourceName, progress: progress)
                writer.lookupPlanObserver = request.lookupPlanObserver
                (_, newest) = try writer.run(queue: queue)
            } else {
                try waitForPrevious(on: connection, runID: runID)
                _ = try AreaLoader(connection: connection, runID: runID, city: request.city, progress: progress)
                    .run(source: try request.input.open())
                newest = nil
            }
            try RunLedger.succeed(on: connection, runID: runID, request: request, field: request.format.cursorField, newest: newest)
            RunLedger.end(on: connection, runID: runID)
            logger.info("load succeeded", metadata: ["run": "\(runID)"])
            onEnded(LoadOutcome(runID: runID, error: nil))
            refreshStatistics(on: connection)
        } catch {
            queue.close(with: error)
            let message = Self.describe(error)
            RunLedger.fail(on: connection, runID: runID, error: message)
            RunLedger.end(on: connection, runID: runID)
            logger.error("load failed", metadata: ["run": "\(runID)", "error": "\(message)"])
            onEnded(LoadOutcome(runID: runID, error: message))
            refreshStatistics(on: connection)
        }
    }

    /// After the outcome is reported: the city's statistics, when the run left them far behind
    /// (best effort; see ``CityStatistics``). Then the job is settled.
    private func refreshStatistics(on connection: PostgresConnection) {
        defer { onSettled() }
        guard request.refreshStatistics, request.format.incidentParser != nil else { return }
        do {
            if try CityStatistics.refreshIfStale(city: request.city.slug, on: connection) {
                logger.info("analysed the incident keys' city column", metadata: ["city": "\(request.city.slug)"])
            }
        } catch {
            logger.warning("could not refresh the statistics", metadata: ["error": "\(error)"])
        }
    }

    /// Waits for the previous run of the list to end, recorded as `waiting` for it meanwhile.
    private func waitForPrevious(on connection: PostgresConnection, runID: Int64) throws {
        guard let previous, !previous.ended.hasEnded else { return }
        try RunLedger.markWaiting(on: connection, runID: runID, for: previous.runID)
        previous.ended.wait()
        try RunLedger.markRunning(on: connection, runID: runID)
    }

    private func startProducer(parser: any IncidentSourceParser, policy: CursorPolicy) {
        let producer = StagingProducer(parser: parser, city: request.city, cursorPolicy: policy,
                                       batchRows: request.batchRows, progress: progress)
        let input = request.input
        let queue = self.queue
        let thread = Thread {
            do {
                try producer.run(source: try input.open(), queue: queue)
            } catch {
                queue.close(with: error, drain: true)
            }
        }
        thread.name = "ingest-load-parser"
        thread.start()
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as IngestError: error.description
        case let error as SourceParseError: "cannot read the source: \(error.description)"
        default: String(describing: error)
        }
    }
}

import BackendKit
import ArgumentParser
import Foundation
import IngestCore
import Logging
import Postgres
import ServiceKit

/// `ingest pull`: pulls newer records of a city from its Socrata dataset straight into the database.
struct PullCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pull",
        abstract: "Pull records updated since the stored cursor from the city's Socrata (SODA 2.0) endpoint.",
        discussion: """
            chicago: dataset ijzp-q8t2, $where updated_on > cursor. nyc: NYPD arrests uh2w-zjsn (year to date; \
            --dataset 8h9b-rp9u for the historic one), $where arrest_date >= cursor day. \
            One run with source socrata:<dataset>; the cursor moves only when it succeeds. Connects to the \
            database directly and applies migrations first. Exits 1 if the run failed.
            """)

    @OptionGroup var database: DatabaseOptions

    @Option(help: "City slug (chicago or nyc).")
    var city: String

    @Option(help: "One of the city's Socrata datasets (nyc: uh2w-zjsn, the default, or 8h9b-rp9u; chicago: ijzp-q8t2).")
    var dataset: String?

    @Option(name: .customLong("base-url"), help: "SODA resource URL (default: the city's public endpoint).")
    var baseURL: String?

    @Option(name: .customLong("page-size"), help: "Rows per page ($limit), 1…50000.")
    var pageSize = SocrataPullRequest.defaultPageSize

    @Option(help: "Pages in flight at once, 1…8.")
    var concurrency = SocrataPullRequest.defaultConcurrency

    @Option(name: .customLong("max-attempts"), help: "Attempts per page on 5xx, 429 or timeouts.")
    var maxAttempts = SocrataRetryPolicy.standard.maxAttempts

    @Flag(help: "Ignore the stored cursor and take every record.")
    var full = false

    @Option(name: .customLong("batch-rows"), help: "Rows per committed batch.")
    var batchRows = LoadRequest.defaultBatchRows

    func run() async throws {
        guard let city = IngestCity(slug: city) else {
            throw ValidationError("unknown city '\(city)': expected chicago or nyc")
        }
        let endpoint = try baseURL.map { text in
            guard let url = URL(string: text), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
                throw ValidationError("--base-url must be an http(s) URL, got '\(text)'")
            }
            return url
        }
        var retry = SocrataRetryPolicy.standard
        retry.maxAttempts = max(1, maxAttempts)
        let request = SocrataPullRequest(city: city, datasetID: dataset, baseURL: endpoint, pageSize: pageSize, concurrency: concurrency,
                                         retry: retry, fullReload: full, batchRows: batchRows)
        let pool = try await database.migratedPool()
        await pool.shutdown()
        var logger = Logger(label: "crimescope.ingest.pull")
        logger.logLevel = .warning
        let puller = SocrataPuller(loader: IngestLoader(databaseURL: try database.resolve(), logger: logger))
        let started = ContinuousClock.now
        let job: LoadJob
        do {
            job = try await puller.start(request)
        } catch let error as IngestError {
            throw ValidationError(error.description)
        }
        let reporter = ProgressReporter(name: endpoint?.absoluteString ?? "socrata \(city.slug)", runID: job.runID,
                                        totalBytes: nil, started: started)
        let ticker = Task {
            while !Task.isCancelled {
                do { try await Task.sleep(for: reporter.interval) } catch { return }
                reporter.report(job.progress.snapshot)
            }
        }
        let outcome = await job.wait()
        ticker.cancel()
        reporter.finish(job.progress.snapshot, outcome: outcome)
        if !outcome.succeeded { throw ExitCode(1) }
    }
}

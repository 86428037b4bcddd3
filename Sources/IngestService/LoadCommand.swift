import BackendKit
import ArgumentParser
import Contracts
import Foundation
import IngestCore
import Logging
import Postgres
import ServiceKit

/// `ingest load`: loads files straight into the database (no running service needed), one run per file.
struct LoadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load incident files (or area GeoJSON) into the ingest schema, one run per file.",
        discussion: "Connects to the database directly (like `serve`) and applies migrations first. Exits 1 if any run failed.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "City slug: chicago, nyc, uk-metropolitan, uk-west-yorkshire.")
    var city: String

    @Option(help: "chicago-csv, chicago-socrata-json, nypd-arrests-csv, police-uk-csv or areas-geojson (default: detected).")
    var format: String?

    @Flag(help: "Ignore the stored cursor and take every record.")
    var full = false

    @Option(name: .customLong("batch-rows"), help: "Rows per committed batch.")
    var batchRows = LoadRequest.defaultBatchRows

    @Argument(help: "Files to load (plain, .gz or .xz).")
    var files: [String]

    func run() async throws {
        guard let city = IngestCity(slug: city) else {
            throw ValidationError("unknown city '\(city)': expected one of \(IngestCity.known.joined(separator: ", "))")
        }
        let explicitFormat = try format.map { name in
            guard let format = LoadFormat(rawValue: name) else {
                throw ValidationError("unknown format '\(name)': expected one of \(LoadFormat.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return format
        }
        let pool = try await database.migratedPool()
        await pool.shutdown()
        var logger = Logger(label: "crimescope.ingest.load")
        logger.logLevel = .warning
        let loader = IngestLoader(databaseURL: try database.resolve(), logger: logger)
        // One run per file, in order; the next file is started (parsing ahead, committing nothing)
        // while the current one commits, so its parse overlaps the current upserts.
        let inputs = try files.map { try resolve($0, explicitFormat: explicitFormat) }
        var failures = 0
        var current = try await startLoad(inputs.first, loader: loader, city: city, after: nil)
        for index in inputs.indices {
            guard let (job, path) = current else { break }
            // This run commits from now on (the previous one has ended); its rate is measured from here.
            let started = ContinuousClock.now
            // A next file that cannot start (gone meanwhile) fails the command only after this run ends.
            var next: (LoadJob, String)?
            var nextError: (any Error)?
            do {
                next = try await startLoad(inputs.indices.contains(index + 1) ? inputs[index + 1] : nil, loader: loader,
                                           city: city, after: job)
            } catch {
                nextError = error
            }
            let reporter = ProgressReporter(name: URL(fileURLWithPath: path).lastPathComponent, runID: job.runID,
                                            totalBytes: UncompressedSize.estimate(path: path), started: started)
            let ticker = Task {
                while !Task.isCancelled {
                    do { try await Task.sleep(for: reporter.interval) } catch { return }
                    reporter.report(job.progress.snapshot)
                }
            }
            let outcome = await job.wait()
            ticker.cancel()
            reporter.finish(job.progress.snapshot, outcome: outcome)
            if !outcome.succeeded { failures += 1 }
            if let nextError { throw nextError }
            // The last run's statistics upkeep finishes before the process exits (the others' ran
            // while the next file loaded).
            if next == nil { await job.waitUntilSettled() }
            current = next
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// The absolute path of `file` and its format (given, or detected from its first bytes).
    private func resolve(_ file: String, explicitFormat: LoadFormat?) throws -> (path: String, format: LoadFormat) {
        let path = URL(fileURLWithPath: file).standardizedFileURL.path
        let format: LoadFormat
        if let explicitFormat {
            format = explicitFormat
        } else if let detected = try SourceFormat.detect(contentsOf: URL(fileURLWithPath: path)) {
            format = LoadFormat(detected: detected)
        } else {
            throw ValidationError("cannot recognise the format of \(file): pass --format")
        }
        return (path, format)
    }

    /// Starts the load of `input` (none: `nil`) to commit after `previous`.
    private func startLoad(_ input: (path: String, format: LoadFormat)?, loader: IngestLoader, city: IngestCity,
                           after previous: LoadJob?) async throws -> (LoadJob, String)? {
        guard let input else { return nil }
        let job = try await loader.start(LoadRequest(city: city, format: input.format, input: .file(path: input.path),
                                                     fullReload: full, batchRows: batchRows), after: previous)
        return (job, input.path)
    }
}

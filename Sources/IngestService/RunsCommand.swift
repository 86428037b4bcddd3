import BackendKit
import ArgumentParser
import Contracts
import Foundation
import IngestCore
import Postgres
import ServiceKit

/// `ingest runs`: the newest load runs with their counts.
struct RunsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "runs", abstract: "List load runs, newest first.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Only runs of this city.")
    var city: String?

    @Option(help: "How many runs (default 20).")
    var limit = 20

    func run() async throws {
        let pool = try await database.migratedPool()
        let runs = try await IngestStore(pool: pool).runs(city: city, limit: max(1, limit), beforeRunID: 0)
        print("run\tstatus\tcity\tformat\tsource\tread\tinserted\tupdated\tunchanged\trejected\tseconds\tcursor\terror")
        for run in runs {
            let counts = run.counts
            let seconds = run.finishedUnixMs > 0 ? String(format: "%.1f", Double(run.finishedUnixMs - run.startedUnixMs) / 1000) : "-"
            var status = run.status.name.replacingOccurrences(of: "RUN_STATUS_", with: "").lowercased()
            if run.status == .waiting, run.waitingForRunID > 0 { status += " for run \(run.waitingForRunID)" }
            print([String(run.runID), status, run.city, run.format.name.replacingOccurrences(of: "SOURCE_FORMAT_", with: "").lowercased(),
                   run.source, String(counts?.read ?? 0), String(counts?.inserted ?? 0), String(counts?.updated ?? 0),
                   String(counts?.unchanged ?? 0), String(counts?.rejected ?? 0), seconds, run.cursor, run.error].joined(separator: "\t"))
        }
        await pool.shutdown()
    }
}

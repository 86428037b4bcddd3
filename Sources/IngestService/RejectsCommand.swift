import BackendKit
import ArgumentParser
import Contracts
import Foundation
import IngestCore
import Postgres
import ServiceKit

/// `ingest rejects RUN`: a run's rejected rows (line, reason, raw text), then the rows it kept with a
/// note (line, key, note; e.g. the Chicago portal's null geocode).
struct RejectsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rejects",
                                                    abstract: "List the rejected rows of a run, then the rows it kept with a note.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The run id (see `ingest runs`).")
    var run: Int64

    @Option(help: "How many rows (default 100).")
    var limit = 100

    @Option(name: .customLong("after-line"), help: "Start after this line number.")
    var afterLine: Int64 = 0

    func run() async throws {
        let pool = try await database.migratedPool()
        let store = IngestStore(pool: pool)
        do {
            guard try await store.run(id: run) != nil else {
                FileHandle.standardError.write(Data("no run \(run)\n".utf8))
                throw ExitCode(1)
            }
            let page = try await store.rejects(runID: run, limit: max(1, limit), afterLineNumber: afterLine)
            print("run \(run): \(page.total) rejected rows")
            for reject in page.rejects {
                print("line \(reject.lineNumber): \(reject.reason)\n\t\(reject.rawText)")
            }
            let noted = try await store.rowNotes(runID: run, limit: max(1, limit), afterLineNumber: afterLine)
            if noted.total > 0 {
                print("run \(run): \(noted.total) rows kept with a note")
                for note in noted.notes { print("line \(note.lineNumber) (key \(note.sourceKey)): \(note.note)") }
            }
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
    }
}

import Foundation
@testable import IngestCore
import Postgres
import TestSupport
import Testing

/// `kill -9` of a real `ingest load` process mid-way, then the same command again.
@Suite("Killing ingest load", .serialized, .timeLimit(.minutes(10)))
struct IngestLoadKillTests {
    @Test("kill -9 after the first committed batch; the rerun ends like an uninterrupted load")
    func killNineThenRerun() async throws {
        try await IngestTestDatabase.with(label: "kill") { db in
            let file = try SharedData.url("chicago-crimes/chicago_crimes_2017.csv.xz").path
            let logs = try TemporaryDirectory(prefix: "ingest-kill")
            defer { logs.remove() }
            // The first run reads a FIFO fed with the header and the first 100,000 rows, then held
            // open: after two committed batches of 40,000 the loader waits for more input, and the
            // kill always lands mid-load, however fast or slow the machine is. (`--format`: detection
            // reads the header and reopens the file, which a FIFO cannot serve twice.)
            let fifo = logs.path("chicago_crimes_2017.csv")
            #expect(mkfifo(fifo, 0o600) == 0)
            let writer = Process()
            writer.executableURL = URL(fileURLWithPath: "/bin/sh")
            // The shell itself holds the FIFO open, blocked in `read` on a pipe the test holds: no child
            // outlives it, and its output never reaches the test's own pipe (a survivor holding that
            // pipe would stall `swift test` until it exited).
            writer.arguments = ["-c", "exec > \"$1\"; xz -dc \"$0\" | head -n 100001; read -r _", file, fifo]
            let hold = Pipe()
            writer.standardInput = hold
            writer.standardOutput = FileHandle.nullDevice
            writer.standardError = FileHandle.nullDevice
            try writer.run()
            defer {
                if writer.isRunning { writer.terminate() }
                try? hold.fileHandleForWriting.close()
            }
            let firstArguments = ["load", "--database-url", db.database.url, "--city", "chicago", "--format", "chicago-csv",
                                  "--batch-rows", "40000", fifo]
            let first = try ServiceProcess("ingest", arguments: firstArguments, logDirectory: logs.url)
            // Committed rows are stored state with no event: read them until two batches are in.
            let committed = try await waitForState("two committed batches of the first loader", while: first, every: .milliseconds(20)) {
                let committed = (try? await db.scalar("SELECT COALESCE(sum(rows_read), 0)::int FROM ingest.etl_runs")) ?? 0
                return committed >= 80_000 ? committed : nil
            }
            await first.kill9()
            writer.terminate()
            #expect((80_000...100_000).contains(committed),
                    "two batches of 40,000 rows are committed before the loader waits for input, not \(committed): \(first.log())")
            // Reading marks a run without a live loader as failed. The killed client's backend may
            // still be finishing a statement (and so hold the run's advisory lock) for a moment.
            let status = try await waitForState("run 1 to be marked failed once its lock is free", every: .milliseconds(100)) {
                _ = try await IngestStore(pool: db.pool).run(id: 1)
                let status = try await db.pool.query("SELECT status FROM ingest.etl_runs WHERE run_id = 1").scalar(String.self)
                return status == "failed" ? status : nil
            }
            #expect(status == "failed")
            let stored = try await db.scalar("SELECT count(*) FROM ingest.incidents")
            #expect(stored > 0 && stored <= committed, "only the committed batches survive a kill: \(stored) of \(committed) read")

            let arguments = ["load", "--database-url", db.database.url, "--city", "chicago", "--batch-rows", "40000", file]
            let second = try ServiceProcess("ingest", arguments: arguments, logDirectory: logs.url)
            #expect(await second.waitForExit() == 0, "\(second.log())")
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents") == 267_792)
            #expect(try await db.scalar("SELECT inserted FROM ingest.etl_runs WHERE run_id = 2") == 267_792 - stored)
            #expect(try await db.scalar("SELECT count(*) FROM ingest.incidents WHERE arrest") == 52_231)
            #expect(try await db.outboxMismatches(city: "chicago") == 0)
            #expect(try await db.scalar("SELECT sum(delta_count)::int FROM ingest.outbox") == 267_792)
        }
    }
}

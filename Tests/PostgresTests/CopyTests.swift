import Foundation
@testable import Postgres
import Testing

@Suite("COPY FROM STDIN")
struct CopyTests {
    @Test func copiesOneHundredThousandRows() async throws {
        try await withTestPool("copy_bulk") { pool, _ in
            try await pool.execute("CREATE TABLE incidents (id int8 PRIMARY KEY, city text, score float8, note text, at timestamptz)")
            let rowCount = 100_000
            let start = ContinuousClock.now
            let copied = try await pool.copyIn("COPY incidents (id, city, score, note, at) FROM STDIN") { writer in
                for id in 1...rowCount {
                    try writer.writeRow([
                        id, id % 2 == 0 ? "chicago" : "new york", Double(id) / 4,
                        id % 10 == 0 ? nil : "line\twith\\escapes\n\(id)", Date(timeIntervalSince1970: Double(id)),
                    ])
                }
            }
            let elapsed = ContinuousClock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print("COPY of \(rowCount) rows took \(elapsed): \(Int(Double(rowCount) / seconds)) rows/s")
            #expect(copied == rowCount)

            let row = try #require(try await pool.query("""
                SELECT count(*), sum(id), sum(score), count(note), count(*) FILTER (WHERE city = 'chicago')
                FROM incidents
                """).first)
            #expect(try row.decode(Int.self, at: 0) == rowCount)
            #expect(try row.decode(Int.self, at: 1) == rowCount * (rowCount + 1) / 2)
            #expect(try row.decode(Double.self, at: 2) == Double(rowCount * (rowCount + 1) / 2) / 4)
            #expect(try row.decode(Int.self, at: 3) == rowCount - rowCount / 10)
            #expect(try row.decode(Int.self, at: 4) == rowCount / 2)
            let note = try await pool.query("SELECT note FROM incidents WHERE id = 7").scalar(String.self)
            #expect(note == "line\twith\\escapes\n7")
        }
    }

    @Test func badRowReportsSQLStateAndLeavesNothing() async throws {
        try await withTestPool("copy_bad") { pool, _ in
            try await pool.execute("CREATE TABLE readings (id int4 NOT NULL, value float8)")
            let error = try await #require(throws: PostgresError.self) {
                try await pool.copyIn("COPY readings FROM STDIN") { writer in
                    for id in 1...1000 { try writer.writeRow([id, 1.5]) }
                    try writer.writeRow(["not a number", 2.5])
                    for id in 1001...2000 { try writer.writeRow([id, 1.5]) }
                }
            }
            #expect(error.kind == .copy)
            #expect(error.sqlState == "22P02")  // invalid_text_representation
            #expect(try await pool.query("SELECT count(*) FROM readings").scalar(Int.self) == 0)
            // The connection is still usable afterwards.
            #expect(try await pool.query("SELECT 1").scalar(Int.self) == 1)
        }
    }

    @Test func writerErrorAbortsTheCopy() async throws {
        struct SourceFailed: Error {}
        try await withTestPool("copy_abort", size: 1) { pool, _ in
            try await pool.execute("CREATE TABLE items (id int4)")
            await #expect(throws: SourceFailed.self) {
                try await pool.copyIn("COPY items FROM STDIN") { writer in
                    try writer.writeRow([1])
                    throw SourceFailed()
                }
            }
            #expect(try await pool.query("SELECT count(*) FROM items").scalar(Int.self) == 0)
        }
    }

    @Test func queryRefusesCopyStatements() async throws {
        try await withTestPool("copy_refused", size: 1) { pool, _ in
            try await pool.execute("CREATE TABLE items (id int4)")
            await #expect(throws: PostgresError.self) { try await pool.query("COPY items FROM STDIN") }
            #expect(try await pool.query("SELECT count(*) FROM items").scalar(Int.self) == 0)
        }
    }

    @Test func textFieldsDropNULAndWriteNilAsNull() async throws {
        var buffer: [UInt8] = []
        CopyTextEncoder.appendText("a\u{0}b\tc", to: &buffer)
        buffer.append(UInt8(ascii: "\t"))
        CopyTextEncoder.appendText(nil, to: &buffer)
        buffer.append(UInt8(ascii: "\n"))
        #expect(String(decoding: buffer, as: UTF8.self) == "ab\\tc\t\\N\n")
        // A NUL would fail the whole COPY (text cannot hold it); dropped, the row goes in.
        let row = buffer
        try await withTestPool("copy_nul") { pool, _ in
            try await pool.execute("CREATE TABLE notes (note text, extra text)")
            let copied = try await pool.copyIn("COPY notes (note, extra) FROM STDIN") { writer in try writer.writeRaw(row) }
            #expect(copied == 1)
            let stored = try #require(try await pool.query("SELECT note, extra IS NULL FROM notes").first)
            #expect(try stored.decode(String.self, at: 0) == "ab\tc")
            #expect(try stored.decode(Bool.self, at: 1))
        }
    }

    @Test func textEncoderEscapes() {
        var buffer: [UInt8] = []
        CopyTextEncoder.appendRow(["a\\b\tc\nd\re", nil, 42, true, [UInt8]([0, 255])], to: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "a\\\\b\\tc\\nd\\re\t\\N\t42\ttrue\t\\\\x00ff\n")
    }
}

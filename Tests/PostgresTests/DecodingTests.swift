import Foundation
@testable import Postgres
import Testing

@Suite("Typed decoding")
struct DecodingTests {
    @Test func decodesByNameWithNulls() async throws {
        try await withTestPool("decode_names") { pool, _ in
            let rows = try await pool.query("""
                SELECT * FROM (VALUES (1, 'a'::text, 1.5::float8, true), (2, NULL, NULL, NULL)) AS t(id, name, score, flag)
                ORDER BY id
                """)
            #expect(rows.count == 2)
            #expect(rows.columnNames == ["id", "name", "score", "flag"])
            #expect(try rows[0].decode(String?.self, column: "name") == "a")
            #expect(try rows[1].decode(String?.self, column: "name") == nil)
            #expect(try rows[1].decode(Double?.self, column: "score") == nil)
            #expect(try rows[1].decode(Bool?.self, column: "flag") == nil)
            #expect(rows[1].isNull(at: 1))
            #expect(try rows.map { try $0.decode(Int.self, column: "id") } == [1, 2])
        }
    }

    @Test func nullIntoNonOptionalNamesTheColumn() async throws {
        try await withTestPool("decode_null") { pool, _ in
            let row = try #require(try await pool.query("SELECT NULL::text AS nickname").first)
            let error = try #require(throws: PostgresError.self) { try row.decode(String.self, column: "nickname") }
            #expect(error.kind == .decoding)
            #expect(error.message.contains("nickname"))
            #expect(error.message.contains("NULL"))
        }
    }

    @Test func wrongTypeNamesTheColumn() async throws {
        try await withTestPool("decode_type") { pool, _ in
            let row = try #require(try await pool.query("SELECT 'abc'::text AS city, 5::int4 AS year, 1::int8 AS big").first)
            let intFromText = try #require(throws: PostgresError.self) { try row.decode(Int.self, column: "city") }
            #expect(intFromText.kind == .decoding && intFromText.message.contains("city"))
            let boolFromInt = try #require(throws: PostgresError.self) { try row.decode(Bool.self, at: 1) }
            #expect(boolFromInt.kind == .decoding && boolFromInt.message.contains("year"))
            #expect(throws: PostgresError.self) { try row.decode(Date.self, at: 1) }
            #expect(throws: PostgresError.self) { try row.decode([UInt8].self, at: 0) }
            #expect(throws: PostgresError.self) { try row.decode(Int.self, column: "missing") }
            #expect(throws: PostgresError.self) { try row.decode(Int.self, at: 9) }
            // String accepts any column; Double accepts integer columns.
            #expect(try row.decode(String.self, column: "year") == "5")
            #expect(try row.decode(Double.self, column: "year") == 5)
        }
    }

    @Test func int32RangeIsChecked() async throws {
        try await withTestPool("decode_range") { pool, _ in
            let row = try #require(try await pool.query("SELECT 5000000000::int8").first)
            let error = try #require(throws: PostgresError.self) { try row.decode(Int32.self, at: 0) }
            #expect(error.kind == .decoding)
            #expect(try row.decode(Int64.self, at: 0) == 5_000_000_000)
        }
    }

    @Test func numericDecodesAsDoubleAndString() async throws {
        try await withTestPool("decode_numeric") { pool, _ in
            let row = try #require(try await pool.query("SELECT 12.345::numeric(10,3)").first)
            #expect(try row.decode(Double.self, at: 0) == 12.345)
            #expect(try row.decode(String.self, at: 0) == "12.345")
        }
    }

    @Test func affectedRows() async throws {
        try await withTestPool("affected") { pool, _ in
            try await pool.execute("CREATE TABLE t (n int); INSERT INTO t SELECT generate_series(1, 10)")
            #expect(try await pool.query("UPDATE t SET n = n + 1 WHERE n > $1", [4]).affectedRows == 6)
            #expect(try await pool.query("DELETE FROM t").affectedRows == 10)
        }
    }
}

@Suite("Typed decoding of aggregates")
struct AggregateDecodingTests {
    @Test func wholeNumericDecodesAsIntButFractionDoesNot() async throws {
        try await withTestPool("decode_sum", size: 1) { pool, _ in
            let row = try #require(try await pool.query("SELECT sum(x), 1.5::numeric FROM generate_series(1::int8, 4) AS x").first)
            #expect(try row.decode(Int.self, at: 0) == 10)
            #expect(throws: PostgresError.self) { try row.decode(Int.self, at: 1) }
        }
    }
}

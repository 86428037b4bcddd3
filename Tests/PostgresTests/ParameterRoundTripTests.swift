import Foundation
@testable import Postgres
import Testing

@Suite("Parameters round-trip through the server")
struct ParameterRoundTripTests {
    /// Sends `value` as `$1`, casts it to `sqlType` on the server, and decodes it back.
    private func roundTrip<T: PostgresBindable & PostgresDecodable>(
        _ value: T, as sqlType: String, on pool: PostgresPool
    ) async throws -> T {
        try await pool.query("SELECT $1::\(sqlType)", [value]).scalar(T.self)
    }

    /// Expects `value` to come back unchanged from a `$1::sqlType` round trip.
    private func expectRoundTrip<T: PostgresBindable & PostgresDecodable & Equatable>(
        _ value: T, as sqlType: String, on pool: PostgresPool,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let back = try await roundTrip(value, as: sqlType, on: pool)
        #expect(back == value, "sent \(value)", sourceLocation: sourceLocation)
    }

    @Test func strings() async throws {
        try await withTestPool("strings") { pool, _ in
            for value in ["", "chicago", "naïve café ☕️ 東京 🚓", "tab\tnewline\nquote'\"back\\slash", String(repeating: "x", count: 100_000)] {
                try await expectRoundTrip(value, as: "text", on: pool)
            }
            try await expectRoundTrip(String?.none, as: "text", on: pool)
            try await expectRoundTrip(String?.some("x"), as: "text", on: pool)
        }
    }

    @Test func integers() async throws {
        try await withTestPool("integers") { pool, _ in
            for value in [0, 1, -1, 2017, Int.max, Int.min] {
                try await expectRoundTrip(value, as: "int8", on: pool)
            }
            for value in [Int64.max, Int64.min, -42] {
                try await expectRoundTrip(value, as: "int8", on: pool)
            }
            for value in [Int32.max, Int32.min, 0] {
                try await expectRoundTrip(value, as: "int4", on: pool)
            }
            try await expectRoundTrip(Int?.none, as: "int8", on: pool)
            try await expectRoundTrip(Int32?.none, as: "int4", on: pool)
            try await expectRoundTrip(Int64?.some(-7), as: "int8", on: pool)
        }
    }

    @Test func doubles() async throws {
        try await withTestPool("doubles") { pool, _ in
            let values: [Double] = [
                0, -0.0, 1.5, -2.25, 0.1, 1e-300, 1e300, .pi, .greatestFiniteMagnitude,
                -.greatestFiniteMagnitude, .leastNormalMagnitude, .leastNonzeroMagnitude, .infinity, -.infinity,
            ]
            for value in values {
                let back = try await roundTrip(value, as: "float8", on: pool)
                #expect(back == value && back.sign == value.sign, "\(value) came back as \(back)")
            }
            let nan = try await roundTrip(Double.nan, as: "float8", on: pool)
            #expect(nan.isNaN)
            try await expectRoundTrip(Double?.none, as: "float8", on: pool)
        }
    }

    @Test func booleans() async throws {
        try await withTestPool("booleans") { pool, _ in
            try await expectRoundTrip(true, as: "bool", on: pool)
            try await expectRoundTrip(false, as: "bool", on: pool)
            try await expectRoundTrip(Bool?.none, as: "bool", on: pool)
        }
    }

    @Test func bytes() async throws {
        try await withTestPool("bytes") { pool, _ in
            let values: [[UInt8]] = [[], [0], [0, 0, 1, 0, 255], Array(0...255), [UInt8](repeating: 0, count: 70_000)]
            for value in values {
                try await expectRoundTrip(value, as: "bytea", on: pool)
            }
            try await expectRoundTrip([UInt8]?.none, as: "bytea", on: pool)
            let length = try await pool.query("SELECT octet_length($1::bytea)", [[UInt8]([0, 0, 0])]).scalar(Int.self)
            #expect(length == 3)
        }
    }

    @Test func timestamps() async throws {
        try await withTestPool("timestamps") { pool, _ in
            let values = [
                Date(timeIntervalSince1970: 0),
                Date(timeIntervalSince1970: 1_488_600_367.123456),
                Date(timeIntervalSince1970: -1_234_567_890.5),
                Date(timeIntervalSince1970: 4_102_444_800.000001),
                Date(timeIntervalSince1970: -62_200_000_000),  // 2 BC: exercises the " BC" suffix
            ]
            for value in values {
                let back = try await roundTrip(value, as: "timestamptz", on: pool)
                #expect(abs(back.timeIntervalSince1970 - value.timeIntervalSince1970) < 1e-6, "\(value) came back as \(back)")
            }
            let known = try await pool.query("SELECT $1::timestamptz = '2017-03-04 05:06:07.5+00'",
                                             [Date(timeIntervalSince1970: 1_488_603_967.5)]).scalar(Bool.self)
            #expect(known)
            try await expectRoundTrip(Date?.none, as: "timestamptz", on: pool)
            let day = try await pool.query("SELECT DATE '2017-03-04'").scalar(Date.self)
            #expect(day == Date(timeIntervalSince1970: 1_488_585_600))
        }
    }

    @Test func mixedLiteralParameters() async throws {
        try await withTestPool("mixed") { pool, _ in
            let city: String? = "chicago"
            let missing: Int? = nil
            let row = try #require(try await pool.query(
                "SELECT $1::text, $2::int8, $3::float8, $4::bool, $5::int8 IS NULL, $6::text",
                [city, 2017, 2.5, true, missing, nil]
            ).first)
            #expect(try row.decode(String.self, at: 0) == "chicago")
            #expect(try row.decode(Int.self, at: 1) == 2017)
            #expect(try row.decode(Double.self, at: 2) == 2.5)
            #expect(try row.decode(Bool.self, at: 3))
            #expect(try row.decode(Bool.self, at: 4))
            #expect(try row.decode(String?.self, at: 5) == nil)
        }
    }

    @Test func parametersAreNeverSQL() async throws {
        try await withTestPool("injection") { pool, _ in
            try await pool.execute("CREATE TABLE cities (name text)")
            let hostile = "x'); DROP TABLE cities; --"
            try await pool.query("INSERT INTO cities (name) VALUES ($1)", [hostile])
            let stored = try await pool.query("SELECT name FROM cities").scalar(String.self)
            #expect(stored == hostile)
        }
    }
}

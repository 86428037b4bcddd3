import Postgres
import Testing

@Suite("PostGIS")
struct PostGISTests {
    @Test func makesAPoint() async throws {
        try await withTestPool("postgis", size: 1) { pool, _ in
            let text = try await pool.query("SELECT ST_AsText(ST_MakePoint($1, $2))", [-87.6298, 41.8781]).scalar(String.self)
            #expect(text == "POINT(-87.6298 41.8781)")
            let meters = try await pool.query("""
                SELECT ST_Distance(ST_MakePoint($1, $2)::geography, ST_MakePoint($3, $4)::geography)
                """, [-87.6298, 41.8781, -87.6298, 41.8881]).scalar(Double.self)
            #expect(abs(meters - 1111) < 5)
        }
    }
}

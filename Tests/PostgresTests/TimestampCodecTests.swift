import Foundation
@testable import Postgres
import Testing

@Suite("Timestamp text codec")
struct TimestampCodecTests {
    @Test func encodesUTCWithMicroseconds() {
        #expect(PostgresTimestamp.encode(Date(timeIntervalSince1970: 0)) == "1970-01-01 00:00:00+00")
        #expect(PostgresTimestamp.encode(Date(timeIntervalSince1970: 1_488_603_967.25)) == "2017-03-04 05:06:07.250000+00")
        #expect(PostgresTimestamp.encode(Date(timeIntervalSince1970: -0.5)) == "1969-12-31 23:59:59.500000+00")
    }

    @Test func decodesOffsetsAndSpecials() {
        #expect(PostgresTimestamp.decode("2017-03-04 05:06:07.25+00")?.timeIntervalSince1970 == 1_488_603_967.25)
        #expect(PostgresTimestamp.decode("2017-03-04 10:36:07+05:30")?.timeIntervalSince1970 == 1_488_603_967)
        #expect(PostgresTimestamp.decode("2017-03-04 05:06:07")?.timeIntervalSince1970 == 1_488_603_967)
        #expect(PostgresTimestamp.decode("infinity") == .distantFuture)
        #expect(PostgresTimestamp.decode("-infinity") == .distantPast)
        #expect(PostgresTimestamp.decode("garbage") == nil)
        #expect(PostgresTimestamp.decode("2017-13-04") == nil)
    }

    @Test func civilDateArithmeticRoundTrips() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (year, month, day) = PostgresTimestamp.civil(fromDays: days)
            #expect(PostgresTimestamp.days(fromCivil: year, month, day) == days)
        }
    }
}

import Contracts
import Postgres
import Wire

/// Turns one row of ``OutboxSQL/sentColumns`` into the entry's ``OutboxColumns``: the arrays are
/// read element by element from their binary send format, names interned per entry.
enum OutboxColumnsReader {
    static func read(_ row: PostgresRow) throws -> OutboxColumns {
        let count = try row.decode(Int.self, at: 2)
        func column(_ index: Int, _ name: String) throws -> SentArray {
            let array = try SentArray(try row.decode([UInt8].self, at: index), column: name)
            guard array.count == count else {
                throw RPCError(.internalError, "outbox column \(name) holds \(array.count) elements, delta_count is \(count)")
            }
            return array
        }
        var signs = try column(3, "signs"), areas = try column(4, "areas"), types = try column(5, "primary_types")
        var categories = try column(6, "categories"), occurred = try column(7, "occurred")
        var monthOnly = try column(8, "month_only"), arrests = try column(9, "arrests"), domestic = try column(10, "domestic")
        var located = try column(11, "has_location"), lons = try column(12, "lons"), lats = try column(13, "lats")
        var names = OutboxNames()
        var columns = OutboxColumns(city: try row.decode(String.self, at: 1))
        columns.areas.reserveCapacity(count)
        columns.primaryTypes.reserveCapacity(count)
        columns.categories.reserveCapacity(count)
        columns.signs.reserveCapacity(count)
        columns.occurredLocalSeconds.reserveCapacity(count)
        columns.flags.reserveCapacity(count)
        columns.lons.reserveCapacity(count)
        columns.lats.reserveCapacity(count)
        for _ in 0..<count {
            columns.areas.append(try areas.next { names.index(of: $0) })
            columns.primaryTypes.append(try types.next { names.index(of: $0) })
            columns.categories.append(try categories.next { names.index(of: $0) })
            columns.signs.append(Int32(truncatingIfNeeded: try signs.nextInteger()))
            columns.occurredLocalSeconds.append(localSeconds(microseconds: try occurred.nextInteger()))
            var flags: UInt32 = try monthOnly.nextBool() ? 1 : 0
            if try arrests.nextBool() { flags |= 2 }
            if try domestic.nextBool() { flags |= 4 }
            if try located.nextBool() { flags |= 8 }
            columns.flags.append(flags)
            columns.lons.append(try lons.nextDouble())
            columns.lats.append(try lats.nextDouble())
        }
        columns.names = names.names
        return columns
    }

    /// A `timestamp` (microseconds since 2000-01-01) as seconds since 1970-01-01, rounded half away
    /// from zero like `EXTRACT(epoch FROM …)::bigint`, which the per-delta pull uses.
    static func localSeconds(microseconds: Int64) -> Int64 {
        let (seconds, remainder) = (microseconds &+ CopyBinaryEncoder.postgresEpochSeconds &* 1_000_000).quotientAndRemainder(dividingBy: 1_000_000)
        return remainder >= 500_000 ? seconds + 1 : remainder <= -500_000 ? seconds - 1 : seconds
    }
}

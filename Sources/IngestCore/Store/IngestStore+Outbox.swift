import Contracts
import Postgres

extension IngestStore {
    /// Outbox entries after `afterPosition`, whole and in position order: at most `maxEntries`
    /// entries and, after the first, no more than `maxDeltas` deltas in all (the first entry is
    /// always returned whole, so a consumer never stalls on a large entry). An entry holds at most
    /// 2 × ``LoadSQL/changesPerOutboxEntry`` deltas.
    ///
    /// Throws ``IngestError/failedPrecondition(_:)`` when entries after `afterPosition` were already
    /// dropped (see ``acknowledgeOutbox(consumer:position:)``). The entries are read in one
    /// transaction that first locks the outbox (its first query), so no partition can be dropped
    /// between the retention check and the reads.
    ///
    /// With `columnar` each entry's deltas come as one ``OutboxColumns`` (read from the stored
    /// arrays as they are, in PostgreSQL's binary array format), else as one ``IncidentDelta`` each.
    func pullOutbox(afterPosition: Int64, maxEntries: Int, maxDeltas: Int, columnar: Bool = false) async throws -> PullOutboxResponse {
        try await pool.withConnection { connection in
            try connection.transaction { try Self.pullOutbox(on: connection, afterPosition: afterPosition,
                                                             maxEntries: maxEntries, maxDeltas: maxDeltas, columnar: columnar) }
        }
    }

    private static func pullOutbox(on connection: PostgresConnection, afterPosition: Int64, maxEntries: Int,
                                   maxDeltas: Int, columnar: Bool) throws -> PullOutboxResponse {
        let heads = try connection.query(
            "SELECT position, delta_count FROM ingest.outbox WHERE position > $1 ORDER BY position LIMIT $2",
            [afterPosition, maxEntries])
        let droppedThrough = try connection.query(OutboxSQL.droppedThrough).scalar(Int64.self)
        if afterPosition < droppedThrough {
            throw IngestError.failedPrecondition(
                "the outbox no longer holds the entries after position \(afterPosition): every position up to \(droppedThrough) was dropped once all named consumers had acknowledged it")
        }
        var lastPosition = afterPosition
        var deltas = 0
        for row in heads {
            let count = try row.decode(Int.self, at: 1)
            if lastPosition != afterPosition && deltas + count > maxDeltas { break }
            deltas += count
            lastPosition = try row.decode(Int64.self, at: 0)
        }
        let behind = try connection.query("""
            SELECT COALESCE(sum(delta_count), 0)::bigint,
                   COALESCE(EXTRACT(epoch FROM clock_timestamp() - min(created_at)), 0)::double precision
            FROM ingest.outbox WHERE position > $1
            """, [lastPosition])
        let behindDeltas = try behind.first.map { try $0.decode(Int64.self, at: 0) } ?? 0
        let behindSeconds = try behind.first.map { try $0.decode(Double.self, at: 1) } ?? 0
        guard lastPosition > afterPosition else {
            return PullOutboxResponse(entries: [], lastPosition: afterPosition, behindDeltas: behindDeltas, behindSeconds: behindSeconds)
        }
        let entries = columnar
            ? try columnEntries(on: connection, afterPosition: afterPosition, lastPosition: lastPosition)
            : try deltaEntries(on: connection, afterPosition: afterPosition, lastPosition: lastPosition)
        return PullOutboxResponse(entries: entries, lastPosition: lastPosition, behindDeltas: behindDeltas,
                                  behindSeconds: behindSeconds)
    }

    /// The entries in (`afterPosition`, `lastPosition`], one ``IncidentDelta`` per delta.
    private static func deltaEntries(on connection: PostgresConnection, afterPosition: Int64, lastPosition: Int64) throws -> [OutboxEntry] {
        let rows = try connection.query("""
            SELECT o.position, o.city, d.sign::int, d.area, d.primary_type, d.category,
                   EXTRACT(epoch FROM d.occurred)::bigint, d.month_only, d.arrest, d.domestic, d.has_location, d.lon, d.lat
            FROM ingest.outbox o,
                 unnest(o.signs, o.areas, o.primary_types, o.categories, o.occurred, o.month_only, o.arrests,
                        o.domestic, o.has_location, o.lons, o.lats)
                 WITH ORDINALITY AS d(sign, area, primary_type, category, occurred, month_only, arrest, domestic,
                                      has_location, lon, lat, seq)
            WHERE o.position > $1 AND o.position <= $2
            ORDER BY o.position, d.seq
            """, [afterPosition, lastPosition])
        var entries: [OutboxEntry] = []
        for row in rows {
            let position = try row.decode(Int64.self, at: 0)
            if entries.last?.position != position { entries.append(OutboxEntry(position: position)) }
            let delta = IncidentDelta(
                sign: try row.decode(Int32.self, at: 2), city: try row.decode(String.self, at: 1),
                area: try row.decode(String.self, at: 3), primaryType: try row.decode(String.self, at: 4),
                category: try row.decode(String.self, at: 5), occurredLocalSeconds: try row.decode(Int64.self, at: 6),
                monthOnly: try row.decode(Bool.self, at: 7), arrest: try row.decode(Bool.self, at: 8),
                domestic: try row.decode(Bool.self, at: 9), hasLocation: try row.decode(Bool.self, at: 10),
                lon: try row.decode(Double?.self, at: 11) ?? 0, lat: try row.decode(Double?.self, at: 12) ?? 0)
            entries[entries.count - 1].deltas.append(delta)
        }
        return entries
    }

    /// The entries in (`afterPosition`, `lastPosition`], each entry's deltas as ``OutboxColumns``.
    private static func columnEntries(on connection: PostgresConnection, afterPosition: Int64, lastPosition: Int64) throws -> [OutboxEntry] {
        try connection.query(OutboxSQL.sentColumns, [afterPosition, lastPosition]).map { row in
            OutboxEntry(position: try row.decode(Int64.self, at: 0), columns: try OutboxColumnsReader.read(row))
        }
    }
}

extension IngestStore {
    /// Records that `consumer` will never again ask for entries at or before `position` (it only
    /// moves forward), then drops the outbox partitions every named consumer has passed. Returns
    /// the consumer's recorded position.
    @discardableResult
    func acknowledgeOutbox(consumer: String, position: Int64) async throws -> Int64 {
        let recorded = try await pool.query(OutboxSQL.acknowledge, [consumer, position]).scalar(Int64.self)
        try await dropPassedOutboxPartitions()
        return recorded
    }

    /// Drops the outbox partitions all of whose positions every named consumer has acknowledged;
    /// returns how many (0 also when the outbox was busy: the next acknowledgement tries again).
    @discardableResult
    func dropPassedOutboxPartitions() async throws -> Int {
        try await pool.withConnection { connection in
            do {
                return try connection.transaction {
                    try connection.query(OutboxSQL.dropLockTimeout)
                    return try connection.query(OutboxSQL.dropPassedPartitions).scalar(Int.self)
                }
            } catch let error as PostgresError where error.sqlState == "55P03" {
                return 0
            }
        }
    }

    /// Each named outbox consumer and the position it acknowledged.
    func outboxConsumers() async throws -> [(consumer: String, acknowledgedPosition: Int64)] {
        try await pool.query(OutboxSQL.consumers).map { row in
            (try row.decode(String.self, at: 0), try row.decode(Int64.self, at: 1))
        }
    }
}

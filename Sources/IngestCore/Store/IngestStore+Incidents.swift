import Contracts
import Postgres

extension IngestStore {
    /// The unit separator joins category filters into one text parameter (`string_to_array`).
    static let listSeparator = "\u{1F}"

    /// Incidents of a city in a range as flat arrays, oldest first: coordinates ×10⁴ (rounded),
    /// days since the range's start day, category index, arrest. Incidents in range without
    /// coordinates are only counted. More than `limit` matches → the first `limit` and `truncated`.
    func incidents(city: String, range: LocalRange, bbox: BoundingBox?, categories: [String],
                          limit: Int) async throws -> ListIncidentsResponse {
        let categoryFilter: String? = categories.isEmpty ? nil : categories.joined(separator: Self.listSeparator)
        let start = range.start.sqlText, end = range.end.sqlText
        return try await readPool.withConnection { connection in
            let common = """
                city = $1 AND occurred >= $2::timestamp AND occurred < $3::timestamp
                AND ($4::text IS NULL OR COALESCE(category, '') = ANY (string_to_array($4, chr(31))))
                """
            let withoutLocation = try connection.query(
                "SELECT count(*) FROM ingest.incidents WHERE \(common) AND lon IS NULL",
                [city, start, end, categoryFilter]).scalar(Int64.self)
            let rows = try connection.query("""
                SELECT round(lon * 10000)::int, round(lat * 10000)::int, (occurred::date - $2::timestamp::date),
                       COALESCE(category, ''), arrest
                FROM ingest.incidents
                WHERE \(common) AND lon IS NOT NULL
                  AND ($5::float8 IS NULL OR (lon BETWEEN $5 AND $7 AND lat BETWEEN $6 AND $8))
                ORDER BY occurred, id
                LIMIT $9
                """, [city, start, end, categoryFilter, bbox?.minLon, bbox?.minLat, bbox?.maxLon, bbox?.maxLat, limit + 1])
            var response = ListIncidentsResponse(withoutLocation: withoutLocation, truncated: rows.count > limit)
            var categoryIndex: [String: UInt32] = [:]
            let kept = min(rows.count, limit)
            response.lonE4.reserveCapacity(kept)
            response.latE4.reserveCapacity(kept)
            response.dayIndex.reserveCapacity(kept)
            response.categoryIndex.reserveCapacity(kept)
            response.arrest.reserveCapacity(kept)
            for row in rows.prefix(kept) {
                response.lonE4.append(try row.decode(Int32.self, at: 0))
                response.latE4.append(try row.decode(Int32.self, at: 1))
                response.dayIndex.append(UInt32(clamping: try row.decode(Int.self, at: 2)))
                let category = try row.decode(String.self, at: 3)
                let index: UInt32
                if let known = categoryIndex[category] {
                    index = known
                } else {
                    index = UInt32(response.categories.count)
                    categoryIndex[category] = index
                    response.categories.append(category)
                }
                response.categoryIndex.append(index)
                response.arrest.append(try row.decode(Bool.self, at: 4))
            }
            return response
        }
    }

    /// Incident, arrest and domestic counts per area for a slice (all types when `primaryType` is
    /// empty), recounted from the incidents table. Incidents without an area count under `""`.
    func countIncidents(city: String, range: LocalRange, primaryType: String) async throws -> CountIncidentsResponse {
        let rows = try await readPool.query("""
            SELECT COALESCE(area, ''), count(*), count(*) FILTER (WHERE arrest), count(*) FILTER (WHERE domestic)
            FROM ingest.incidents
            WHERE city = $1 AND occurred >= $2::timestamp AND occurred < $3::timestamp AND ($4 = '' OR primary_type = $4)
            GROUP BY 1 ORDER BY 1
            """, [city, range.start.sqlText, range.end.sqlText, primaryType])
        var response = CountIncidentsResponse(total: Counts())
        var total = Counts()
        for row in rows {
            let counts = Counts(incidents: try row.decode(Int64.self, at: 1), arrests: try row.decode(Int64.self, at: 2),
                                domestic: try row.decode(Int64.self, at: 3))
            total.incidents += counts.incidents
            total.arrests += counts.arrests
            total.domestic += counts.domestic
            response.areas.append(AreaCount(area: try row.decode(String.self, at: 0), counts: counts))
        }
        response.total = total
        return response
    }

    /// One keyset page of training rows (by incident id, ascending) of a city's range.
    func trainingRows(city: String, range: LocalRange, afterKey: Int64, limit: Int) async throws -> ListTrainingRowsResponse {
        let rows = try await readPool.query("""
            SELECT id, EXTRACT(epoch FROM occurred)::bigint, COALESCE(area, ''), COALESCE(district::text, ''),
                   COALESCE(community_area, 0), lat, lon, COALESCE(location_description, ''), COALESCE(primary_type, ''),
                   arrest, domestic
            FROM ingest.incidents
            WHERE id > $4 AND city = $1 AND occurred >= $2::timestamp AND occurred < $3::timestamp
            ORDER BY id LIMIT $5
            """, [city, range.start.sqlText, range.end.sqlText, afterKey, limit])
        var response = ListTrainingRowsResponse(lastKey: afterKey, done: rows.count < limit)
        response.rows.reserveCapacity(rows.count)
        for row in rows {
            let lat = try row.decode(Double?.self, at: 5), lon = try row.decode(Double?.self, at: 6)
            response.rows.append(TrainingRow(
                key: try row.decode(Int64.self, at: 0), occurredLocalSeconds: try row.decode(Int64.self, at: 1),
                area: try row.decode(String.self, at: 2), district: try row.decode(String.self, at: 3),
                communityArea: try row.decode(Int32.self, at: 4), lat: lat ?? 0, lon: lon ?? 0,
                locationDescription: try row.decode(String.self, at: 7), primaryType: try row.decode(String.self, at: 8),
                arrest: try row.decode(Bool.self, at: 9), domestic: try row.decode(Bool.self, at: 10), hasLocation: lat != nil))
        }
        response.lastKey = response.rows.last?.key ?? afterKey
        return response
    }
}

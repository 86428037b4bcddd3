import Postgres

/// Loads area polygons (GeoJSON) into `ingest.areas` in one transaction.
///
/// Features sharing an id (Chicago beat `3100` is three features) are unioned into one
/// MultiPolygon. An area is inserted, replaced when its name or geometry changed, or left alone.
/// Counts are per feature: `read` features = inserted + updated + unchanged + rejected, where
/// unchanged also holds the extra features merged into an area. Afterwards, in the same transaction:
/// `area_known` of the incidents with a reported area is refreshed (not part of the outbox deltas),
/// and every incident whose area was not reported (`spatial` or `none`) and that has a location is
/// placed again by `ST_Contains` over the city's polygons as they now are; each one whose area
/// changes gets −old/+new outbox deltas, so the heatmap's aggregates stay exact whichever of
/// incidents and areas was loaded first.
struct AreaLoader {
    let connection: PostgresConnection
    let runID: Int64
    let city: IngestCity
    let progress: LoadProgressCounter

    /// The polygon layer of a city's areas.
    static func layer(for city: IngestCity) throws(IngestError) -> AreaLayer {
        switch city.slug {
        case CitySlug.chicago: return .chicagoBeats
        case CitySlug.nyc: return .nypdPrecincts
        default: throw IngestError.invalidArgument("no area layer is defined for city \(city.slug)")
        }
    }

    /// Places the city's incidents without a reported area (and with a location) in the polygon that
    /// contains them, records each change in `load_changes` (as a batch does) and writes its outbox
    /// deltas. Returns how many incidents changed area. Runs under the city lock of the caller's transaction.
    private func reassignSpatialAreas() throws -> Int {
        try connection.execute(LoadSQL.createSessionTables)
        try connection.query(LoadSQL.truncateSessionTables)
        try connection.query(LoadSQL.reassignSpatialAreas, [city.slug])
        let changed = try connection.query(LoadSQL.changeCounts).first?.decode(Int.self, column: "updated") ?? 0
        try BatchWriter.writeReplacedOutbox(on: connection, city: city.slug, runID: runID, changedRecords: changed)
        return changed
    }

    func run(source: any ByteSource) throws -> ParseSummary {
        let parser = AreaGeoJSONParser(layer: try Self.layer(for: city))
        try connection.execute(AreaSQL.createStaging)
        return try connection.transaction {
            try connection.query(LoadSQL.lockCityInTransaction, [city.slug])
            try connection.query(AreaSQL.truncateStaging)
            var rejects: [RejectedRow] = []
            var summary = ParseSummary()
            try connection.copyIn(AreaSQL.copyStaging) { writer in
                summary = try parser.parse(CountingByteSource(inner: source, progress: progress)) { row in
                    progress.addRows(1)
                    switch row {
                    case .area(let polygon):
                        var line: [UInt8] = Array(String(polygon.lineNumber).utf8)
                        for text in [polygon.areaID, polygon.name, polygon.kind, polygon.geometryJSON] {
                            line.append(UInt8(ascii: "\t"))
                            CopyTextEncoder.appendText(text, to: &line)
                        }
                        line.append(UInt8(ascii: "\n"))
                        try writer.writeRaw(line)
                    case .rejected(let rejection):
                        rejects.append(rejection)
                    }
                }
            }
            let counts = try connection.query(AreaSQL.upsertAreas, [city.slug, runID])
            let inserted = try counts.first?.decode(Int.self, column: "inserted") ?? 0
            let updated = try counts.first?.decode(Int.self, column: "updated") ?? 0
            try connection.query(AreaSQL.refreshAreaKnown, [city.slug])
            let reassigned = try reassignSpatialAreas()
            try BatchWriter.writeRejects(rejects, runID: runID, on: connection)
            let unchanged = summary.rowsRead - rejects.count - inserted - updated
            try connection.query(LoadSQL.addBatchCounts, [runID, summary.rowsRead, inserted, updated, unchanged, rejects.count, 0, 0, 0])
            progress.addCommitted(rows: summary.rowsRead)
            try connection.query(AreaSQL.recordReassigned, [runID, reassigned])
            return summary
        }
    }
}

import Foundation
import Logging
import Postgres

/// Pulls newer records of a city from its Socrata dataset through the ordinary loader.
///
/// A pull is a load whose input is a ``SocrataPageStream``: the same parser, COPY batches, upsert,
/// outbox, rejects and `etl_runs` row (source `socrata:<dataset>`, format `chicago-socrata-json` or
/// `nypd-arrests-socrata-json`).
/// The cursor is read when the run starts (on the loader's parser thread) and becomes
/// `$where=<cursor column> > '<cursor>'` (see ``SocrataDataset``); it moves only when the run succeeds.
package struct SocrataPuller: Sendable {
    let loader: IngestLoader

    package init(loader: IngestLoader) {
        self.loader = loader
    }

    /// Checks the request, records the run and starts it; returns once the run id exists.
    /// Throws ``IngestError`` for a city without a pull, an unknown dataset, or bad settings.
    package func start(_ request: SocrataPullRequest) async throws -> LoadJob {
        let dataset = try SocrataDataset(city: request.city, id: request.datasetID)
        try request.validate()
        guard let endpoint = request.baseURL ?? URL(string: dataset.defaultEndpoint) else {
            throw IngestError.invalidArgument("no endpoint for \(dataset.id)")
        }
        let databaseURL = loader.databaseURL
        let logger = loader.logger
        let city = request.city
        let input = LoadInput.custom(name: dataset.sourceName) {
            let cursor = request.fullReload ? nil : try Self.storedCursor(databaseURL: databaseURL, logger: logger,
                                                                          city: city, source: dataset.sourceName)
            let whereClause = dataset.whereClause(cursor: cursor)
            logger.info("socrata pull", metadata: ["endpoint": "\(endpoint.absoluteString)", "where": "\(whereClause ?? "-")"])
            let fetcher = SocrataPageFetcher(endpoint: endpoint, pageSize: request.pageSize, whereClause: whereClause,
                                             retry: request.retry, timeout: request.requestTimeout)
            return SocrataPageStream(fetcher: fetcher, concurrency: request.concurrency)
        }
        return try await loader.start(LoadRequest(city: city, format: dataset.format, input: input,
                                                  fullReload: request.fullReload, batchRows: request.batchRows))
    }

    /// Runs a pull to its end and returns how it ended.
    package func pull(_ request: SocrataPullRequest) async throws -> LoadOutcome {
        try await start(request).wait()
    }

    /// The (city, `socrata:<id>`) cursor, read on its own short connection (called on a loader thread).
    static func storedCursor(databaseURL: String, logger: Logger, city: IngestCity, source: String) throws -> LocalDateTime? {
        let connection = try PostgresConnection.connect(to: databaseURL, logger: logger)
        defer { connection.close() }
        return try RunLedger.cursor(on: connection, city: city.slug, source: source)
    }
}

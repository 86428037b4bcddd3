/// One load: which city, which format, which bytes, and how.
package struct LoadRequest: Sendable {
    package var city: IngestCity
    package var format: LoadFormat
    package var input: LoadInput
    /// Ignore the stored cursor and take every record (the cursor still moves at the end).
    package var fullReload: Bool
    /// Records per committed batch (staging → upsert → outbox → run counts in one transaction).
    package var batchRows: Int

    /// After the run, analyse the incidents' city column when the city outgrew the planner's
    /// estimate (see `CityStatistics`). Off only in tests that need the statistics left stale.
    var refreshStatistics = true
    /// Given the plans (EXPLAIN text) of every batch's stored-version lookup (the key probe, then
    /// the partition probe of the keys whose hash differs); for tests.
    var lookupPlanObserver: (@Sendable (String) -> Void)?

    /// The default batch: 50,000 rows. Each commit hands the outbox's consumers its deltas at once,
    /// so the batch bounds how far behind a load they fall (docs/BENCHMARKS.md, Load to visible);
    /// a failure loses at most this much.
    package static let defaultBatchRows = 50_000

    package init(city: IngestCity, format: LoadFormat, input: LoadInput, fullReload: Bool = false,
                batchRows: Int = LoadRequest.defaultBatchRows) {
        self.city = city
        self.format = format
        self.input = input
        self.fullReload = fullReload
        self.batchRows = max(1, batchRows)
    }
}

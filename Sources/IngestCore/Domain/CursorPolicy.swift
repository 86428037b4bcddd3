/// What "newer" means for an incremental run, per source.
///
/// Each (city, source) keeps one cursor: the largest value of the source's cursor field among the
/// records of its last successful run (`source` is the file name, e.g. `chicago_crimes_2017.csv.xz`,
/// or the upload's `content_name`). An incremental run skips a record whose field is strictly
/// **older** than the cursor; records *at* the cursor are loaded again (the upsert makes that a
/// no-op when nothing changed), so records published later within the same second, day or month
/// are never lost.
///
/// | source | field | skipped when |
/// |---|---|---|
/// | Chicago CSV / Socrata JSON | `Updated On` | `Updated On` < cursor; rows without `Updated On` (2001–2011 files) are always loaded |
/// | NYPD arrests | `ARREST_DATE` (a day) | the arrest day < cursor day |
/// | police.uk | `Month` | the month < cursor month |
///
/// The cursor moves only when a run succeeds, so a failed or killed run is simply run again.
/// `full reload` ignores the cursor (and still moves it at the end).
struct CursorPolicy: Sendable {
    /// The record field a source's cursor follows.
    enum Field: String, Sendable {
        case updatedOn = "updated_on"
        case occurredDay = "occurred_day"
        case month
        case none
    }

    let field: Field
    /// The stored cursor, or `nil` to load everything (first run or full reload).
    let cursor: LocalDateTime?

    init(field: Field, cursor: LocalDateTime?) {
        self.field = field
        self.cursor = cursor
    }

    /// The value of the cursor field in `record`, or `nil` when the record has none.
    func value(of record: IncidentRecord) -> LocalDateTime? {
        switch field {
        case .updatedOn: record.updatedOn
        case .occurredDay: LocalDateTime(year: record.occurred.year, month: record.occurred.month, day: record.occurred.day)
        case .month: LocalDateTime(year: record.occurred.year, month: record.occurred.month, day: 1)
        case .none: nil
        }
    }

    /// Whether an incremental run leaves `record` out.
    func skips(_ record: IncidentRecord) -> Bool {
        guard let cursor, let value = value(of: record) else { return false }
        return value < cursor
    }
}

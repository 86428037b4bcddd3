import Foundation

/// The Socrata (SODA 2.0) dataset a city's live pull reads: its id, default endpoint, the column the
/// incremental `$where` filters on, and the format its rows are parsed as.
///
/// | city | dataset | `$where` | format |
/// |---|---|---|---|
/// | chicago | `ijzp-q8t2` Crimes – 2001 to Present | `updated_on > '<cursor>'` | `chicago-socrata-json` |
/// | nyc | `uh2w-zjsn` NYPD Arrests (year to date; default) or `8h9b-rp9u` (historic) | `arrest_date >= '<cursor day>'` | `nypd-arrests-socrata-json` |
///
/// NYC's cursor is a day (``CursorPolicy`` `occurred_day`), so the cursor day itself is taken again:
/// arrests of that day published later are not lost, the ones already loaded come back unchanged.
struct SocrataDataset: Sendable, Equatable {
    /// The Socrata dataset id (`ijzp-q8t2`).
    let id: String
    /// The public endpoint used when no base URL is given.
    let defaultEndpoint: String
    /// The column compared with the stored cursor in `$where` (`updated_on`).
    let cursorColumn: String
    /// `>` or `>=`: how `$where` compares the column with the cursor.
    let cursorComparison: String
    /// How the rows are parsed and recorded.
    let format: LoadFormat

    /// The run's source and the cursor's key: `socrata:<dataset id>`.
    var sourceName: String { "socrata:\(id)" }

    /// The datasets of each city, the default first.
    static let known: [String: [String]] = [
        CitySlug.chicago: ["ijzp-q8t2"],
        CitySlug.nyc: ["uh2w-zjsn", "8h9b-rp9u"],
    ]

    /// The dataset pulled for `city` (its default, or `id` when given); throws for cities without a
    /// live pull and for an id that is not one of the city's datasets.
    init(city: IngestCity, id requested: String? = nil) throws(IngestError) {
        guard let ids = Self.known[city.slug], let first = ids.first else {
            throw IngestError.invalidArgument("city \(city.slug) has no Socrata dataset to pull (only chicago and nyc)")
        }
        if let requested, !ids.contains(requested) {
            throw IngestError.invalidArgument("dataset '\(requested)' is not pulled for \(city.slug): expected one of \(ids.joined(separator: ", "))")
        }
        id = requested ?? first
        switch city.slug {
        case CitySlug.chicago:
            defaultEndpoint = "https://data.cityofchicago.org/resource/\(id).json"
            cursorColumn = "updated_on"
            cursorComparison = ">"
            format = .chicagoSocrataJSON
        default:
            defaultEndpoint = "https://data.cityofnewyork.us/resource/\(id).json"
            cursorColumn = "arrest_date"
            cursorComparison = ">="
            format = .nypdArrestsSocrataJSON
        }
    }

    /// The `$where` clause for a stored cursor (local wall-clock, ISO with `T`), or `nil` for none.
    func whereClause(cursor: LocalDateTime?) -> String? {
        cursor.map { "\(cursorColumn) \(cursorComparison) '\($0.sqlText.replacingOccurrences(of: " ", with: "T"))'" }
    }
}

import Foundation

/// The Socrata (SODA 2.0) dataset a city's live pull reads: its id, default endpoint, the column the
/// incremental `$where` filters on, and the format its rows are parsed as.
///
/// Only Chicago is pulled: NYC's arrests dataset (`uip8-fykc`, cursor column `arrest_date`) is
/// known, but there is no parser for its JSON form yet, so asking for it is `UNIMPLEMENTED`.
struct SocrataDataset: Sendable, Equatable {
    /// The Socrata dataset id (`ijzp-q8t2`).
    let id: String
    /// The public endpoint used when no base URL is given.
    let defaultEndpoint: String
    /// The column compared with the stored cursor in `$where` (`updated_on`).
    let cursorColumn: String
    /// How the rows are parsed and recorded.
    let format: LoadFormat

    /// The run's source and the cursor's key: `socrata:<dataset id>`.
    var sourceName: String { "socrata:\(id)" }

    /// The dataset pulled for `city`; throws for cities without a live pull.
    init(city: IngestCity) throws(IngestError) {
        switch city.slug {
        case CitySlug.chicago:
            id = "ijzp-q8t2"
            defaultEndpoint = "https://data.cityofchicago.org/resource/ijzp-q8t2.json"
            cursorColumn = "updated_on"
            format = .chicagoSocrataJSON
        case CitySlug.nyc:
            throw IngestError.unimplemented(
                "live pull for nyc is not implemented: NYPD arrests (https://data.cityofnewyork.us/resource/uip8-fykc.json, "
                + "cursor arrest_date) have no JSON parser yet; load the CSV export with StartLoad / `ingest load` instead")
        default:
            throw IngestError.invalidArgument("city \(city.slug) has no Socrata dataset to pull (only chicago)")
        }
    }
}

import Foundation

/// Parses police.uk street-level crime CSV (`YYYY-MM-<force>-street.csv`), columns by header name.
///
/// `occurred` is `Month` (`monthOnly`); `primaryType` and `category` are `Crime type`; `block` is
/// `Location` (`On or near …`); `lsoa` is `LSOA code`; `city` is `uk-<force>` from `Falls within`
/// (see ``CitySlug/policeUK(forceName:)``) unless fixed by `city`. Rows without a location keep
/// `nil` coordinates; coordinates outside ``GeoBounds/greatBritain`` reject the row. Keys and
/// duplicates follow ``PoliceUKRowKeys``: every row ends as a record, a rejection or a duplicate.
package struct PoliceUKCSVParser: Sendable {
    package var bounds: GeoBounds
    /// A fixed city slug, or `nil` to derive it from each row's `Falls within`.
    package var city: String?

    package init(city: String? = nil, bounds: GeoBounds = .greatBritain) {
        self.city = city
        self.bounds = bounds
    }

    package func parse(_ source: any ByteSource, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        try CSVSourceDriver.parse(source, sourceName: "police.uk street CSV", makeMapper: { header throws(SourceParseError) in
            try PoliceUKRowMapper(header: header, city: city, bounds: bounds)
        }, handle: handle)
    }

    package func parse(contentsOf url: URL, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        try parse(ByteSources.open(url), handle: handle)
    }
}

/// Decodes one police.uk row; see ``PoliceUKCSVParser``.
struct PoliceUKRowMapper: CSVRowMapper {
    private let crimeID, month, fallsWithin, longitude, latitude, location, lsoa, crimeType: Int
    private let fixedCity: String?
    private let bounds: GeoBounds
    private var keys = PoliceUKRowKeys()
    private var interner = StringInterner()
    private var slugByForce: [String: String] = [:]

    init(header: CSVHeader, city: String?, bounds: GeoBounds) throws(SourceParseError) {
        let found = try header.require(["Crime ID", "Month", "Falls within", "Longitude", "Latitude", "Location",
                                        "LSOA code", "Crime type"])
        (crimeID, month, fallsWithin, longitude, latitude, location, lsoa, crimeType) =
            (found[0], found[1], found[2], found[3], found[4], found[5], found[6], found[7])
        self.fixedCity = city
        self.bounds = bounds
    }

    mutating func map(_ row: CSVRow) throws(RowRejection) -> ParsedRow {
        let monthField = row.field(month)
        guard let occurred = DateFieldParser.yearMonth(FieldText.trimmed(monthField.bytes)) else {
            throw RowRejection("unparseable Month \(FieldText.quoted(monthField)): expected YYYY-MM")
        }
        guard let crimeType = interner.optionalString(row.field(crimeType)) else {
            throw RowRejection("missing Crime type")
        }
        let city = try cityOf(row.field(fallsWithin))
        let point = try Coordinates.read(latitude: row.field(latitude), longitude: row.field(longitude),
                                         bounds: bounds, city: city)
        let sourceKey: String
        switch keys.key(crimeID: FieldText.text(row.field(crimeID)), rawText: row.rawBytes, line: row.lineNumber) {
        case .key(let key):
            sourceKey = key
        case .duplicate(let first):
            return .duplicate(DuplicateRow(lineNumber: row.lineNumber, firstLineNumber: first.line, sourceKey: first.key))
        }
        return .record(IncidentRecord(
            city: city,
            sourceKey: sourceKey,
            occurred: occurred,
            primaryType: crimeType,
            category: crimeType,
            latitude: point?.latitude,
            longitude: point?.longitude,
            block: interner.optionalString(row.field(location)),
            lsoa: FieldText.text(row.field(lsoa)),
            lineNumber: row.lineNumber
        ))
    }

    private mutating func cityOf(_ field: CSVField) throws(RowRejection) -> String {
        if let fixedCity { return fixedCity }
        let force = interner.string(field)
        if let slug = slugByForce[force] { return slug }
        guard let slug = CitySlug.policeUK(forceName: force) else {
            throw RowRejection("missing Falls within (police force)")
        }
        slugByForce[force] = slug
        return slug
    }
}

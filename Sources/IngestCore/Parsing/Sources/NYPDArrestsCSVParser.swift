import Foundation

/// Parses "NYPD Arrests Data" CSV (historic or year-to-date), picking columns by header name so
/// later exports with reordered, renamed or extra columns (`Lon_Lat`) still load.
///
/// Key `ARREST_KEY`; `occurred` is `ARREST_DATE` at 00:00:00 (the data has no time of day);
/// `category` is `LAW_CAT_CD` (`F` felony, `M` misdemeanor, `V` violation, `I` infraction) —
/// empty or `(null)` becomes `nil` and the row is kept; `area` is `ARREST_PRECINCT`; `arrest` is
/// always true. Location from `Latitude`/`Longitude`, or from `Lon_Lat` (`POINT (lon lat)`) when
/// those columns are absent; outside ``GeoBounds/newYorkCity`` the row is rejected.
struct NYPDArrestsCSVParser: Sendable {
    var bounds: GeoBounds

    init(bounds: GeoBounds = .newYorkCity) {
        self.bounds = bounds
    }

    func parse(_ source: any ByteSource, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        try CSVSourceDriver.parse(source, sourceName: "NYPD arrests CSV", makeMapper: { header throws(SourceParseError) in
            try NYPDRowMapper(header: header, bounds: bounds)
        }, handle: handle)
    }

    func parse(contentsOf url: URL, handle: (ParsedRow) throws -> Void) throws -> ParseSummary {
        try parse(ByteSources.open(url), handle: handle)
    }
}

/// Decodes one NYPD arrests row; see ``NYPDArrestsCSVParser``.
struct NYPDRowMapper: CSVRowMapper {
    private let key, date, pdDescription, offense, lawCategory, precinct: Int
    private let latitude: Int?, longitude: Int?, lonLat: Int?
    private let bounds: GeoBounds
    private var interner = StringInterner()

    init(header: CSVHeader, bounds: GeoBounds) throws(SourceParseError) {
        let found = try header.require(["ARREST_KEY", "ARREST_DATE", "PD_DESC", "OFNS_DESC", "LAW_CAT_CD", "ARREST_PRECINCT"])
        (key, date, pdDescription, offense, lawCategory, precinct) = (found[0], found[1], found[2], found[3], found[4], found[5])
        latitude = header.index(of: "Latitude")
        longitude = header.index(of: "Longitude")
        lonLat = header.index(of: "Lon_Lat")
        if (latitude == nil || longitude == nil) && lonLat == nil {
            _ = try header.require(["Latitude", "Longitude"])
        }
        self.bounds = bounds
    }

    mutating func map(_ row: CSVRow) throws(RowRejection) -> ParsedRow {
        let keyField = row.field(key)
        guard !keyField.isEmpty else { throw RowRejection("missing key: ARREST_KEY is empty") }
        let dateField = row.field(date)
        guard let occurred = DateFieldParser.usOrISODateTime(FieldText.trimmed(dateField.bytes)) else {
            throw RowRejection("unparseable ARREST_DATE \(FieldText.quoted(dateField))")
        }
        let location: (latitude: Double, longitude: Double)?
        if let latitude, let longitude {
            location = try Coordinates.read(latitude: row.field(latitude), longitude: row.field(longitude),
                                            bounds: bounds, city: CitySlug.nyc)
        } else if let lonLat {
            location = try Self.point(row.field(lonLat), bounds: bounds)
        } else {
            location = nil
        }
        var category = interner.optionalString(row.field(lawCategory))
        if category == "(null)" { category = nil }
        return .record(IncidentRecord(
            city: CitySlug.nyc,
            sourceKey: keyField.string,
            occurred: occurred,
            primaryType: interner.optionalString(row.field(offense)),
            description: interner.optionalString(row.field(pdDescription)),
            category: category,
            arrest: true,
            domestic: false,
            area: interner.optionalString(row.field(precinct)),
            latitude: location?.latitude,
            longitude: location?.longitude,
            lineNumber: row.lineNumber
        ))
    }

    /// `POINT (-73.826948796 40.830798914)` → (latitude, longitude); empty → `nil`.
    private static func point(_ field: CSVField, bounds: GeoBounds) throws(RowRejection) -> (latitude: Double, longitude: Double)? {
        let text = field.string.trimmingSpaces()
        guard !text.isEmpty else { return nil }
        guard text.uppercased().hasPrefix("POINT"), let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")"),
              open < close
        else { throw RowRejection("invalid Lon_Lat \(FieldText.quoted(field)): expected POINT (lon lat)") }
        let parts = text[text.index(after: open)..<close].split(separator: " ")
        guard parts.count == 2, let lon = Double(parts[0]), let lat = Double(parts[1]) else {
            throw RowRejection("invalid Lon_Lat \(FieldText.quoted(field)): expected POINT (lon lat)")
        }
        guard bounds.contains(latitude: lat, longitude: lon) else {
            throw RowRejection("location (\(lat), \(lon)) outside the plausible bounds of \(CitySlug.nyc)")
        }
        return (lat, lon)
    }
}

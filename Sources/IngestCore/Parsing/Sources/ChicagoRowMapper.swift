/// Decodes one Chicago crime row (portal CSV, or a Socrata JSON object laid out as a row).
///
/// Key: `ID`, or `Case Number` when `ID` is empty (2001–2010 files). Rejects: no key, a bad or
/// missing `Date`, `Arrest`/`Domestic` not true/false, a non-integer District/Ward/Community Area,
/// a bad `Updated On`, coordinates that are half missing, not numbers, or outside ``GeoBounds/chicago``.
///
/// One exception to the bounds: the portal's **null geocode** — `X Coordinate`/`Y Coordinate` both
/// `0`, which it turns into Latitude 36.619446395, Longitude −91.686565684 (Missouri). Such a crime
/// is real and its Beat is known, so it is kept without a location and with a ``IncidentRecord/note``
/// (77 rows of 2010–2014), and beat counts include it.
struct ChicagoRowMapper: CSVRowMapper {
    let columns: ChicagoColumns
    let bounds: GeoBounds
    private var interner = StringInterner()

    init(columns: ChicagoColumns, bounds: GeoBounds) {
        self.columns = columns
        self.bounds = bounds
    }

    mutating func map(_ row: CSVRow) throws(RowRejection) -> ParsedRow {
        let c = columns
        let id = row.field(c.id)
        let caseNumber = row.field(c.caseNumber)
        let sourceKey: String
        if !id.isEmpty {
            sourceKey = id.string
        } else if !caseNumber.isEmpty {
            sourceKey = caseNumber.string
        } else {
            throw RowRejection("missing key: ID and Case Number are both empty")
        }
        let dateField = row.field(c.date)
        guard let occurred = DateFieldParser.usOrISODateTime(FieldText.trimmed(dateField.bytes)) else {
            throw RowRejection("unparseable Date \(FieldText.quoted(dateField))")
        }
        var updatedOn: LocalDateTime?
        if let index = c.updatedOn {
            let field = row.field(index)
            if !field.isEmpty {
                guard let value = DateFieldParser.usOrISODateTime(FieldText.trimmed(field.bytes)) else {
                    throw RowRejection("unparseable Updated On \(FieldText.quoted(field))")
                }
                updatedOn = value
            }
        }
        let arrest = try FieldText.boolean(row.field(c.arrest), column: "Arrest")
        let domestic = try FieldText.boolean(row.field(c.domestic), column: "Domestic")
        let district = try FieldText.integer(row.field(c.district), column: "District")
        let ward = try FieldText.integer(row.field(c.ward), column: "Ward")
        let communityArea = try FieldText.integer(row.field(c.communityArea), column: "Community Area")
        var note: String?
        let location: (latitude: Double, longitude: Double)?
        do throws(RowRejection) {
            location = try Coordinates.read(latitude: row.field(c.latitude), longitude: row.field(c.longitude),
                                            bounds: bounds, city: CitySlug.chicago)
        } catch {
            guard Self.isNullGeocode(row, columns: c) else { throw error }
            location = nil
            note = Self.nullGeocodeNote
        }
        let primaryType = interner.optionalString(row.field(c.primaryType))
        return .record(IncidentRecord(
            city: CitySlug.chicago,
            sourceKey: sourceKey,
            occurred: occurred,
            primaryType: primaryType,
            description: interner.optionalString(row.field(c.description)),
            category: primaryType.map { interner.group(of: $0) } ?? ChicagoCrimeGroup.other.rawValue,
            locationDescription: interner.optionalString(row.field(c.locationDescription)),
            arrest: arrest,
            domestic: domestic,
            area: interner.optionalString(row.field(c.beat)),
            district: district,
            ward: ward,
            communityArea: communityArea,
            latitude: location?.latitude,
            longitude: location?.longitude,
            block: FieldText.text(row.field(c.block)),
            iucr: interner.optionalString(row.field(c.iucr)),
            fbiCode: interner.optionalString(row.field(c.fbiCode)),
            updatedOn: updatedOn,
            lineNumber: row.lineNumber,
            note: note
        ))
    }

    static let nullGeocodeNote = "location dropped: X/Y = 0 is the portal's null geocode (Latitude 36.619446395, "
        + "Longitude -91.686565684); the crime is kept with its Beat and no location"

    /// Whether a row whose location was refused carries the portal's geocode of X/Y = 0: both
    /// coordinates `0` (when the columns exist), or exactly the point the portal derives from them.
    private static func isNullGeocode(_ row: CSVRow, columns c: ChicagoColumns) -> Bool {
        if let x = c.xCoordinate, let y = c.yCoordinate,
           FieldText.trimmed(row.field(x).bytes).elementsEqual("0".utf8),
           FieldText.trimmed(row.field(y).bytes).elementsEqual("0".utf8) {
            return true
        }
        return FieldText.trimmed(row.field(c.latitude).bytes).elementsEqual("36.619446395".utf8)
            && FieldText.trimmed(row.field(c.longitude).bytes).elementsEqual("-91.686565684".utf8)
    }
}

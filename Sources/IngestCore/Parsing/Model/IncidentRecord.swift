/// One crime incident (or NYPD arrest) read from a source file, normalised across sources.
///
/// Text fields are `nil` when the source field is empty; nothing is invented. Which source column
/// feeds which field:
///
/// | field | Chicago | NYPD arrests | police.uk |
/// |---|---|---|---|
/// | `sourceKey` | `ID`, or `Case Number` when `ID` is empty (2001–2010) | `ARREST_KEY` | `Crime ID`, or `sha1:…` (see ``PoliceUKCSVParser``) |
/// | `occurred` | `Date` | `ARREST_DATE` (00:00:00) | `Month` (`monthOnly`) |
/// | `primaryType` | `Primary Type` | `OFNS_DESC` | `Crime type` |
/// | `description` | `Description` | `PD_DESC` | – |
/// | `category` | ``ChicagoCrimeGroup`` raw value | `LAW_CAT_CD` (F/M/V/I; `nil` when empty) | `Crime type` |
/// | `area` | `Beat` (`0423`) | `ARREST_PRECINCT` (`75`) | – |
/// | `block` | `Block` | – | `Location` (`On or near …`) |
package struct IncidentRecord: Sendable, Equatable {
    /// City slug: ``CitySlug/chicago``, ``CitySlug/nyc``, `uk-<force>` (`uk-metropolitan`, `uk-west-yorkshire`).
    package var city: String
    /// The source's own identifier of the record, unique within (city, source).
    package var sourceKey: String
    /// When the incident occurred, local wall-clock time.
    package var occurred: LocalDateTime
    package var primaryType: String?
    package var description: String?
    package var category: String?
    package var locationDescription: String?
    package var arrest: Bool
    package var domestic: Bool
    /// Chicago beat (`0423`, as written) or NYPD precinct (`75`); `nil` for police.uk.
    package var area: String?
    package var district: Int?
    package var ward: Int?
    package var communityArea: Int?
    /// WGS84; both `nil` when the source has no location. Never one without the other.
    package var latitude: Double?
    package var longitude: Double?
    package var block: String?
    package var iucr: String?
    package var fbiCode: String?
    /// police.uk Lower Layer Super Output Area code (`E01007426`).
    package var lsoa: String?
    package var updatedOn: LocalDateTime?
    /// Physical line in the file where the record starts (header = line 1); for JSON, the line of its `{`.
    package var lineNumber: Int
    /// What was dropped or changed while reading the row, when anything was (the record is kept and
    /// the note stored in `ingest.row_notes`); `nil` for a row read as written.
    package var note: String?

    package init(
        city: String, sourceKey: String, occurred: LocalDateTime,
        primaryType: String? = nil, description: String? = nil, category: String? = nil,
        locationDescription: String? = nil, arrest: Bool = false, domestic: Bool = false,
        area: String? = nil, district: Int? = nil, ward: Int? = nil, communityArea: Int? = nil,
        latitude: Double? = nil, longitude: Double? = nil, block: String? = nil,
        iucr: String? = nil, fbiCode: String? = nil, lsoa: String? = nil,
        updatedOn: LocalDateTime? = nil, lineNumber: Int, note: String? = nil
    ) {
        self.city = city
        self.sourceKey = sourceKey
        self.occurred = occurred
        self.primaryType = primaryType
        self.description = description
        self.category = category
        self.locationDescription = locationDescription
        self.arrest = arrest
        self.domestic = domestic
        self.area = area
        self.district = district
        self.ward = ward
        self.communityArea = communityArea
        self.latitude = latitude
        self.longitude = longitude
        self.block = block
        self.iucr = iucr
        self.fbiCode = fbiCode
        self.lsoa = lsoa
        self.updatedOn = updatedOn
        self.lineNumber = lineNumber
        self.note = note
    }
}

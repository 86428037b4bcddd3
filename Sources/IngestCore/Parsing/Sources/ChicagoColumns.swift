/// Positions of the Chicago crime columns a parser reads, found by name in the header.
///
/// Works for the 20-column per-year files and the 22-column portal export (`Year` and `Location`
/// are derivable and not read); `Updated On` may be absent.
struct ChicagoColumns {
    let id, caseNumber, date, block, iucr, primaryType, description, locationDescription: Int
    let arrest, domestic, beat, district, ward, communityArea, fbiCode, latitude, longitude: Int
    let updatedOn: Int?
    /// `X Coordinate`/`Y Coordinate` (state plane feet), read only to recognise the portal's null geocode.
    let xCoordinate: Int?, yCoordinate: Int?

    static let requiredNames = [
        "ID", "Case Number", "Date", "Block", "IUCR", "Primary Type", "Description", "Location Description",
        "Arrest", "Domestic", "Beat", "District", "Ward", "Community Area", "FBI Code", "Latitude", "Longitude",
    ]

    init(header: CSVHeader) throws(SourceParseError) {
        let found = try header.require(Self.requiredNames)
        (id, caseNumber, date, block, iucr, primaryType, description, locationDescription) =
            (found[0], found[1], found[2], found[3], found[4], found[5], found[6], found[7])
        (arrest, domestic, beat, district, ward, communityArea, fbiCode, latitude, longitude) =
            (found[8], found[9], found[10], found[11], found[12], found[13], found[14], found[15], found[16])
        updatedOn = header.index(of: "Updated On")
        xCoordinate = header.index(of: "X Coordinate")
        yCoordinate = header.index(of: "Y Coordinate")
    }
}

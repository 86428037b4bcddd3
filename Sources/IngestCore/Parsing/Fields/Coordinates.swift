/// Reads a latitude/longitude pair: both empty is "no location"; one alone, garbage, or a point
/// outside the city's ``GeoBounds`` rejects the row.
enum Coordinates {
    static func read(latitude: CSVField, longitude: CSVField, bounds: GeoBounds,
                     city: String) throws(RowRejection) -> (latitude: Double, longitude: Double)? {
        let lat = try FieldText.decimal(latitude, column: "Latitude")
        let lon = try FieldText.decimal(longitude, column: "Longitude")
        switch (lat, lon) {
        case (nil, nil):
            return nil
        case let (lat?, lon?):
            guard bounds.contains(latitude: lat, longitude: lon) else {
                throw RowRejection("location (\(lat), \(lon)) outside the plausible bounds of \(city) "
                    + "(latitude \(bounds.latitude.lowerBound)…\(bounds.latitude.upperBound), "
                    + "longitude \(bounds.longitude.lowerBound)…\(bounds.longitude.upperBound))")
            }
            return (lat, lon)
        default:
            throw RowRejection("Latitude \(FieldText.quoted(latitude)) and Longitude \(FieldText.quoted(longitude)): one is missing")
        }
    }
}

/// One area polygon (a Chicago beat, an NYPD precinct) ready for `ST_GeomFromGeoJSON`.
struct AreaPolygon: Sendable, Equatable {
    /// City slug (``CitySlug``).
    var city: String
    /// What kind of area: `beat`, `district`, `precinct`.
    var kind: String
    /// The identifier crimes use (`1713` for beat 1713, `75` for precinct 75). Not always unique:
    /// Chicago beat `3100` is three features — load them as one multi-part area or keep all three.
    var areaID: String
    /// A display name (`Beat 1713`, `Precinct 75`, `17TH`).
    var name: String
    /// `Polygon` or `MultiPolygon`.
    var geometryType: String
    /// The feature's `geometry` object exactly as written in the file (byte for byte).
    var geometryJSON: String
    /// Line of the feature's `{` in the file.
    var lineNumber: Int
    /// 0-based position of the feature in `features`.
    var featureIndex: Int

    init(city: String, kind: String, areaID: String, name: String, geometryType: String,
                geometryJSON: String, lineNumber: Int, featureIndex: Int) {
        self.city = city
        self.kind = kind
        self.areaID = areaID
        self.name = name
        self.geometryType = geometryType
        self.geometryJSON = geometryJSON
        self.lineNumber = lineNumber
        self.featureIndex = featureIndex
    }
}

/// One area polygon (a Chicago beat, an NYPD precinct) ready for `ST_GeomFromGeoJSON`.
public struct AreaPolygon: Sendable, Equatable {
    /// City slug (``CitySlug``).
    public var city: String
    /// What kind of area: `beat`, `district`, `precinct`.
    public var kind: String
    /// The identifier crimes use (`1713` for beat 1713, `75` for precinct 75). Not always unique:
    /// Chicago beat `3100` is three features — load them as one multi-part area or keep all three.
    public var areaID: String
    /// A display name (`Beat 1713`, `Precinct 75`, `17TH`).
    public var name: String
    /// `Polygon` or `MultiPolygon`.
    public var geometryType: String
    /// The feature's `geometry` object exactly as written in the file (byte for byte).
    public var geometryJSON: String
    /// Line of the feature's `{` in the file.
    public var lineNumber: Int
    /// 0-based position of the feature in `features`.
    public var featureIndex: Int

    public init(city: String, kind: String, areaID: String, name: String, geometryType: String,
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

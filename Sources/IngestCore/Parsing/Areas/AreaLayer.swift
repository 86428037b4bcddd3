/// How to read one polygon layer: its city and kind, and which feature properties hold the id and name.
struct AreaLayer: Sendable, Equatable {
    var city: String
    var kind: String
    /// Property holding ``AreaPolygon/areaID`` (a string or a number).
    var idProperty: String
    /// Property holding the name; when `nil` or absent the name is `namePrefix + " " + id`.
    var nameProperty: String?
    var namePrefix: String

    init(city: String, kind: String, idProperty: String, nameProperty: String? = nil, namePrefix: String) {
        self.city = city
        self.kind = kind
        self.idProperty = idProperty
        self.nameProperty = nameProperty
        self.namePrefix = namePrefix
    }

    /// `chicago-police-beats/police_beats_current.geojson.gz` (and the pre-2012 file): `BEAT_NUM`.
    static let chicagoBeats = AreaLayer(city: CitySlug.chicago, kind: "beat", idProperty: "BEAT_NUM", namePrefix: "Beat")
    /// `chicago-police-beats/police_districts_current.geojson.gz`: `DIST_NUM`, named by `DIST_LABEL`.
    static let chicagoDistricts = AreaLayer(city: CitySlug.chicago, kind: "district", idProperty: "DIST_NUM",
                                                   nameProperty: "DIST_LABEL", namePrefix: "District")
    /// `nypd-precincts/police_precincts.geojson.gz`: `precinct`.
    static let nypdPrecincts = AreaLayer(city: CitySlug.nyc, kind: "precinct", idProperty: "precinct", namePrefix: "Precinct")
}

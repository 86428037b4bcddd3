/// What the training data says about one beat: its usual district and community area and the
/// mean position of its incidents. Serving fills these in when a request names only the beat.
package struct BeatProfile: Sendable, Codable, Equatable {
    package var district: String
    package var communityArea: Int
    package var latitude: Double?
    package var longitude: Double?

    package init(district: String, communityArea: Int, latitude: Double?, longitude: Double?) {
        self.district = district
        self.communityArea = communityArea
        self.latitude = latitude
        self.longitude = longitude
    }
}

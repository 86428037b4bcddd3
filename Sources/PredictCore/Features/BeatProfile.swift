/// What the training data says about one beat: its usual district and community area and the
/// mean position of its incidents. Serving fills these in when a request names only the beat.
public struct BeatProfile: Sendable, Codable, Equatable {
    public var district: String
    public var communityArea: Int
    public var latitude: Double?
    public var longitude: Double?

    public init(district: String, communityArea: Int, latitude: Double?, longitude: Double?) {
        self.district = district
        self.communityArea = communityArea
        self.latitude = latitude
        self.longitude = longitude
    }
}

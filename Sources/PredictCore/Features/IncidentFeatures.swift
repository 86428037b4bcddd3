/// When and where an incident happens, before encoding: the inputs of the four models.
///
/// `nil` means "not given": the models read it as missing (XGBoost's `NaN`) and answer over every
/// value it takes. An empty string is a value: a training row whose report recorded no location.
public struct IncidentFeatures: Sendable, Equatable {
    /// 0 ... 23.
    public var hour: Int
    /// 0 = Monday ... 6 = Sunday.
    public var dayOfWeek: Int
    /// 1 ... 12.
    public var month: Int
    public var beat: String
    public var district: String
    /// 0 when unknown.
    public var communityArea: Int
    /// nil when the incident has no coordinates.
    public var latitude: Double?
    public var longitude: Double?
    /// The raw Location Description; nil when not given.
    public var locationDescription: String?
    /// The crime type; nil when not given. Used only by the models whose question allows it (arrest, domestic).
    public var primaryType: String?
    /// Inputs the request did not give that the beat's training profile supplied:
    /// ``IncidentInput/district``, ``IncidentInput/communityArea``, ``IncidentInput/position``.
    public var filledFromBeat: Set<IncidentInput>

    public init(hour: Int, dayOfWeek: Int, month: Int, beat: String, district: String, communityArea: Int,
                latitude: Double?, longitude: Double?, locationDescription: String?, primaryType: String?,
                filledFromBeat: Set<IncidentInput> = []) {
        self.hour = hour
        self.dayOfWeek = dayOfWeek
        self.month = month
        self.beat = beat
        self.district = district
        self.communityArea = communityArea
        self.latitude = latitude
        self.longitude = longitude
        self.locationDescription = locationDescription
        self.primaryType = primaryType
        self.filledFromBeat = filledFromBeat
    }
}

/// An input of the per-incident models as an answer reports it, named after the
/// `IncidentContext` field (or, for what the beat's profile supplies, the feature).
public enum IncidentInput: String, Sendable, Hashable, CaseIterable {
    case area
    case hour
    case dayOfWeek = "day_of_week"
    case month
    case locationDescription = "location_description"
    case primaryType = "primary_type"
    /// Latitude and longitude.
    case position
    case district
    case communityArea = "community_area"
}

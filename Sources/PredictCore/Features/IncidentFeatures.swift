/// When and where an incident happens, before encoding: the inputs of the four models.
///
/// `nil` means "not given": the models read it as missing (XGBoost's `NaN`) and answer over every
/// value it takes. An empty string is a value: a training row whose report recorded no location.
package struct IncidentFeatures: Sendable, Equatable {
    /// 0 ... 23.
    package var hour: Int
    /// 0 = Monday ... 6 = Sunday.
    package var dayOfWeek: Int
    /// 1 ... 12.
    package var month: Int
    package var beat: String
    package var district: String
    /// 0 when unknown.
    package var communityArea: Int
    /// nil when the incident has no coordinates.
    package var latitude: Double?
    package var longitude: Double?
    /// The raw Location Description; nil when not given.
    package var locationDescription: String?
    /// The crime type; nil when not given. Used only by the models whose question allows it (arrest, domestic).
    package var primaryType: String?
    /// Inputs the request did not give that the beat's training profile supplied:
    /// ``IncidentInput/district``, ``IncidentInput/communityArea``, ``IncidentInput/position``.
    package var filledFromBeat: Set<IncidentInput>

    package init(hour: Int, dayOfWeek: Int, month: Int, beat: String, district: String, communityArea: Int,
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
package enum IncidentInput: String, Sendable, Hashable, CaseIterable {
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

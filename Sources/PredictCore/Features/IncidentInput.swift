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

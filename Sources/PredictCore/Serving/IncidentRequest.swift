import Contracts

/// Checks an `IncidentContext` and completes it from the beat's profile.
enum IncidentRequest {
    /// The incident to predict for, with district, community area and (when the request has
    /// no coordinates) position taken from the beat's training profile and marked as such. An
    /// empty (or blank) location or crime type is not given: nil, read as missing.
    /// - Throws: INVALID_ARGUMENT for an hour, day or month out of range; NOT_FOUND for a beat
    ///   the city's models never saw.
    static func features(_ context: IncidentContext, encoding: FeatureEncoding) throws(PredictError) -> IncidentFeatures {
        try validate(context)
        guard let profile = encoding.beatProfiles[context.area], encoding.knows(beat: context.area) else {
            throw .notFound("unknown area '\(context.area)' for city '\(context.city)': the models know \(encoding.beats.count) beats")
        }
        var filled: Set<IncidentInput> = [.district, .communityArea]
        if !context.hasLocation { filled.insert(.position) }
        return IncidentFeatures(hour: Int(context.hour), dayOfWeek: Int(context.dayOfWeek), month: Int(context.month),
                                beat: context.area, district: profile.district, communityArea: profile.communityArea,
                                latitude: context.hasLocation ? context.lat : profile.latitude,
                                longitude: context.hasLocation ? context.lon : profile.longitude,
                                locationDescription: given(context.locationDescription), primaryType: given(context.primaryType),
                                filledFromBeat: filled)
    }

    /// nil for an empty or blank text: not given.
    static func given(_ text: String) -> String? {
        text.allSatisfy(\.isWhitespace) ? nil : text
    }

    /// The range checks alone.
    static func validate(_ context: IncidentContext) throws(PredictError) {
        guard !context.city.isEmpty else { throw .invalidArgument("city is required") }
        guard !context.area.isEmpty else { throw .invalidArgument("area (the beat) is required") }
        guard (0...23).contains(context.hour) else { throw .invalidArgument("hour must be 0…23, got \(context.hour)") }
        guard (0...6).contains(context.dayOfWeek) else {
            throw .invalidArgument("day_of_week must be 0 (Monday)…6 (Sunday), got \(context.dayOfWeek)")
        }
        guard (1...12).contains(context.month) else { throw .invalidArgument("month must be 1…12, got \(context.month)") }
        if context.hasLocation {
            guard context.lat.isFinite, context.lon.isFinite, abs(context.lat) <= 90, abs(context.lon) <= 180 else {
                throw .invalidArgument("lat/lon must be finite WGS84 degrees, got \(context.lat), \(context.lon)")
            }
        }
    }
}

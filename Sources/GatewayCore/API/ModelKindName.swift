import Contracts

/// The API's names of the predict models: `arrest`, `domestic`, `property`, `crime_type`,
/// `beat_forecast`.
public enum ModelKindName {
    /// Name → kind for every model the API can name.
    public static let kinds: [String: ModelKind] = [
        "arrest": .arrest, "domestic": .domestic, "property": .property, "crime_type": .crimeType, "beat_forecast": .beatForecast,
    ]

    /// The API name of `kind` (`unspecified` for one this build does not know).
    public static func name(_ kind: ModelKind) -> String {
        kinds.first { $0.value == kind }?.key ?? "unspecified"
    }
}

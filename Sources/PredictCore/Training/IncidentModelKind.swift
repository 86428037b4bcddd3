import Contracts

/// The four per-incident models and what each predicts.
extension ModelKind {
    /// The four per-incident models, in answer order.
    package static let incidentModels: [ModelKind] = [.arrest, .domestic, .property, .crimeType]

    /// Short name used in versions and the database, e.g. `arrest`, `crime-type`.
    package var slug: String {
        switch self {
        case .arrest: "arrest"
        case .domestic: "domestic"
        case .property: "property"
        case .crimeType: "crime-type"
        case .beatForecast: "beat-forecast"
        case .unspecified, .unrecognized: "unspecified"
        }
    }

    /// The kind whose ``slug`` this is.
    package init?(slug: String) {
        guard let kind = ModelKind.allCases.first(where: { $0.slug == slug }) else { return nil }
        self = kind
    }

    /// Whether the crime type is an input: only where the question allows it (arrest and
    /// domestic); never for property or the crime type itself.
    package var usesPrimaryType: Bool { self == .arrest || self == .domestic }
}

/// Chicago's property crimes: the positive class of the property model.
enum PropertyCrimes {
    static let primaryTypes: Set<String> = [
        "THEFT", "BURGLARY", "MOTOR VEHICLE THEFT", "CRIMINAL DAMAGE", "ARSON", "DECEPTIVE PRACTICE",
    ]
}

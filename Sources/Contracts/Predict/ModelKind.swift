import CrimeScopeProtos

/// `crimescope.predict.v1.ModelKind`: which model answers.
///
/// A number this build does not know decodes as ``unspecified``.
public enum ModelKind: Int32, Sendable, Equatable, CaseIterable {
    case unspecified = 0
    case arrest = 1
    case domestic = 2
    case property = 3
    case crimeType = 4
    case beatForecast = 5

    /// The protobuf enum value name, e.g. `MODEL_KIND_ARREST`.
    public var name: String {
        switch self {
        case .unspecified: "MODEL_KIND_UNSPECIFIED"
        case .arrest: "MODEL_KIND_ARREST"
        case .domestic: "MODEL_KIND_DOMESTIC"
        case .property: "MODEL_KIND_PROPERTY"
        case .crimeType: "MODEL_KIND_CRIME_TYPE"
        case .beatForecast: "MODEL_KIND_BEAT_FORECAST"
        }
    }

    /// The value of a C field; unknown numbers (proto3 enums are open) become ``unspecified``.
    init(c: Crimescope__Predict__V1__ModelKind) {
        self = ModelKind(rawValue: Int32(bitPattern: c.rawValue)) ?? .unspecified
    }

    /// The value for a C field.
    var c: Crimescope__Predict__V1__ModelKind {
        Crimescope__Predict__V1__ModelKind(rawValue: UInt32(bitPattern: rawValue))
    }
}

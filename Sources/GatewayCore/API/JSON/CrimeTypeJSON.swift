import Contracts

/// `{"primary_type", "incidents"}`: one crime type and its count.
public struct CrimeTypeJSON: Codable, Sendable, Equatable {
    public var primaryType: String
    public var incidents: Int64

    public init(_ count: CrimeTypeCount) {
        primaryType = count.primaryType
        incidents = count.incidents
    }
}

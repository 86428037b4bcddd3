import Contracts

/// `{"incidents", "arrests", "domestic"}`: incident counts with how many led to an arrest and
/// how many were domestic.
public struct CountsJSON: Codable, Sendable, Equatable {
    public var incidents: Int64
    public var arrests: Int64
    public var domestic: Int64

    public init(_ counts: Counts?) {
        incidents = counts?.incidents ?? 0
        arrests = counts?.arrests ?? 0
        domestic = counts?.domestic ?? 0
    }
}

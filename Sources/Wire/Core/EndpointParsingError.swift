/// An endpoint string that is not `unix:///path` or `tcp://host:port`.
public struct EndpointParsingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The text that was given.
    public var input: String
    /// What is wrong with it.
    public var reason: String

    public var description: String { "invalid endpoint '\(input)': \(reason)" }
}

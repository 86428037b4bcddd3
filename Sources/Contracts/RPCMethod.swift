/// One method of a service contract with its request and response message types, as the .proto
/// declares them. `Methods` (generated from the .proto files by `Protos/generate.sh`) holds one
/// for every method; clients call and routers register by these, so a call cannot pair a method
/// with another method's reply type.
public struct RPCMethod<Request: ProtoMessage, Response: ProtoMessage>: Sendable, Hashable, CustomStringConvertible {
    /// The full name, as an envelope carries it: `/crimescope.ingest.v1.Ingest/StartLoad`.
    public let fullName: String

    /// A method by its full name (generated code, and tests that need a method no server serves).
    public init(_ fullName: String) {
        self.fullName = fullName
    }

    public var description: String { fullName }
}

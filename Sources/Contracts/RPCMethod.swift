/// One method of a service contract with its request and response message types, as the .proto
/// declares them. `Methods` (generated from the .proto files by `Protos/generate.sh`) holds one
/// for every method; clients call and routers register by these, so a call cannot pair a method
/// with another method's reply type.
package struct RPCMethod<Request: ProtoMessage, Response: ProtoMessage>: Sendable, Hashable, CustomStringConvertible {
    /// The full name, as an envelope carries it: `/crimescope.ingest.v1.Ingest/StartLoad`.
    package let fullName: String

    /// Whether the method only reads (changes nothing a second call could notice), so a client
    /// may send it again to another replica when the first one became unavailable mid-call.
    /// False for writes (StartLoad, Train …): those are never retried once sent, because the
    /// first replica may have acted on it. `Protos/swift_methods.py` sets it from its list of reads.
    package let isReadOnly: Bool

    /// A method by its full name (generated code, and tests that need a method no server serves).
    /// Methods are writes unless `readOnly` says otherwise: the safe default for retries.
    package init(_ fullName: String, readOnly: Bool = false) {
        self.fullName = fullName
        self.isReadOnly = readOnly
    }

    package var description: String { fullName }

    /// The same method with its reply as `Other`, another Swift view of the same wire message:
    /// the heatmap writes the beat heatmap reply with a fast encoder of its own, and the gateway
    /// reads it straight into its JSON writer. The one sanctioned way to change a method's reply
    /// type, explicit where it is used.
    package func withReply<Other: ProtoMessage>(_ other: Other.Type) -> RPCMethod<Request, Other> {
        RPCMethod<Request, Other>(fullName, readOnly: isReadOnly)
    }
}

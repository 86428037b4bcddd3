/// A protobuf message of the CrimeScope contracts, as a Swift value.
///
/// Every conforming type converts to and from protobuf-c in this module only: no code outside
/// `Contracts` sees a C pointer. Encoding cannot fail; decoding throws ``ProtoDecodingError``
/// for bytes protobuf-c cannot read.
package protocol ProtoMessage: Sendable, Equatable {
    /// The message's full protobuf name, e.g. `crimescope.health.v1.HealthCheckRequest`.
    static var protoName: String { get }
    /// The protobuf encoding of the message.
    func serializedBytes() -> [UInt8]
    /// Decodes a message from its protobuf encoding.
    init(serializedBytes bytes: [UInt8]) throws(ProtoDecodingError)
}

/// Bytes that do not decode as the expected message.
package struct ProtoDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message type that was expected.
    package var messageName: String
    /// How many bytes were offered.
    package var byteCount: Int

    package init(messageName: String, byteCount: Int) {
        self.messageName = messageName
        self.byteCount = byteCount
    }

    package var description: String {
        "\(byteCount) bytes are not a valid \(messageName)"
    }
}

import Contracts
import Logging
import W3CTraceContext

/// What a handler knows about the call it serves besides the request message.
package struct ServerContext: Sendable {
    /// The full method name, e.g. `/crimescope.health.v1.Health/Check`.
    package let method: String
    /// The call's metadata as the client sent it.
    package let metadata: [MetadataEntry]
    /// When the caller stops waiting (from the envelope's `timeout_micros`), or nil for none.
    /// The server cancels the handler's task when it passes.
    package let deadline: ContinuousClock.Instant?
    /// The `x-request-id` metadata value, or a generated one when the client sent none.
    package let requestID: String
    /// The server's logger with `request-id` and `rpc-method` metadata set.
    package let logger: Logger

    /// Metadata key of the request id.
    static let requestIDKey = "x-request-id"
    /// Metadata key of the W3C trace context (`traceparent`, as the HTTP header).
    static let traceParentKey = "traceparent"

    /// A context; the server builds these, tests of handlers may too.
    package init(method: String, metadata: [MetadataEntry] = [], deadline: ContinuousClock.Instant? = nil,
                requestID: String? = nil, logger: Logger) {
        self.method = method
        self.metadata = metadata
        self.deadline = deadline
        let id = requestID ?? metadata.first { $0.key == Self.requestIDKey }?.value ?? Self.generateRequestID()
        self.requestID = id
        var logger = logger
        logger[metadataKey: "request-id"] = "\(id)"
        logger[metadataKey: "rpc-method"] = "\(method)"
        // The caller's W3C trace (the gateway passes the browser's, or starts one): every log
        // line of the call names it, so one request is found in every service's log.
        if let header = metadata.first(where: { $0.key == Self.traceParentKey })?.value,
           let trace = try? TraceContext(traceParentHeaderValue: header) {
            logger[metadataKey: "trace-id"] = "\(trace.traceID)"
            logger[metadataKey: "parent-span-id"] = "\(trace.spanID)"
        }
        self.logger = logger
    }

    /// The value of the first metadata entry named `key` (keys compare exactly; use lowercase).
    package func metadataValue(_ key: String) -> String? {
        metadata.first { $0.key == key }?.value
    }

    /// 16 random hex digits.
    static func generateRequestID() -> String {
        let hex = String(UInt64.random(in: .min ... .max), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

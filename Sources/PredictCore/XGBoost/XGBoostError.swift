import CXGBoost

/// A failed XGBoost C API call: the function's name and `XGBGetLastError()`'s message, or a
/// caller's mistake (mismatched shapes, a model that is not valid JSON) caught before calling C.
public struct XGBoostError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function that failed, or the wrapper operation that refused its input.
    public var call: String
    /// XGBoost's own message, or the wrapper's explanation.
    public var message: String

    public init(call: String, message: String) {
        self.call = call
        self.message = message
    }

    public var description: String { "XGBoost \(call) failed: \(message)" }

    /// Throws with `XGBGetLastError()`'s text when a C API call returned non-zero.
    static func check(_ status: Int32, _ call: String) throws(XGBoostError) {
        guard status != 0 else { return }
        let message = XGBGetLastError().map { String(cString: $0) } ?? "unknown error"
        throw XGBoostError(call: call, message: message)
    }
}

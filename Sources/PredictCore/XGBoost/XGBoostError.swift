import CXGBoost

/// A failed XGBoost C API call: the function's name and `XGBGetLastError()`'s message, or a
/// caller's mistake (mismatched shapes, a model that is not valid JSON) caught before calling C.
package struct XGBoostError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The C function that failed, or the wrapper operation that refused its input.
    package var call: String
    /// XGBoost's own message, or the wrapper's explanation.
    package var message: String

    package init(call: String, message: String) {
        self.call = call
        self.message = message
    }

    package var description: String { "XGBoost \(call) failed: \(message)" }

    /// Throws with `XGBGetLastError()`'s text when a C API call returned non-zero.
    static func check(_ status: Int32, _ call: String) throws(XGBoostError) {
        guard status != 0 else { return }
        let message = XGBGetLastError().map { String(cString: $0) } ?? "unknown error"
        throw XGBoostError(call: call, message: message)
    }
}

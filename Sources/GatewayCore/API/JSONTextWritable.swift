/// A reply that writes itself with ``JSONText`` (the same bytes as ``JSONResponse/encoder()``,
/// much faster): the heatmaps and the month incidents.
public protocol JSONTextWritable {
    func write(to text: inout JSONText)
}

extension JSONTextWritable {
    /// The value's JSON bytes.
    public func jsonText(capacity: Int = 4_096) -> JSONText {
        var text = JSONText(capacity: capacity)
        write(to: &text)
        return text
    }
}

/// The stored consumer position was not the one the consumer expected: another consumer (a
/// second heatmap process on the same database) applied batches meanwhile. The batch was rolled
/// back; the consumer reloads its position and index and carries on.
public struct ConsumerPositionConflict: Error, CustomStringConvertible {
    public var expected: Int64
    public var stored: Int64

    public var description: String { "consumer position is \(stored), expected \(expected): another consumer advanced it" }
}

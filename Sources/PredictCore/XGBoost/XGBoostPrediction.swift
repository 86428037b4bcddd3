/// A prediction copied out of XGBoost: a flat row-major array and its shape.
///
/// Shapes: `.value`/`.margin` are `[rows]` (binary, Poisson) or `[rows, classes]` (softprob);
/// `.contributions` are `[rows, features + 1]` or `[rows, classes, features + 1]`.
public struct XGBoostPrediction: Sendable, Equatable {
    /// The numbers, row-major.
    public var values: [Float]
    /// The dimensions, outermost first.
    public var shape: [Int]

    public init(values: [Float], shape: [Int]) {
        self.values = values
        self.shape = shape
    }

    /// Numbers per row (the product of all dimensions but the first).
    public var stride: Int { shape.dropFirst().reduce(1, *) }

    /// The numbers of row `index`.
    public func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * stride)..<((index + 1) * stride)]
    }
}

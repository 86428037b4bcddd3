/// A prediction copied out of XGBoost: a flat row-major array and its shape.
///
/// Shapes: `.value`/`.margin` are `[rows]` (binary, Poisson) or `[rows, classes]` (softprob);
/// `.contributions` are `[rows, features + 1]` or `[rows, classes, features + 1]`.
package struct XGBoostPrediction: Sendable, Equatable {
    /// The numbers, row-major.
    package var values: [Float]
    /// The dimensions, outermost first.
    package var shape: [Int]

    package init(values: [Float], shape: [Int]) {
        self.values = values
        self.shape = shape
    }

    /// Numbers per row (the product of all dimensions but the first).
    var stride: Int { shape.dropFirst().reduce(1, *) }

    /// The numbers of row `index`.
    package func row(_ index: Int) -> ArraySlice<Float> {
        values[(index * stride)..<((index + 1) * stride)]
    }
}

/// What `XGBoostBooster.predict` returns.
package enum XGBoostPredictionKind: Int32, Sendable {
    /// The objective's transformed output: probability (binary), per-class probabilities
    /// (softprob) or expected count (Poisson).
    case value = 0
    /// The untransformed margin: log-odds, per-class scores or log of the count.
    case margin = 1
    /// Exact TreeSHAP contributions (XGBoost's `pred_contribs`): per row (and per class for
    /// softprob) `features + 1` numbers, the last the bias; they sum to the margin.
    case contributions = 2
}

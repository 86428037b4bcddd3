/// What `XGBoostBooster.predict` returns.
public enum XGBoostPredictionKind: Int32, Sendable {
    /// The objective's transformed output: probability (binary), per-class probabilities
    /// (softprob) or expected count (Poisson).
    case value = 0
    /// The untransformed margin: log-odds, per-class scores or log of the count.
    case margin = 1
    /// Exact TreeSHAP contributions (XGBoost's `pred_contribs`): per row (and per class for
    /// softprob) `features + 1` numbers, the last the bias; they sum to the margin.
    case contributions = 2
}

extension Duration {
    /// The duration in seconds, for logs and metrics.
    var seconds: Double {
        let (whole, attoseconds) = components
        return Double(whole) + Double(attoseconds) / 1e18
    }
}

extension MethodNames.Heatmap {
    /// Heatmap/GetSignificance: Getis–Ord Gi* with Benjamini–Hochberg FDR classes.
    public static let getSignificance = "/crimescope.heatmap.v1.Heatmap/GetSignificance"
}

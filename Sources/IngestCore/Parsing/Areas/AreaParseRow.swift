/// What one GeoJSON feature became.
public enum AreaParseRow: Sendable, Equatable {
    case area(AreaPolygon)
    case rejected(RejectedRow)
}

/// One area of GetAreaShapes: simplified GeoJSON and precomputed centroid and size.
public struct AreaShapeRow: Sendable, Hashable {
    public var area: String
    public var name: String
    /// A GeoJSON geometry object.
    public var geojson: String
    public var centroidLon: Double
    public var centroidLat: Double
    public var areaKm2: Double
}

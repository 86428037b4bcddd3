/// The fixed lon/lat box of a city's 300 x 300 year grid (GetYearGrids).
///
/// Fixed, not data-driven, so a cell index never changes as data arrives. Chicago's box
/// covers the extent of its police beats (-87.940 … -87.524, 41.644 … 42.023) with a small
/// margin; New York its five boroughs; the two police.uk forces we hold data for their force
/// areas. Other cities have no grid. Cell index = row * 300 + column, row 0 at `minLat`;
/// points outside the box (or on its max edges) fall in no cell.
package struct GridBounds: Sendable, Hashable {
    static let width = 300
    static let height = 300

    let minLon: Double
    let minLat: Double
    let maxLon: Double
    let maxLat: Double

    /// The grid box of `city`, nil when the city has no grid.
    package static func of(city: String) -> GridBounds? {
        switch city {
        case "chicago": return GridBounds(minLon: -87.95, minLat: 41.64, maxLon: -87.52, maxLat: 42.03)
        case "nyc": return GridBounds(minLon: -74.26, minLat: 40.49, maxLon: -73.69, maxLat: 40.92)
        case "uk-metropolitan": return GridBounds(minLon: -0.52, minLat: 51.28, maxLon: 0.34, maxLat: 51.70)
        case "uk-west-yorkshire": return GridBounds(minLon: -2.18, minLat: 53.52, maxLon: -1.19, maxLat: 53.97)
        default: return nil
        }
    }

    /// The cell holding (lon, lat), or nil outside the box.
    package func cell(lon: Double, lat: Double) -> Int? {
        guard lon.isFinite, lat.isFinite, lon >= minLon, lon < maxLon, lat >= minLat, lat < maxLat else { return nil }
        let column = min(Int((lon - minLon) / (maxLon - minLon) * Double(Self.width)), Self.width - 1)
        let row = min(Int((lat - minLat) / (maxLat - minLat) * Double(Self.height)), Self.height - 1)
        return row * Self.width + column
    }
}

import Foundation

/// Each area's neighbours: its `k` nearest other areas by centroid distance (equirectangular
/// projection around the city's mean latitude, good to well under 1 % at a city's scale).
///
/// Nearest centroids rather than shared boundaries: it needs only GetAreaShapes' centroids, gives
/// every area the same number of neighbours (edge beats and beats split by the river included),
/// and for Chicago's 274 beats with `k` = 6 it picks the bordering beats in almost every case.
package struct BeatNeighbours: Sendable {
    /// How many neighbours each area has (fewer when the city has fewer other areas).
    package static let defaultCount = 6

    /// `neighbours[i]`: indices of area `i`'s neighbours, nearest first.
    package let neighbours: [[Int]]

    /// Neighbour lists as stored with a model.
    package init(lists: [[Int]]) {
        neighbours = lists
    }

    /// Neighbours of `centroids` (longitude, latitude in degrees), `k` each.
    package init(centroids: [(lon: Double, lat: Double)], k: Int = BeatNeighbours.defaultCount) {
        let meanLatitude = centroids.isEmpty ? 0 : centroids.map(\.lat).reduce(0, +) / Double(centroids.count)
        let xScale = cos(meanLatitude * .pi / 180)
        let points = centroids.map { (x: $0.lon * xScale, y: $0.lat) }
        neighbours = points.indices.map { index in
            let here = points[index]
            return points.indices.filter { $0 != index }
                .map { other -> (Int, Double) in
                    let dx = points[other].x - here.x, dy = points[other].y - here.y
                    return (other, dx * dx + dy * dy)
                }
                .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
                .prefix(max(0, k))
                .map(\.0)
        }
    }
}

import Foundation

import Contracts

/// `bbox=minLon,minLat,maxLon,maxLat`: four finite WGS84 degrees, longitudes -180-180,
/// latitudes -90-90, each minimum at most its maximum.
enum BoundingBoxParameter {
    static func parse(_ text: String, name: String = "bbox") throws(APIError) -> BoundingBox {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        let values = parts.compactMap { part -> Double? in
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 43 || $0 == 46 }) else { return nil }
            return Double(trimmed).flatMap { $0.isFinite ? $0 : nil }
        }
        guard parts.count == 4, values.count == 4 else {
            throw .invalidArgument("'\(name)' must be four decimal numbers minLon,minLat,maxLon,maxLat, got '\(text.prefix(80))'")
        }
        let box = BoundingBox(minLon: values[0], minLat: values[1], maxLon: values[2], maxLat: values[3])
        guard (-180...180).contains(box.minLon), (-180...180).contains(box.maxLon),
              (-90...90).contains(box.minLat), (-90...90).contains(box.maxLat) else {
            throw .invalidArgument("'\(name)' longitudes must be -180-180 and latitudes -90-90")
        }
        guard box.minLon <= box.maxLon, box.minLat <= box.maxLat else {
            throw .invalidArgument("'\(name)' must have minLon <= maxLon and minLat <= maxLat")
        }
        return box
    }
}

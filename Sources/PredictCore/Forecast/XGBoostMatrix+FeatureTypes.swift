import CXGBoost
import Foundation

extension XGBoostMatrix {
    /// A matrix like ``XGBoostMatrix/init(values:rows:columns:labels:weights:)`` whose columns have
    /// XGBoost feature types ("q" numeric, "c" categorical: non-negative integer codes, split by
    /// partition with `tree_method` hist). Set once, before the matrix is shared.
    static func typed(values: [Float], rows: Int, types: [String], labels: [Float]? = nil) throws(XGBoostError) -> XGBoostMatrix {
        let matrix = try XGBoostMatrix(values: values, rows: rows, columns: types.count, labels: labels)
        let strings = types.map { strdup($0) }
        defer { strings.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = strings.map { $0.map { UnsafePointer($0) } }
        let status = pointers.withUnsafeMutableBufferPointer {
            XGDMatrixSetStrFeatureInfo(matrix.handle, "feature_type", $0.baseAddress, bst_ulong(types.count))
        }
        try XGBoostError.check(status, "XGDMatrixSetStrFeatureInfo(feature_type)")
        return matrix
    }
}

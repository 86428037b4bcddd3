import CXGBoost

/// An XGBoost `DMatrix` built from a dense row-major `Float` matrix, `NaN` meaning missing,
/// with optional labels and weights.
///
/// Concurrency: the matrix is immutable once created (labels and weights are set in `init`), and
/// XGBoost only reads it, so it is `Sendable`; the handle is freed when the last reference goes.
package final class XGBoostMatrix: @unchecked Sendable {
    let handle: DMatrixHandle
    /// Number of rows.
    package let rows: Int
    /// Number of feature columns.
    package let columns: Int

    /// Copies `values` (`rows × columns`, row-major) into a new DMatrix with `threads` OpenMP
    /// threads (0: XGBoost's default, every core; pass 1 for a request's single row, which then
    /// never enters an OpenMP parallel region).
    /// - Throws: ``XGBoostError`` when the sizes disagree or XGBoost refuses the data.
    package init(values: [Float], rows: Int, columns: Int, labels: [Float]? = nil, weights: [Float]? = nil,
                threads: Int = 0) throws(XGBoostError) {
        guard rows >= 0, columns > 0, values.count == rows * columns else {
            throw XGBoostError(call: "XGDMatrixCreateFromMat", message: "\(values.count) values do not make \(rows) rows of \(columns) columns")
        }
        if let labels, labels.count != rows {
            throw XGBoostError(call: "XGDMatrixSetFloatInfo", message: "\(labels.count) labels for \(rows) rows")
        }
        if let weights, weights.count != rows {
            throw XGBoostError(call: "XGDMatrixSetFloatInfo", message: "\(weights.count) weights for \(rows) rows")
        }
        var created: DMatrixHandle?
        let status = values.withUnsafeBufferPointer { buffer in
            XGDMatrixCreateFromMat_omp(buffer.baseAddress, bst_ulong(rows), bst_ulong(columns), Float.nan, &created, Int32(clamping: threads))
        }
        try XGBoostError.check(status, "XGDMatrixCreateFromMat_omp")
        guard let created else {
            throw XGBoostError(call: "XGDMatrixCreateFromMat", message: "no matrix returned")
        }
        self.handle = created
        self.rows = rows
        self.columns = columns
        do {
            if let labels { try Self.setFloatInfo(created, "label", labels) }
            if let weights { try Self.setFloatInfo(created, "weight", weights) }
        } catch {
            XGDMatrixFree(created)
            throw error
        }
    }

    deinit {
        XGDMatrixFree(handle)
    }

    private static func setFloatInfo(_ handle: DMatrixHandle, _ field: String, _ values: [Float]) throws(XGBoostError) {
        let status = values.withUnsafeBufferPointer { buffer in
            XGDMatrixSetFloatInfo(handle, field, buffer.baseAddress, bst_ulong(values.count))
        }
        try XGBoostError.check(status, "XGDMatrixSetFloatInfo(\(field))")
    }
}

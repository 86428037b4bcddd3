import CXGBoost
import Foundation

/// A gradient-boosted tree model: created for training or loaded from saved JSON.
///
/// Concurrency: every C call on the handle happens under one lock, and every output XGBoost
/// returns (it belongs to the booster until the next call) is copied before the lock is released,
/// so a booster may be shared between tasks (`@unchecked Sendable`). Calls are serialised per
/// booster; serve with `nthread` 1 to keep OpenMP out of the request path.
package final class XGBoostBooster: @unchecked Sendable {
    private let handle: BoosterHandle
    private let lock = NSLock()
    /// Matrices the booster caches predictions for; kept alive as long as it is.
    private let cached: [XGBoostMatrix]

    /// A new, untrained booster with `objective` and further `parameters` (e.g. `max_depth`, `eta`,
    /// `nthread`, `eval_metric`), caching predictions for `cache` (the training and evaluation data).
    package init(cache: [XGBoostMatrix], objective: XGBoostObjective, parameters: [(String, String)] = []) throws(XGBoostError) {
        self.handle = try Self.create(cache)
        self.cached = cache
        for (name, value) in [("verbosity", "0")] + objective.parameters + parameters {
            try setParameter(name, value)
        }
    }

    /// A booster loaded from a model saved by ``saveJSON()``.
    /// - Throws: ``XGBoostError`` when the bytes are not a model XGBoost can read.
    package init(json: [UInt8], parameters: [(String, String)] = []) throws(XGBoostError) {
        guard !json.isEmpty else { throw XGBoostError(call: "XGBoosterLoadModelFromBuffer", message: "the model is empty") }
        self.handle = try Self.create([])
        self.cached = []
        let status = json.withUnsafeBytes { XGBoosterLoadModelFromBuffer(handle, $0.baseAddress, bst_ulong(json.count)) }
        try XGBoostError.check(status, "XGBoosterLoadModelFromBuffer")
        for (name, value) in [("verbosity", "0")] + parameters {
            try setParameter(name, value)
        }
    }

    private init(handle: BoosterHandle) {
        self.handle = handle
        self.cached = []
    }

    deinit {
        XGBoosterFree(handle)
    }

    private static func create(_ cache: [XGBoostMatrix]) throws(XGBoostError) -> BoosterHandle {
        var handles: [DMatrixHandle?] = cache.map { $0.handle }
        var created: BoosterHandle?
        let status = handles.withUnsafeMutableBufferPointer { XGBoosterCreate($0.baseAddress, bst_ulong(cache.count), &created) }
        try XGBoostError.check(status, "XGBoosterCreate")
        guard let created else { throw XGBoostError(call: "XGBoosterCreate", message: "no booster returned") }
        return created
    }

    private func locked<T>(_ body: () throws(XGBoostError) -> T) throws(XGBoostError) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Sets one training or prediction parameter.
    func setParameter(_ name: String, _ value: String) throws(XGBoostError) {
        try locked { () throws(XGBoostError) in
            try XGBoostError.check(XGBoosterSetParam(handle, name, value), "XGBoosterSetParam(\(name))")
        }
    }

    /// Boosts one round on `train` (its labels and weights).
    func updateOneIteration(_ iteration: Int, train: XGBoostMatrix) throws(XGBoostError) {
        try locked { () throws(XGBoostError) in
            try XGBoostError.check(XGBoosterUpdateOneIter(handle, Int32(iteration), train.handle), "XGBoosterUpdateOneIter")
        }
    }

    /// Evaluates the booster's `eval_metric`s on named matrices after `iteration`; keys are
    /// `"<name>-<metric>"`, e.g. `"validation-logloss"`.
    package func evaluate(_ iteration: Int, on sets: [(name: String, matrix: XGBoostMatrix)]) throws(XGBoostError) -> [String: Double] {
        let text: String = try locked { () throws(XGBoostError) -> String in
            var handles: [DMatrixHandle?] = sets.map { $0.matrix.handle }
            let names = sets.map { strdup($0.name) }
            defer { names.forEach { free($0) } }
            var namePointers: [UnsafePointer<CChar>?] = names.map { $0.map { UnsafePointer($0) } }
            var result: UnsafePointer<CChar>?
            let status = handles.withUnsafeMutableBufferPointer { handleBuffer in
                namePointers.withUnsafeMutableBufferPointer { nameBuffer in
                    XGBoosterEvalOneIter(handle, Int32(iteration), handleBuffer.baseAddress, nameBuffer.baseAddress,
                                         bst_ulong(sets.count), &result)
                }
            }
            try XGBoostError.check(status, "XGBoosterEvalOneIter")
            return result.map { String(cString: $0) } ?? ""
        }
        return Self.parseEvaluation(text)
    }

    /// Parses `"[3]\ttrain-logloss:0.61\tvalidation-logloss:0.63"` into a dictionary.
    static func parseEvaluation(_ text: String) -> [String: Double] {
        var scores: [String: Double] = [:]
        for field in text.split(separator: "\t").dropFirst() {
            guard let colon = field.lastIndex(of: ":"), let value = Double(field[field.index(after: colon)...]) else { continue }
            scores[String(field[..<colon])] = value
        }
        return scores
    }

    /// Predicts for every row of `matrix`, using the first `iterations` rounds (0: all).
    package func predict(_ matrix: XGBoostMatrix, kind: XGBoostPredictionKind = .value, iterations: Int = 0) throws(XGBoostError) -> XGBoostPrediction {
        let config = "{\"type\": \(kind.rawValue), \"training\": false, \"iteration_begin\": 0, \"iteration_end\": \(iterations), \"strict_shape\": false}"
        return try locked { () throws(XGBoostError) -> XGBoostPrediction in
            var shapePointer: UnsafePointer<bst_ulong>?
            var dimensions: bst_ulong = 0
            var result: UnsafePointer<Float>?
            try XGBoostError.check(XGBoosterPredictFromDMatrix(handle, matrix.handle, config, &shapePointer, &dimensions, &result),
                                   "XGBoosterPredictFromDMatrix")
            guard let shapePointer else { throw XGBoostError(call: "XGBoosterPredictFromDMatrix", message: "no shape returned") }
            let shape = (0..<Int(dimensions)).map { Int(shapePointer[$0]) }
            let count = shape.reduce(1, *)
            guard count == 0 || result != nil else { throw XGBoostError(call: "XGBoosterPredictFromDMatrix", message: "no result returned") }
            let values = count == 0 ? [] : Array(UnsafeBufferPointer(start: result, count: count))
            return XGBoostPrediction(values: values, shape: shape)
        }
    }

    /// The model as XGBoost JSON; loading it with ``init(json:parameters:)`` predicts bit-identically.
    func saveJSON() throws(XGBoostError) -> [UInt8] {
        try locked { () throws(XGBoostError) -> [UInt8] in
            var length: bst_ulong = 0
            var bytes: UnsafePointer<CChar>?
            try XGBoostError.check(XGBoosterSaveModelToBuffer(handle, "{\"format\": \"json\"}", &length, &bytes), "XGBoosterSaveModelToBuffer")
            guard let bytes else { throw XGBoostError(call: "XGBoosterSaveModelToBuffer", message: "no bytes returned") }
            return bytes.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }
        }
    }

    /// How many boosting rounds the model holds.
    func boostedRounds() throws(XGBoostError) -> Int {
        try locked { () throws(XGBoostError) -> Int in
            var rounds: Int32 = 0
            try XGBoostError.check(XGBoosterBoostedRounds(handle, &rounds), "XGBoosterBoostedRounds")
            return Int(rounds)
        }
    }

    /// A new booster holding only the first `rounds` rounds (the best one found by early stopping).
    func sliced(rounds: Int) throws(XGBoostError) -> XGBoostBooster {
        try locked { () throws(XGBoostError) -> XGBoostBooster in
            var out: BoosterHandle?
            try XGBoostError.check(XGBoosterSlice(handle, 0, Int32(rounds), 1, &out), "XGBoosterSlice")
            guard let out else { throw XGBoostError(call: "XGBoosterSlice", message: "no booster returned") }
            return XGBoostBooster(handle: out)
        }
    }

    /// Importance per feature column `0..<featureCount` (`"gain"`, `"total_gain"`, `"weight"`,
    /// `"cover"`, `"total_cover"`); features never used in a split get 0. Softprob models sum
    /// the per-class scores.
    func featureImportance(_ type: String = "gain", featureCount: Int) throws(XGBoostError) -> [Double] {
        try locked { () throws(XGBoostError) -> [Double] in
            var count: bst_ulong = 0
            var names: UnsafeMutablePointer<UnsafePointer<CChar>?>?
            var dimensions: bst_ulong = 0
            var shapePointer: UnsafePointer<bst_ulong>?
            var scores: UnsafePointer<Float>?
            let config = "{\"importance_type\": \"\(type)\"}"
            try XGBoostError.check(XGBoosterFeatureScore(handle, config, &count, &names, &dimensions, &shapePointer, &scores),
                                   "XGBoosterFeatureScore")
            var result = [Double](repeating: 0, count: featureCount)
            guard let names, let scores, let shapePointer, count > 0 else { return result }
            let shape = (0..<Int(dimensions)).map { Int(shapePointer[$0]) }
            let perFeature = shape.dropFirst().reduce(1, *)
            for index in 0..<Int(count) {
                guard let name = names[index].map({ String(cString: $0) }), name.hasPrefix("f"),
                      let column = Int(name.dropFirst()), column >= 0, column < featureCount else { continue }
                for offset in 0..<perFeature { result[column] += Double(scores[index * perFeature + offset]) }
            }
            return result
        }
    }
}

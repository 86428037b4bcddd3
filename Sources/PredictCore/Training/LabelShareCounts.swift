import CivilTime

/// Positives and rows per value of each ``ShareKey`` over the training window, kept per fold so
/// a training row's ``LabelShares`` columns can leave its own fold out.
///
/// Folds are calendar months (month number modulo ``folds``), not single rows: reports of one
/// event (same place, same hour) then share a fold, and the shares a row sees come from other
/// months, as a validation or test row's come from the past. Validation, test and serving use
/// the whole window's shares (``shares(table:)``). Keys are integer codes built from the table's
/// interned codes while counting, and named (as ``ShareKey/key(beat:location:latitude:longitude:hour:dayOfWeek:month:)``
/// names them for a request) only for the stored tables.
struct LabelShareCounts {
    static let folds = 5
    let keys: [ShareKey]
    /// Per key: value code -> slot; `positives`/`rows` hold `folds` numbers per slot.
    private var slots: [[Int: Int]]
    private var positives: [[Double]], rows: [[Double]]
    private let groupOfLocation: [Int]
    private var totalPositives = 0.0, totalRows = 0.0

    init(keys: [ShareKey], table: IncidentTable, trainRows: [Int], locationMissing: (Int) -> Bool, label: (Int) -> Bool) {
        self.keys = keys
        groupOfLocation = table.locationNames.names.map { LocationGroup.of($0).rawValue }
        slots = Array(repeating: [:], count: keys.count)
        positives = Array(repeating: [], count: keys.count)
        rows = Array(repeating: [], count: keys.count)
        for (position, row) in trainRows.enumerated() {
            let fold = Self.fold(table.localSeconds[row])
            let positive = label(row) ? 1.0 : 0
            totalPositives += positive
            totalRows += 1
            for index in keys.indices {
                guard let code = code(keys[index], table: table, row: row, locationMissing: locationMissing(position)) else { continue }
                let slot: Int
                if let known = slots[index][code] { slot = known } else {
                    slot = rows[index].count / Self.folds
                    slots[index][code] = slot
                    positives[index] += [Double](repeating: 0, count: Self.folds)
                    rows[index] += [Double](repeating: 0, count: Self.folds)
                }
                positives[index][slot * Self.folds + fold] += positive
                rows[index][slot * Self.folds + fold] += 1
            }
        }
    }

    static func fold(_ localSeconds: Int64) -> Int {
        let time = LocalDateTime(localSeconds: localSeconds)
        return (time.year * 12 + time.month) % folds
    }

    private var overall: Double { totalRows > 0 ? totalPositives / totalRows : 0 }

    /// The integer code of a row's key value, nil when an input it needs is missing.
    private func code(_ key: ShareKey, table: IncidentTable, row: Int, locationMissing: Bool) -> Int? {
        let location = Int(table.locations[row])
        switch key {
        case .beat: return Int(table.beats[row])
        case .location: return locationMissing ? nil : location
        case .beatLocation: return locationMissing ? nil : Int(table.beats[row]) * 16 + groupOfLocation[location]
        case .cell, .block:
            let latitude = table.latitudes[row], longitude = table.longitudes[row]
            guard !latitude.isNaN, !longitude.isNaN else { return nil }
            let cell = key.cell(latitude: Double(latitude), longitude: Double(longitude))
            return (cell.row + 1 << 20) << 24 | (cell.column + 1 << 23)
        case .locationShift:
            return locationMissing ? nil : location * 3 + LocalDateTime(localSeconds: table.localSeconds[row]).hour / 8
        case .beatHourBand: return Int(table.beats[row]) * 6 + LocalDateTime(localSeconds: table.localSeconds[row]).hour / 4
        case .locationWeekday:
            return locationMissing ? nil : location * 7 + LocalDateTime(localSeconds: table.localSeconds[row]).dayOfWeekFromMonday
        case .beatMonth: return Int(table.beats[row]) * 12 + LocalDateTime(localSeconds: table.localSeconds[row]).month - 1
        }
    }

    /// The name a request's key would have for `code` (see ``ShareKey``).
    private func name(_ key: ShareKey, code: Int, table: IncidentTable) -> String {
        switch key {
        case .beat: return table.beatNames.names[code]
        case .location: return table.locationNames.names[code]
        case .beatLocation: return "\(table.beatNames.names[code / 16])|\(code % 16)"
        case .cell, .block: return "\((code >> 24) - 1 << 20)|\((code & (1 << 24 - 1)) - 1 << 23)"
        case .locationShift: return "\(table.locationNames.names[code / 3])|\(code % 3)"
        case .beatHourBand: return "\(table.beatNames.names[code / 6])|\(code % 6)"
        case .locationWeekday: return "\(table.locationNames.names[code / 7])|\(code % 7)"
        case .beatMonth: return "\(table.beatNames.names[code / 12])|\(code % 12 + 1)"
        }
    }

    /// The whole window's shares, by name: what validation, test and serving read.
    func shares(table: IncidentTable) -> LabelShares {
        let overall = overall
        let tables = keys.indices.map { index in
            var named: [String: Float] = [:]
            for (code, slot) in slots[index] {
                let range = (slot * Self.folds)..<((slot + 1) * Self.folds)
                named[name(keys[index], code: code, table: table)] = LabelShares.smoothed(
                    positives: positives[index][range].reduce(0, +), count: rows[index][range].reduce(0, +), overall: overall)
            }
            return named
        }
        return LabelShares(overall: overall, keys: keys, tables: tables)
    }

    /// The columns of training row `row` (at `position` in the window) from the other folds' counts.
    func outOfFoldColumns(table: IncidentTable, row: Int, locationMissing: Bool) -> [Float] {
        let fold = Self.fold(table.localSeconds[row])
        return keys.indices.map { index in
            guard let code = code(keys[index], table: table, row: row, locationMissing: locationMissing),
                  let slot = slots[index][code] else { return .nan }
            var p = 0.0, n = 0.0
            for other in 0..<Self.folds where other != fold {
                p += positives[index][slot * Self.folds + other]
                n += rows[index][slot * Self.folds + other]
            }
            return LabelShares.smoothed(positives: p, count: n, overall: overall)
        }
    }
}

import CivilTime

extension CityRollupIndex {
    /// The type slot of a window row's or a query's type (`WindowRollupKey.allTypes` or empty:
    /// the all-types slot), nil when the city has never had that type.
    func typeSlot(_ primaryType: String) -> UInt32? {
        if primaryType.isEmpty || primaryType == WindowRollupKey.allTypes { return Self.allTypesSlot }
        return types.slot(primaryType).map { UInt32(bitPattern: $0) }
    }

    /// Per-area sums over `spans`, one type or all (empty); areas that sum to zero are left out.
    func windowCounts(spans: [WindowPlan.Span], primaryType: String) -> [String: RollupCounts] {
        guard let type = typeSlot(primaryType) else { return [:] }
        var totals = [RollupCounts](repeating: RollupCounts(), count: areas.count)
        for span in spans {
            var start = span.from
            while start < span.to {
                if span.grain == .hourly {
                    if let cells = hourly[start] {
                        let range = type == Self.allTypesSlot ? cells.keys.indices : cells.group(type)
                        for position in range {
                            totals[Int(cells.low(at: position))] += cells.counts[position].rollupCounts
                        }
                    }
                } else if let cells = window[WindowBucket(grain: span.grain, start: start)] {
                    for position in cells.group(type) {
                        totals[Int(cells.low(at: position))] += cells.counts[position].rollupCounts
                    }
                }
                start = span.grain.nextStart(after: start)
            }
        }
        var result: [String: RollupCounts] = [:]
        for (slot, counts) in totals.enumerated() where !counts.isZero {
            result[areas[slot]] = counts
        }
        return result
    }

    /// Per-area sums of the months `[fromMonth, toMonth)` (month numbers), one type or all
    /// (empty), from the monthly buckets (which hold month-only sources too): what Check compares
    /// with ingest's recount.
    func monthCounts(fromMonth: Int, toMonth: Int, primaryType: String) -> [String: RollupCounts] {
        guard fromMonth < toMonth else { return [:] }
        let from = LocalDateTime.localSeconds(year: fromMonth / 12, month: fromMonth % 12 + 1, day: 1)
        let to = LocalDateTime.localSeconds(year: toMonth / 12, month: toMonth % 12 + 1, day: 1)
        return windowCounts(spans: [WindowPlan.Span(grain: .monthly, from: from, to: to)], primaryType: primaryType)
    }
}

/// A time bucket of the in-memory window rollup: its grain and start (local seconds).
struct WindowBucket: Sendable, Hashable {
    var grain: WindowGrain
    var start: Int64
}

/// The window rollup's key names.
enum WindowRollupKey {
    /// The type name of the window cells that count every type (not a source type: sources never
    /// write parentheses around a type); an empty type in a query means the same.
    static let allTypes = "(all)"
}

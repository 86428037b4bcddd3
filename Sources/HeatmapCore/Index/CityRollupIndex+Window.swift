extension CityRollupIndex {
    /// Whether the in-memory index keeps buckets of `grain` (hourly ones stay in SQL: the
    /// finest grain holds most of the rows and only short windows and edges read it).
    static func keepsWindow(_ grain: WindowGrain) -> Bool { grain != .hourly }

    /// The type slot of a window row's or a query's type (`WindowRollupKey.allTypes` or empty:
    /// the all-types slot), nil when the city has never had that type.
    func typeSlot(_ primaryType: String) -> UInt32? {
        if primaryType.isEmpty || primaryType == WindowRollupKey.allTypes { return Self.allTypesSlot }
        return types.slot(primaryType).map { UInt32(bitPattern: $0) }
    }

    /// Adds a change to a window bucket; buckets of a grain not kept in memory are ignored.
    mutating func addWindow(grain: WindowGrain, bucket: Int64, area: String, primaryType: String, counts: RollupCounts) {
        guard Self.keepsWindow(grain) else { return }
        let type = primaryType == WindowRollupKey.allTypes ? Self.allTypesSlot : UInt32(bitPattern: types.intern(primaryType))
        let key = SortedCells<RollupCounts>.key(high: type, low: UInt32(bitPattern: areas.intern(area)))
        window.add(WindowBucket(grain: grain, start: bucket), key, counts, sorted: !loading)
    }

    /// Per-area sums over `spans` (all of grains kept in memory), one type or all (empty);
    /// areas that sum to zero are left out.
    func windowCounts(spans: [WindowPlan.Span], primaryType: String) -> [String: RollupCounts] {
        guard let type = typeSlot(primaryType) else { return [:] }
        var totals = [RollupCounts](repeating: RollupCounts(), count: areas.count)
        for span in spans {
            var start = span.from
            while start < span.to {
                if let cells = window[WindowBucket(grain: span.grain, start: start)] {
                    for position in cells.group(type) {
                        totals[Int(cells.low(at: position))] += cells.counts[position]
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
}

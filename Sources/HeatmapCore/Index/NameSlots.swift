/// Interned names (areas, types, crime groups) of a city: each gets a dense slot on first use.
struct NameSlots: Sendable {
    private(set) var names: [String] = []
    /// The slots in ascending order of their names (String `<`), kept as names are interned so
    /// answers listed by name need no sort.
    private(set) var sortedSlots: [Int32] = []
    private var slots: [String: Int32] = [:]

    /// The slot of `name`, interned if new.
    mutating func intern(_ name: String) -> Int32 {
        if let slot = slots[name] { return slot }
        let slot = Int32(names.count)
        names.append(name)
        slots[name] = slot
        var low = 0, high = sortedSlots.count
        while low < high {
            let middle = (low + high) / 2
            if names[Int(sortedSlots[middle])] < name { low = middle + 1 } else { high = middle }
        }
        sortedSlots.insert(slot, at: low)
        return slot
    }

    /// The slot of `name`, nil when it was never seen.
    func slot(_ name: String) -> Int32? { slots[name] }

    var count: Int { names.count }

    subscript(slot: Int) -> String { names[slot] }
}

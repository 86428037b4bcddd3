/// Interned names (areas, types, crime groups) of a city: each gets a dense slot on first use.
struct NameSlots: Sendable {
    private(set) var names: [String] = []
    private var slots: [String: Int32] = [:]

    /// The slot of `name`, interned if new.
    mutating func intern(_ name: String) -> Int32 {
        if let slot = slots[name] { return slot }
        let slot = Int32(names.count)
        names.append(name)
        slots[name] = slot
        return slot
    }

    /// The slot of `name`, nil when it was never seen.
    func slot(_ name: String) -> Int32? { slots[name] }

    var count: Int { names.count }

    subscript(slot: Int) -> String { names[slot] }
}

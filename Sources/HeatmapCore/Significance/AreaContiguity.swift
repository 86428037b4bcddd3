/// A city's areas (sorted by id) and, per area, the indices of its queen neighbours.
struct AreaContiguity: Sendable, Equatable {
    let areas: [String]
    let neighbours: [[Int]]

    /// Builds the lists from symmetric pairs; pairs naming an unknown area are ignored.
    init(areas: [String], pairs: [(String, String)]) {
        let sorted = areas.sorted()
        var position: [String: Int] = [:]
        for (index, area) in sorted.enumerated() { position[area] = index }
        var lists = [Set<Int>](repeating: [], count: sorted.count)
        for (a, b) in pairs {
            guard let i = position[a], let j = position[b], i != j else { continue }
            lists[i].insert(j)
            lists[j].insert(i)
        }
        self.areas = sorted
        neighbours = lists.map { $0.sorted() }
    }
}

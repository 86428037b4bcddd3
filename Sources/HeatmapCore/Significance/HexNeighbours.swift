/// The six neighbours of a pointy-top hex cell in axial coordinates (q, r).
enum HexNeighbours {
    /// Axial offsets of the six neighbours, counter-clockwise from east.
    static let offsets: [(q: Int, r: Int)] = [(1, 0), (1, -1), (0, -1), (-1, 0), (-1, 1), (0, 1)]

    /// The six cells that share an edge with `cell`.
    static func of(_ cell: HexCellID) -> [HexCellID] {
        offsets.map { HexCellID(q: cell.q + $0.q, r: cell.r + $0.r) }
    }

    /// Per cell of `cells`, the indices (into `cells`) of its neighbours that are in `cells`.
    static func lists(_ cells: [HexCellID]) -> [[Int]] {
        var position: [HexCellID: Int] = [:]
        for (index, cell) in cells.enumerated() { position[cell] = index }
        return cells.map { cell in of(cell).compactMap { position[$0] } }
    }
}

/// A CSV header row: column names and lookup by name, ignoring letter case and surrounding spaces,
/// so parsers pick columns by name and survive reordered or added columns.
struct CSVHeader: Sendable, Equatable {
    /// The names as written (trimmed).
    let names: [String]
    private let indexByKey: [String: Int]

    init(names: [String]) {
        self.names = names.map { $0.trimmingSpaces() }
        var indexByKey: [String: Int] = [:]
        for (index, name) in self.names.enumerated() where indexByKey[Self.key(name)] == nil {
            indexByKey[Self.key(name)] = index
        }
        self.indexByKey = indexByKey
    }

    init(row: CSVRow) {
        self.init(names: (0..<row.fieldCount).map { row.field($0).string })
    }

    /// The 0-based position of the column called `name`, if present.
    func index(of name: String) -> Int? { indexByKey[Self.key(name)] }

    /// Whether every one of `names` is present.
    func contains(_ names: String...) -> Bool { names.allSatisfy { index(of: $0) != nil } }

    /// Positions of `names`, in order; throws one error listing every missing column.
    func require(_ required: [String]) throws(SourceParseError) -> [Int] {
        let missing = required.filter { index(of: $0) == nil }
        guard missing.isEmpty else {
            throw SourceParseError(.missingColumns, lineNumber: 1,
                                   "header lacks column(s) \(missing.joined(separator: ", ")); found: \(names.joined(separator: ","))")
        }
        return required.compactMap { index(of: $0) }
    }

    private static func key(_ name: String) -> String { name.lowercased() }
}

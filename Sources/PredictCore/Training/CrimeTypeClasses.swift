/// The crime-type model's classes: every primary type with at least a small share of the
/// training rows, by name, plus one "other types" class for the rare ones (and for types the
/// training window never saw).
struct CrimeTypeClasses {
    static let otherLabel = "OTHER TYPES (RARE)"
    /// Class labels; the index is the class number, the rare class last.
    let labels: [String]
    /// Training rows per class.
    let trainingCounts: [Int]
    private let classOfType: [Int32: Int]

    init(table: IncidentTable, trainRows: [Int], rareShare: Double) {
        var counts: [Int32: Int] = [:]
        for row in trainRows { counts[table.types[row], default: 0] += 1 }
        let minimum = Int((Double(trainRows.count) * rareShare).rounded(.up))
        let common = counts.filter { $0.value >= max(1, minimum) }.keys.sorted { table.typeNames.names[Int($0)] < table.typeNames.names[Int($1)] }
        var classOfType: [Int32: Int] = [:]
        for (index, type) in common.enumerated() { classOfType[type] = index }
        labels = common.map { table.typeNames.names[Int($0)] } + [Self.otherLabel]
        var trainingCounts = common.map { counts[$0] ?? 0 }
        trainingCounts.append(counts.filter { classOfType[$0.key] == nil }.map(\.value).reduce(0, +))
        self.trainingCounts = trainingCounts
        self.classOfType = classOfType
    }

    /// The class of row `index`.
    func label(of index: Int, in table: IncidentTable) -> Int {
        classOfType[table.types[index]] ?? labels.count - 1
    }
}

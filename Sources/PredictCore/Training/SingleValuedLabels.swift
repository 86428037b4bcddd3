import Contracts

/// Refuses to train models whose label takes one value in the rows they would learn from, e.g.
/// the arrest model on NYPD arrest records (every row is an arrest): XGBoost would happily grow
/// trees that answer the constant, with an undefined ROC-AUC and explanations of nothing.
///
/// The whole training job is refused, not only those models: Train replaces a city's current
/// models, and a job that trained some and quietly skipped others would end "done" with a set
/// the person did not ask for. The check runs before any tree is grown (seconds after the rows
/// arrive), the city's current models stay as they were, and the message names every such model,
/// its label and value, and the models the data can train, so the retry is one request away.
enum SingleValuedLabels {
    /// The label of a binary model for row `index` of `table`; nil for the crime type.
    static func binaryLabel(_ kind: ModelKind, table: IncidentTable) -> ((Int) -> Bool)? {
        switch kind {
        case .arrest: { table.arrests[$0] }
        case .domestic: { table.domestics[$0] }
        case .property: { PropertyCrimes.primaryTypes.contains(table.primaryType($0)) }
        default: nil
        }
    }

    /// Throws when any of `kinds` has a single-valued label in `rows` (described by `rowsName`,
    /// e.g. "the 19,452 loaded rows").
    /// - Throws: ``PredictError/failedPrecondition(_:)`` naming the city, each such model and its
    ///   label, and the requested models whose labels vary.
    static func refuse(_ kinds: [ModelKind], city: String, table: IncidentTable, rows: some Collection<Int>,
                       rowsName: String) throws(PredictError) {
        var problems: [String] = [], trainable: [ModelKind] = []
        for kind in kinds {
            if let problem = problem(kind, table: table, rows: rows, rowsName: rowsName) {
                problems.append(problem)
            } else {
                trainable.append(kind)
            }
        }
        guard !problems.isEmpty else { return }
        let retry = trainable.isEmpty
            ? "none of the requested models can be trained from this data"
            : "train only " + trainable.map { "\($0.slug) (\($0.name))" }.joined(separator: ", ")
        throw .failedPrecondition("cannot train the models of '\(city)': " + problems.joined(separator: "; ")
                                  + ". A model needs rows of more than one label value to learn from; nothing was trained or replaced; "
                                  + retry)
    }

    private static func problem(_ kind: ModelKind, table: IncidentTable, rows: some Collection<Int>, rowsName: String) -> String? {
        guard let first = rows.first else { return nil }
        if let label = binaryLabel(kind, table: table) {
            let value = label(first)
            guard rows.allSatisfy({ label($0) == value }) else { return nil }
            let name = kind == .property ? "property crime (primary type in \(PropertyCrimes.primaryTypes.sorted().joined(separator: ", ")))" : kind.slug
            return "the \(kind.slug) model's label '\(name)' is \(value) in every one of \(rowsName)"
        }
        guard kind == .crimeType else { return nil }
        let type = table.types[first]
        guard rows.allSatisfy({ table.types[$0] == type }) else { return nil }
        return "the crime-type model's label 'primary type' is '\(table.primaryType(first))' in every one of \(rowsName)"
    }
}

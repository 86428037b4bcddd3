import Foundation

/// Readable names of the category codes ListIncidents returns: the NYPD law categories, the
/// Chicago crime groups, and police.uk crime types (`anti-social-behaviour` → `Anti social behaviour`).
enum CategoryLabels {
    static let known: [String: String] = [
        "F": "Felony", "M": "Misdemeanor", "V": "Violation", "I": "Infraction",
        "violent": "Violent", "property": "Property", "drug": "Drug", "other": "Other",
        "": "Unknown",
    ]

    /// The label of `code`.
    static func label(_ code: String) -> String {
        if let label = known[code] { return label }
        let spaced = code.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ")
        guard let first = spaced.first else { return code }
        return first.uppercased() + spaced.dropFirst()
    }
}

/// The city slugs used in ``IncidentRecord/city`` and ``AreaPolygon/city``.
package enum CitySlug {
    package static let chicago = "chicago"
    package static let nyc = "nyc"
    package static let ukMetropolitan = "uk-metropolitan"
    package static let ukWestYorkshire = "uk-west-yorkshire"

    /// The slug of a police.uk force from its `Falls within` name:
    /// `Metropolitan Police Service` → `uk-metropolitan`, `West Yorkshire Police` → `uk-west-yorkshire`,
    /// `Avon and Somerset Constabulary` → `uk-avon-and-somerset`. `nil` for an empty name.
    static func policeUK(forceName: String) -> String? {
        var name = forceName.trimmingSpaces().lowercased()
        for suffix in [" police service", " constabulary", " police"] where name.hasSuffix(suffix) {
            name.removeLast(suffix.count)
            break
        }
        let words = name.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        guard !words.isEmpty else { return nil }
        return "uk-" + words.joined(separator: "-")
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first == " " || first == "\t" { view.removeFirst() }
        while let last = view.last, last == " " || last == "\t" { view.removeLast() }
        return String(view)
    }
}

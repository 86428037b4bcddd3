/// The cities the ingest service loads, and the wall clock their incident times are in.
///
/// Incident times are stored as the city's local wall-clock time (`timestamp without time zone`);
/// ``timeZone`` names that clock for documentation and for clients that need instants.
package struct IngestCity: Sendable, Hashable {
    /// The slug every row, area and RPC uses: `chicago`, `nyc`, `uk-metropolitan`, `uk-west-yorkshire`.
    package let slug: String

    /// The first-class cities.
    package static let known: [String] = [CitySlug.chicago, CitySlug.nyc, CitySlug.ukMetropolitan, CitySlug.ukWestYorkshire]

    /// A city from its slug: one of ``known``, or any other police.uk force as `uk-<force>`
    /// (lowercase letters, digits and dashes). `nil` otherwise.
    package init?(slug: String) {
        if Self.known.contains(slug) {
            self.slug = slug
            return
        }
        guard slug.hasPrefix("uk-"), slug.count > 3, slug.count <= 64,
              slug.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D })
        else { return nil }
        self.slug = slug
    }

    /// IANA zone of the city's wall clock.
    var timeZone: String {
        switch slug {
        case CitySlug.chicago: "America/Chicago"
        case CitySlug.nyc: "America/New_York"
        default: "Europe/London"
        }
    }

    /// Whether the city is a police.uk force (month-granular, no areas).
    var isPoliceUK: Bool { slug.hasPrefix("uk-") }
}

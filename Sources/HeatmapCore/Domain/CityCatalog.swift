/// The cities the heatmap serves and the wall clock their local times are in.
///
/// Mirrors the ingest service's city rules (by contract, not by import): `chicago`, `nyc`, and
/// police.uk forces as `uk-<force>`. Any other slug is unknown (NOT_FOUND).
enum CityCatalog {
    /// The IANA time zone of a known city, or nil when the slug is not a city.
    static func timeZone(of slug: String) -> String? {
        switch slug {
        case "chicago": return "America/Chicago"
        case "nyc": return "America/New_York"
        default:
            guard isPoliceUKForce(slug) else { return nil }
            return "Europe/London"
        }
    }

    /// A display name for a known city.
    static func displayName(of slug: String) -> String {
        switch slug {
        case "chicago": return "Chicago"
        case "nyc": return "New York City"
        case "uk-metropolitan": return "London (Metropolitan Police)"
        case "uk-west-yorkshire": return "West Yorkshire"
        default:
            let force = slug.dropFirst(3).split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
            return force.joined(separator: " ")
        }
    }

    static func isPoliceUKForce(_ slug: String) -> Bool {
        slug.hasPrefix("uk-") && slug.count > 3 && slug.count <= 64
            && slug.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}

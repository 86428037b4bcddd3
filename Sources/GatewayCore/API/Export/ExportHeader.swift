/// What every export states about itself: the view, the filters as given, the JSON endpoint
/// with the same numbers, and the file name built from them.
struct ExportHeader: Sendable {
    var view: String
    var endpoint: String
    /// The query without `format`, sorted by name (already validated by the view's query type).
    var pairs: [(String, String)]

    init(view: String, endpoint: String, pairs: [(String, String)]) {
        self.view = view
        self.endpoint = endpoint
        self.pairs = pairs.sorted { $0.0 < $1.0 }
    }

    /// `crimescope-heatmap-chicago-primary_type-THEFT-year-2017`: the city first, then each filter;
    /// anything outside `A-Za-z0-9._-` becomes `_`.
    var fileStem: String {
        let city = pairs.first { $0.0 == "city" }?.1 ?? ""
        var parts = ["crimescope", view, city]
        for (name, value) in pairs where name != "city" { parts += [name, value] }
        let stem = parts.filter { !$0.isEmpty }.map(Self.safe).joined(separator: "-")
        return String(stem.prefix(180))
    }

    static func safe(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            let v = scalar.value
            let keep = (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 45 || v == 46 || v == 95
            return keep ? Character(scalar) : "_"
        })
    }

    /// The facts that open every export, then `extra` (the reply's totals, time zone, …).
    func metadata(_ extra: [(String, ExportCell)]) -> [(String, ExportCell)] {
        var out: [(String, ExportCell)] = [
            ("source", .text("CrimeScope: reported incidents from public records; not predictive policing")),
            ("view", .text(view)),
        ]
        for (name, value) in pairs { out.append((name, .text(value))) }
        out += extra
        let query = pairs.map { "\($0.0)=\(Self.percentEncoded($0.1))" }.joined(separator: "&")
        out.append(("api", .text(endpoint + (query.isEmpty ? "" : "?" + query))))
        return out
    }

    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            let unreserved = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == 45 || byte == 46 || byte == 95 || byte == 126
            if unreserved { out.unicodeScalars.append(Unicode.Scalar(byte)) } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out
    }
}

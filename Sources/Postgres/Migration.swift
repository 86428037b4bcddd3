import Foundation

/// One schema change: a version, a name, and the SQL that applies it.
///
/// Files are named `NNNN_snake_case_name.sql` (e.g. `0001_create_incidents.sql`); the number is the
/// version. See ``Migrator`` for how they are applied.
package struct Migration: Sendable, Hashable {
    /// The ordering key, unique and positive.
    package var version: Int
    /// The descriptive part of the file name.
    package var name: String
    /// The statements, run with the simple protocol inside one transaction.
    package var sql: String

    package init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Reads every `*.sql` file of `directory`, sorted by version. Other files are ignored.
    /// Throws a ``PostgresError/Kind/migration`` error for a `.sql` file not named
    /// `<digits>_<lowercase snake name>.sql`, a version of 0, or two files with the same version.
    package static func load(directory: URL) throws -> [Migration] {
        let fileNames = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        var byVersion: [Int: Migration] = [:]
        for fileName in fileNames.sorted() where fileName.hasSuffix(".sql") {
            guard let (version, name) = parse(fileName: fileName) else {
                throw PostgresError(
                    kind: .migration,
                    message: "bad migration file name \"\(fileName)\" in \(directory.path)",
                    hint: "name migrations like 0001_create_things.sql (digits, underscore, lowercase snake_case)"
                )
            }
            if let existing = byVersion[version] {
                throw PostgresError(
                    kind: .migration,
                    message: "duplicate migration version \(version): \(existing.name) and \(name) in \(directory.path)",
                    migrationVersion: version
                )
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(fileName), encoding: .utf8)
            byVersion[version] = Migration(version: version, name: name, sql: sql)
        }
        return byVersion.values.sorted { $0.version < $1.version }
    }

    /// `0001_create_things.sql` → (1, "create_things"); `nil` for any other shape.
    static func parse(fileName: String) -> (version: Int, name: String)? {
        let stem = fileName.dropLast(".sql".count)
        guard let underscore = stem.firstIndex(of: "_") else { return nil }
        let digits = stem[..<underscore]
        let name = stem[stem.index(after: underscore)...]
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCIIDigitCharacter),
              let version = Int(digits), version > 0,
              let first = name.first, first.isLowercaseASCIILetter,
              name.allSatisfy({ $0.isLowercaseASCIILetter || $0.isASCIIDigitCharacter || $0 == "_" })
        else { return nil }
        return (version, String(name))
    }
}

extension Character {
    var isASCIIDigitCharacter: Bool { ("0"..."9").contains(self) }
    var isLowercaseASCIILetter: Bool { ("a"..."z").contains(self) }
}

/// The police.uk key and duplicate policy, per file.
///
/// - A row with a `Crime ID` is keyed by it. A later row with the same `Crime ID` and byte-identical
///   text is a ``DuplicateRow`` (counted, not a record). A later row with the same `Crime ID` but
///   different text (another outcome, another snap point) is kept as a record keyed
///   `<Crime ID>#sha1:<hex of its text>`, so neither version is lost and the key stays stable.
/// - A row without `Crime ID` (all rows before Dec 2011; anti-social behaviour) is keyed
///   `sha1:<hex of its text>`. Identical such rows are *kept*: police.uk anonymises location to a
///   snap point and time to a month, so two burglaries on one street in one month are identical
///   lines yet two crimes. The n-th repetition (n ≥ 2) gets the key `sha1:<hex>#<n>`.
///
/// Memory: one entry per distinct Crime ID / key-less text of the file being parsed.
struct PoliceUKRowKeys {
    enum Outcome {
        case key(String)
        case duplicate(of: (line: Int, key: String))
    }

    private var versionsByCrimeID: [String: [(digest: SHA1Digest, line: Int, key: String)]] = [:]
    private var occurrencesByDigest: [SHA1Digest: Int] = [:]

    mutating func key(crimeID: String?, rawText: UnsafeBufferPointer<UInt8>, line: Int) -> Outcome {
        let digest = SHA1Digest.hash(rawText)
        guard let crimeID else {
            let occurrence = occurrencesByDigest[digest, default: 0] + 1
            occurrencesByDigest[digest] = occurrence
            return .key(occurrence == 1 ? "sha1:\(digest)" : "sha1:\(digest)#\(occurrence)")
        }
        guard let versions = versionsByCrimeID[crimeID] else {
            versionsByCrimeID[crimeID] = [(digest, line, crimeID)]
            return .key(crimeID)
        }
        if let same = versions.first(where: { $0.digest == digest }) {
            return .duplicate(of: (same.line, same.key))
        }
        let key = "\(crimeID)#sha1:\(digest)"
        versionsByCrimeID[crimeID, default: []].append((digest, line, key))
        return .key(key)
    }
}

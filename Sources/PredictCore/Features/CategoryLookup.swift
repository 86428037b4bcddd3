/// How a categorical input given in a request reads against a training vocabulary.
enum CategoryLookup: Sendable, Equatable {
    /// Not given: missing.
    case notGiven
    /// Given, and the training window saw it (as this exact training value).
    case seen(String)
    /// Given, but the training window never saw it: missing, and reported.
    case unseen(String)
}

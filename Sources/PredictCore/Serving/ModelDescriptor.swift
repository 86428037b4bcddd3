/// What a model needs besides its trees to answer a request: stored as JSON next to the
/// XGBoost JSON so that serving reproduces the training encoding.
public struct ModelDescriptor: Sendable, Codable, Equatable {
    /// The feature vocabularies and columns.
    public var encoding: FeatureEncoding
    /// The crime-type model's class labels (index = class); empty for binary models.
    public var classes: [String]
    /// How many boosting rounds the model kept (the best validation round).
    public var rounds: Int

    public init(encoding: FeatureEncoding, classes: [String], rounds: Int) {
        self.encoding = encoding
        self.classes = classes
        self.rounds = rounds
    }
}

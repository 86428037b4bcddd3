/// What a model needs besides its trees to answer a request: stored as JSON next to the
/// XGBoost JSON so that serving reproduces the training encoding.
package struct ModelDescriptor: Sendable, Codable, Equatable {
    /// The feature vocabularies and columns.
    package var encoding: FeatureEncoding
    /// The crime-type model's class labels (index = class); empty for binary models.
    package var classes: [String]
    /// How many boosting rounds the model kept (the best validation round).
    package var rounds: Int

    package init(encoding: FeatureEncoding, classes: [String], rounds: Int) {
        self.encoding = encoding
        self.classes = classes
        self.rounds = rounds
    }
}

import Contracts

/// `{"base_value", "margin", "contributions": [{"feature", "value", "contribution"}]}`: SHAP
/// contributions to the model's margin (log-odds for yes/no models), largest first.
struct ExplanationJSON: Codable, Sendable, Equatable {
    /// One feature's contribution.
    struct ContributionJSON: Codable, Sendable, Equatable {
        var feature: String
        /// The feature's value as shown to a person.
        var value: String
        var contribution: Double
    }

    var baseValue: Double
    /// `base_value` plus every contribution (not only those listed).
    var margin: Double
    var contributions: [ContributionJSON]

    init?(_ explanation: Explanation?) {
        guard let explanation else { return nil }
        baseValue = explanation.baseValue
        margin = explanation.margin
        contributions = explanation.contributions.map {
            ContributionJSON(feature: $0.feature, value: $0.value, contribution: $0.contribution)
        }
    }
}

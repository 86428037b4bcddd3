import Contracts

/// `GET /api/v1/predict`: each model's answer for an incident's time and place, with the
/// factors behind it. Probabilities describe reported incidents, never people.
struct PredictJSON: Codable, Sendable, Equatable {
    /// One model's answer.
    struct AnswerJSON: Codable, Sendable, Equatable {
        /// `arrest`, `domestic`, `property`, `crime_type`.
        var kind: String
        var modelVersion: String
        /// The yes/no models' probability; for `crime_type`, its most likely type's.
        var probability: Double
        /// `crime_type`: the most likely types first.
        var topClasses: [ClassJSON]
        var explanation: ExplanationJSON?
        /// Inputs given and used as values (`area`, `hour`, `day_of_week`, `month`,
        /// `location_description`, `primary_type`, `position`).
        var inputsUsed: [String]
        /// Optional inputs not given: read as missing, the answer is over every value they take.
        var inputsMissing: [String]
        /// Inputs given with a value the training window never saw: read as missing too.
        var inputsUnseen: [String]
        /// Inputs not given that the beat's training profile supplied (`district`, `community_area`, `position`).
        var inputsFilled: [String]
    }

    /// One class and its probability.
    struct ClassJSON: Codable, Sendable, Equatable {
        var label: String
        var probability: Double
    }

    var city: String
    var area: String
    var answers: [AnswerJSON]

    init(query: PredictQuery, response: PredictResponse) {
        city = query.request.context?.city ?? ""
        area = query.request.context?.area ?? ""
        answers = response.answers.map { answer in
            AnswerJSON(kind: ModelKindName.name(answer.kind), modelVersion: answer.modelVersion, probability: answer.probability,
                       topClasses: answer.topClasses.map { ClassJSON(label: $0.label, probability: $0.probability) },
                       explanation: ExplanationJSON(answer.explanation), inputsUsed: answer.inputsUsed,
                       inputsMissing: answer.inputsMissing, inputsUnseen: answer.inputsUnseen, inputsFilled: answer.inputsFilled)
        }
    }
}

import Contracts

/// `GET /api/v1/predict`: each model's answer for an incident's time and place, with the
/// factors behind it. Probabilities describe reported incidents, never people.
public struct PredictJSON: Codable, Sendable, Equatable {
    /// One model's answer.
    public struct AnswerJSON: Codable, Sendable, Equatable {
        /// `arrest`, `domestic`, `property`, `crime_type`.
        public var kind: String
        public var modelVersion: String
        /// The yes/no models' probability; for `crime_type`, its most likely type's.
        public var probability: Double
        /// `crime_type`: the most likely types first.
        public var topClasses: [ClassJSON]
        public var explanation: ExplanationJSON?
    }

    /// One class and its probability.
    public struct ClassJSON: Codable, Sendable, Equatable {
        public var label: String
        public var probability: Double
    }

    public var city: String
    public var area: String
    public var answers: [AnswerJSON]

    public init(query: PredictQuery, response: PredictResponse) {
        city = query.request.context?.city ?? ""
        area = query.request.context?.area ?? ""
        answers = response.answers.map { answer in
            AnswerJSON(kind: ModelKindName.name(answer.kind), modelVersion: answer.modelVersion, probability: answer.probability,
                       topClasses: answer.topClasses.map { ClassJSON(label: $0.label, probability: $0.probability) },
                       explanation: ExplanationJSON(answer.explanation))
        }
    }
}

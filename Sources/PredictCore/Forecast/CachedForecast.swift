/// One row of the predictions cache (`predict.predictions`): an area's forecast for one week.
public struct CachedForecast: Sendable, Equatable {
    public var area: String
    public var crimeGroup: String
    /// The week forecast: the window is [Monday, next Monday).
    public var week: ForecastWeek
    public var weeksAhead: Int
    public var modelVersion: String
    public var predictedCount: Double
    /// NULL for the count forecast.
    public var probability: Double?
    /// The SHAP attributions (log-count): bias, per-feature contributions, margin.
    public var shap: CachedShap

    public init(area: String, crimeGroup: String, week: ForecastWeek, weeksAhead: Int, modelVersion: String,
                predictedCount: Double, probability: Double? = nil, shap: CachedShap) {
        self.area = area
        self.crimeGroup = crimeGroup
        self.week = week
        self.weeksAhead = weeksAhead
        self.modelVersion = modelVersion
        self.predictedCount = predictedCount
        self.probability = probability
        self.shap = shap
    }
}

/// The `shap` jsonb of a cached prediction.
public struct CachedShap: Codable, Sendable, Equatable {
    public struct Item: Codable, Sendable, Equatable {
        public var feature: String
        public var value: String
        public var contribution: Double

        public init(feature: String, value: String, contribution: Double) {
            self.feature = feature
            self.value = value
            self.contribution = contribution
        }
    }

    public var baseValue: Double
    public var margin: Double
    public var contributions: [Item]

    enum CodingKeys: String, CodingKey {
        case baseValue = "base_value", margin, contributions
    }

    public init(baseValue: Double, margin: Double, contributions: [Item]) {
        self.baseValue = baseValue
        self.margin = margin
        self.contributions = contributions
    }
}

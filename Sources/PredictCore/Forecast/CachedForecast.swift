/// One row of the predictions cache (`predict.predictions`): an area's forecast for one week.
package struct CachedForecast: Sendable, Equatable {
    package var area: String
    package var crimeGroup: String
    /// The week forecast: the window is [Monday, next Monday).
    package var week: ForecastWeek
    package var weeksAhead: Int
    package var modelVersion: String
    package var predictedCount: Double
    /// NULL for the count forecast.
    package var probability: Double?
    /// The SHAP attributions (log-count): bias, per-feature contributions, margin.
    package var shap: CachedShap

    package init(area: String, crimeGroup: String, week: ForecastWeek, weeksAhead: Int, modelVersion: String,
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
package struct CachedShap: Codable, Sendable, Equatable {
    package struct Item: Codable, Sendable, Equatable {
        package var feature: String
        package var value: String
        package var contribution: Double

        package init(feature: String, value: String, contribution: Double) {
            self.feature = feature
            self.value = value
            self.contribution = contribution
        }
    }

    package var baseValue: Double
    package var margin: Double
    package var contributions: [Item]

    enum CodingKeys: String, CodingKey {
        case baseValue = "base_value", margin, contributions
    }

    package init(baseValue: Double, margin: Double, contributions: [Item]) {
        self.baseValue = baseValue
        self.margin = margin
        self.contributions = contributions
    }
}

import Contracts

/// Trains the weekly forecast from a ``ForecastSource/Snapshot`` and evaluates it on the held-out
/// test weeks against the honest baseline.
///
/// Direct models: one `count:poisson` booster per horizon 1–4, each trained on every
/// (area, crime group, target week) of the training window (all groups and their sum, with
/// `crime_group` a feature), early-stopped on the validation window's Poisson log-likelihood, and
/// scored on the test window for the sum of all groups (what the map shows): hit rate, PAI and
/// PEI (horizon 1) and MAE (every horizon, `mae_h2` …). The served model is the one evaluated.
public enum ForecastTrainer {
    /// Booster settings. Depth 4 and eta 0.3 keep the model small (35–50 trees on Chicago 2017):
    /// exact TreeSHAP for every beat then costs ~20 ms instead of ~130 ms with depth 5 / eta 0.1
    /// (~95 trees) at the same test scores. One thread: on a busy 2-core machine OpenMP with two
    /// threads made training 8x slower (115 s against 14.5 s).
    public struct Settings: Sendable {
        public var maxRounds = 300
        public var earlyStoppingRounds = 20
        public var maxDepth = 4
        public var eta = 0.3
        public var threads = 1
        /// Target weeks before this many history weeks are not used (lag 4 needs 4, horizon 4 adds 3).
        public var firstTarget = ForecastFeatures.minimumHistory - 1 + ForecastModel.maxWeeksAhead

        public init() {}
    }

    /// A trained forecast and its boosters' JSON (index `weeksAhead - 1`).
    public struct Outcome: Sendable {
        public let model: ForecastModel
        public let boosterJSON: [[UInt8]]
    }

    /// Trains and evaluates; `progress` receives a phase and a fraction done (0–1).
    /// - Throws: FAILED_PRECONDITION (as an RPCError) when the data is too short to split.
    public static func train(
        city: String, version: String, snapshot: ForecastSource.Snapshot, settings: Settings = Settings(),
        progress: @Sendable (String, Double) -> Void = { _, _ in }
    ) throws -> Outcome {
        let panel = snapshot.panel
        let split = ForecastSplit(panel: panel, firstTarget: settings.firstTarget)
        guard panel.weekCount >= 20, split.train.count >= 4, !split.validation.isEmpty, !split.test.isEmpty else {
            throw ForecastTrainingError.tooShort(weeks: panel.weekCount)
        }
        let neighbours = BeatNeighbours(centroids: snapshot.centroids)
        let builder = ForecastFeatures(panel: panel, neighbours: neighbours)
        let allGroups = Array(panel.groups.indices)
        var boosters: [XGBoostBooster] = [], json: [[UInt8]] = []
        var evaluation = ForecastEvaluation()
        var metrics: [String: Double] = [:]
        var importances: [FeatureImportance] = []
        let columns = ForecastFeatures.names.count
        for horizon in 1...ForecastModel.maxWeeksAhead {
            let done = Double(horizon - 1) / Double(ForecastModel.maxWeeksAhead)
            progress("forecast: features, \(horizon) week(s) ahead", done)
            let train = ForecastDataset(features: builder, targets: split.train, horizon: horizon, groups: allGroups)
            let validation = ForecastDataset(features: builder, targets: split.validation, horizon: horizon, groups: allGroups)
            // Boosting starts from the training mean (base_score is in count space for Poisson).
            let mean = train.labels.isEmpty ? 1 : max(0.01, train.labels.reduce(0, +) / Float(train.labels.count))
            let plan = XGBoostTrainingPlan(
                objective: .countPoisson,
                parameters: [("base_score", String(mean)), ("tree_method", "hist"), ("max_depth", String(settings.maxDepth)), ("eta", String(settings.eta)),
                             ("min_child_weight", "5"), ("max_cat_to_onehot", "1"), ("nthread", String(settings.threads)),
                             ("seed", "7")],
                maxRounds: settings.maxRounds, earlyStoppingRounds: settings.earlyStoppingRounds)
            let trained = try XGBoostTrainer.train(
                plan, train: try XGBoostMatrix.typed(values: train.features, rows: train.rowCount, types: ForecastFeatures.types, labels: train.labels),
                validation: try XGBoostMatrix.typed(values: validation.features, rows: validation.rowCount, types: ForecastFeatures.types,
                                                    labels: validation.labels)
            ) { round in
                progress("forecast: boosting \(horizon) week(s) ahead", done + Double(round.round + 1) / Double(round.maxRounds) / 4)
            }
            if horizon == 1 {
                let gains = try trained.booster.featureImportance("total_gain", featureCount: columns)
                let total = gains.reduce(0, +)
                importances = zip(ForecastFeatures.names, gains).map { FeatureImportance(feature: $0, importance: total > 0 ? $1 / total : 0) }
                    .sorted { $0.importance > $1.importance }
                metrics["train_rows"] = Double(train.rowCount)
                metrics["rounds"] = Double(trained.rounds)
            } else {
                let test = ForecastDataset(features: builder, targets: split.test, horizon: horizon, groups: [0])
                let predicted = try trained.booster.predict(try XGBoostMatrix.typed(values: test.features, rows: test.rowCount,
                                                                                    types: ForecastFeatures.types)).values.map(Double.init)
                var absolute = 0.0, baselineAbsolute = 0.0
                for row in 0..<test.rowCount {
                    absolute += abs(predicted[row] - Double(test.labels[row]))
                    baselineAbsolute += abs(test.baseline[row] - Double(test.labels[row]))
                }
                metrics["mae_h\(horizon)"] = test.rowCount > 0 ? absolute / Double(test.rowCount) : 0
                metrics["baseline_mae_h\(horizon)"] = test.rowCount > 0 ? baselineAbsolute / Double(test.rowCount) : 0
                metrics["rounds_h\(horizon)"] = Double(trained.rounds)
            }
            let serving = try XGBoostBooster(json: try trained.booster.saveJSON(), parameters: [("nthread", "1")])
            boosters.append(serving)
            json.append(try serving.saveJSON())
        }
        // Horizon 1 is scored through the serving path (the saved boosters, SHAP margins), so the
        // numbers are exactly what Forecast answers for those weeks.
        var model = ForecastModel(city: city, version: version, areas: panel.areas, groups: panel.groups, neighbours: neighbours.neighbours,
                                  firstWeek: panel.firstWeek, lastWeek: panel.lastWeek, boosters: boosters, metrics: ModelMetrics())
        progress("forecast: scoring the test weeks", 1)
        for target in split.test where builder.hasHistory(target: target, horizon: 1) {
            let forecasts = try model.forecast(panel: panel, group: 0, target: target, weeksAhead: 1)
            evaluation.add(actual: panel.areas.indices.map { panel.count(group: 0, area: $0, week: target) },
                           model: forecasts.map(\.expectedCount),
                           baseline: panel.areas.indices.map { builder.mean(group: 0, area: $0, origin: target - 1, span: 4) },
                           areaKm2: snapshot.areaKm2)
        }
        metrics.merge(evaluation.metrics) { _, new in new }
        metrics["areas"] = Double(panel.areas.count)
        let windows = split.windows(in: panel)
        model.metrics = ModelMetrics(
            kind: .beatForecast, modelVersion: version, trainWindow: windows.train, validationWindow: windows.validation,
            testWindow: windows.test, metrics: metrics, importances: importances,
            paiCurve: evaluation.paiCurve, baselinePAICurve: evaluation.baselinePAICurve)
        progress("forecast: trained", 1)
        return Outcome(model: model, boosterJSON: json)
    }
}

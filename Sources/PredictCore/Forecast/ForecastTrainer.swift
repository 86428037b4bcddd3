import Contracts
import Wire

/// Trains the weekly forecast from a ``ForecastSource/Snapshot`` and evaluates it on the held-out
/// test weeks against the strongest simple rule.
///
/// Direct models: one `count:poisson` booster per horizon 1–4, each trained on every
/// (area, crime group, target week) of the training window (all groups and their sum, with
/// `crime_group` a feature), early-stopped on the validation window's Poisson log-likelihood, and
/// scored on the test window for the sum of all groups (what the map shows): hit rate, PAI and
/// PEI (horizon 1) with bootstrap intervals and MAE (every horizon, `mae_h2` …). The served model
/// is the one evaluated. The baseline is chosen among ``BaselineRule``s on the validation weeks
/// only (mean PAI at 10 % of the area, 1 week ahead), so the test weeks judge it as they judge the model.
package enum ForecastTrainer {
    /// Booster settings. Depth 4 and eta 0.3 keep the model small, so exact TreeSHAP for every
    /// beat stays cheap at the test scores of deeper, slower-learning trees. One thread: OpenMP
    /// with two threads is far slower on a busy 2-core machine (docs/BENCHMARKS.md, Forecast).
    package struct Settings: Sendable {
        var maxRounds = 300
        var earlyStoppingRounds = 20
        var maxDepth = 4
        package var eta = 0.3
        package var threads = 1
        /// Target weeks before this many history weeks are not used (lag 4 needs 4, horizon 4 adds 3).
        var firstTarget = ForecastFeatures.minimumHistory - 1 + ForecastModel.maxWeeksAhead
        /// Training targets before this calendar year are left out (nil: every week loaded). The
        /// features still read the weeks before it.
        package var trainFromYear: Int64?
        /// Features read as missing everywhere (experiments with `predict evaluate-forecast`; a
        /// model trained with any is never saved, since serving reads every feature).
        package var excludedFeatures: Set<String> = []

        package init() {}
    }

    /// A trained forecast and its boosters' JSON (index `weeksAhead - 1`).
    package struct Outcome: Sendable {
        package let model: ForecastModel
        let boosterJSON: [[UInt8]]
    }

    /// The selection metric: mean PAI at this share of the area, 1 week ahead.
    static let selectionShare = 0.10

    /// Trains and evaluates; `progress` receives a phase and a fraction done (0–1).
    /// - Throws: FAILED_PRECONDITION (as an RPCError) when the data is too short to split.
    package static func train(
        city: String, version: String, snapshot: ForecastSource.Snapshot, settings: Settings = Settings(),
        progress: @Sendable (String, Double) -> Void = { _, _ in }
    ) throws -> Outcome {
        let panel = snapshot.panel
        let split = ForecastSplit(panel: panel, firstTarget: settings.firstTarget)
        let trainTargets = settings.trainFromYear.map { year in
            (split.train.first { panel.week(at: $0).date.year >= year } ?? split.train.upperBound)..<split.train.upperBound
        } ?? split.train
        guard panel.weekCount >= 20, trainTargets.count >= 4, !split.validation.isEmpty, !split.test.isEmpty else {
            throw ForecastTrainingError.tooShort(weeks: panel.weekCount)
        }
        let neighbours = BeatNeighbours(centroids: snapshot.centroids)
        let builder = ForecastFeatures(panel: panel, neighbours: neighbours)
        let masked = Set(settings.excludedFeatures.compactMap { ForecastFeatures.names.firstIndex(of: $0) })
        let allGroups = Array(panel.groups.indices)
        var boosters: [XGBoostBooster] = [], json: [[UInt8]] = []
        var metrics: [String: Double] = [:]
        var importances: [FeatureImportance] = []
        let columns = ForecastFeatures.names.count

        // The baseline: the rule with the best validation PAI.
        progress("forecast: choosing the baseline on the validation weeks", 0)
        var bestRule = BaselineRule.mean4, bestPAI = -Double.infinity
        for rule in BaselineRule.allCases {
            let pai = meanPAI(panel: panel, areaKm2: snapshot.areaKm2, targets: split.validation) { target in
                panel.areas.indices.map { rule.predict(builder, group: 0, area: $0, target: target, horizon: 1) }
            }
            metrics["validation_pai_10_\(rule.rawValue)"] = pai
            let test = meanPAI(panel: panel, areaKm2: snapshot.areaKm2, targets: split.test) { target in
                panel.areas.indices.map { rule.predict(builder, group: 0, area: $0, target: target, horizon: 1) }
            }
            metrics["test_pai_10_\(rule.rawValue)"] = test
            if pai > bestPAI { bestRule = rule; bestPAI = pai }
        }
        metrics["baseline_rule"] = Double(bestRule.index)
        let baseline = { (group: Int, area: Int, target: Int, horizon: Int) in
            bestRule.predict(builder, group: group, area: area, target: target, horizon: horizon)
        }

        for horizon in 1...ForecastModel.maxWeeksAhead {
            let done = Double(horizon - 1) / Double(ForecastModel.maxWeeksAhead)
            progress("forecast: features, \(horizon) week(s) ahead", done)
            var train = ForecastDataset(features: builder, targets: trainTargets, horizon: horizon, groups: allGroups)
            var validation = ForecastDataset(features: builder, targets: split.validation, horizon: horizon, groups: allGroups)
            train.mask(columns: masked)
            validation.mask(columns: masked)
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
            let serving = try XGBoostBooster(json: try trained.booster.saveJSON(), parameters: [("nthread", "1")])
            if horizon == 1 {
                let gains = try trained.booster.featureImportance("total_gain", featureCount: columns)
                let total = gains.reduce(0, +)
                importances = zip(ForecastFeatures.names, gains).map { FeatureImportance(feature: $0, importance: total > 0 ? $1 / total : 0) }
                    .sorted { $0.importance > $1.importance }
                metrics["train_rows"] = Double(train.rowCount)
                metrics["rounds"] = Double(trained.rounds)
                metrics["validation_pai_10"] = try meanPAI(panel: panel, areaKm2: snapshot.areaKm2, targets: split.validation) { target in
                    try predictAll(serving, builder: builder, masked: masked, target: target, horizon: 1)
                }
                // The per-type alternative: all groups as the sum of each group's forecast.
                let sumOfGroups = { (target: Int) throws -> [Double] in
                    var total = [Double](repeating: 0, count: panel.areas.count)
                    for group in allGroups.dropFirst() {
                        for (area, value) in try predictAll(serving, builder: builder, masked: masked, target: target, horizon: 1, group: group).enumerated() {
                            total[area] += value
                        }
                    }
                    return total
                }
                metrics["sum_of_groups_validation_pai_10"] = try meanPAI(panel: panel, areaKm2: snapshot.areaKm2, targets: split.validation, scores: sumOfGroups)
                metrics["sum_of_groups_test_pai_10"] = try meanPAI(panel: panel, areaKm2: snapshot.areaKm2, targets: split.test, scores: sumOfGroups)
            } else {
                var absolute = 0.0, baselineAbsolute = 0.0, cells = 0
                for target in split.test where builder.hasHistory(target: target, horizon: horizon) {
                    let predicted = try predictAll(serving, builder: builder, masked: masked, target: target, horizon: horizon)
                    for area in panel.areas.indices {
                        let actual = panel.count(group: 0, area: area, week: target)
                        absolute += abs(predicted[area] - actual)
                        baselineAbsolute += abs(baseline(0, area, target, horizon) - actual)
                        cells += 1
                    }
                }
                metrics["mae_h\(horizon)"] = cells > 0 ? absolute / Double(cells) : 0
                metrics["baseline_mae_h\(horizon)"] = cells > 0 ? baselineAbsolute / Double(cells) : 0
                metrics["rounds_h\(horizon)"] = Double(trained.rounds)
            }
            boosters.append(serving)
            json.append(try serving.saveJSON())
        }
        // Horizon 1 is scored through the serving path (the saved boosters, SHAP margins), so the
        // numbers are exactly what Forecast answers for those weeks.
        var model = ForecastModel(city: city, version: version, areas: panel.areas, groups: panel.groups, neighbours: neighbours.neighbours,
                                  firstWeek: panel.firstWeek, lastWeek: panel.lastWeek, boosters: boosters, metrics: ModelMetrics())
        progress("forecast: scoring the test weeks", 1)
        var evaluation = ForecastEvaluation()
        for target in split.test where builder.hasHistory(target: target, horizon: 1) {
            let forecasts = masked.isEmpty
                ? try model.forecast(panel: panel, group: 0, target: target, weeksAhead: 1).map(\.expectedCount)
                : try predictAll(boosters[0], builder: builder, masked: masked, target: target, horizon: 1)
            evaluation.add(actual: panel.areas.indices.map { panel.count(group: 0, area: $0, week: target) },
                           model: forecasts,
                           baseline: panel.areas.indices.map { baseline(0, $0, target, 1) },
                           areaKm2: snapshot.areaKm2)
        }
        metrics.merge(evaluation.metrics) { _, new in new }
        metrics["areas"] = Double(panel.areas.count)
        let windows = split.windows(in: panel)
        let trainWindow = trainTargets == split.train ? windows.train
            : "\(ForecastSplit.window(trainTargets, in: panel)) (\(trainTargets.count) target weeks, from \(settings.trainFromYear ?? 0))"
        model.metrics = ModelMetrics(
            kind: .beatForecast, modelVersion: version, trainWindow: trainWindow, validationWindow: windows.validation,
            testWindow: windows.test, metrics: metrics, importances: importances,
            paiCurve: evaluation.paiCurve, baselinePAICurve: evaluation.baselinePAICurve)
        progress("forecast: trained", 1)
        return Outcome(model: model, boosterJSON: json)
    }

    /// Every area's expected count of `group` (default: all groups) for `target` (plain prediction, no SHAP).
    static func predictAll(_ booster: XGBoostBooster, builder: ForecastFeatures, masked: Set<Int>, target: Int, horizon: Int,
                           group: Int = 0) throws -> [Double] {
        var rows = ForecastDataset(features: builder, targets: target..<(target + 1), horizon: horizon, groups: [group])
        rows.mask(columns: masked)
        let matrix = try XGBoostMatrix.typed(values: rows.features, rows: rows.rowCount, types: ForecastFeatures.types)
        return try booster.predict(matrix).values.map(Double.init)
    }

    /// The mean PAI at ``selectionShare`` over the weeks of `targets` with incidents, ranking by `scores`.
    static func meanPAI(panel: WeeklyPanel, areaKm2: [Double], targets: Range<Int>, scores: (Int) throws -> [Double]) rethrows -> Double {
        var sum = 0.0, weeks = 0
        for target in targets where target >= ForecastFeatures.minimumHistory {
            let flagging = HotspotFlagging(actual: panel.areas.indices.map { panel.count(group: 0, area: $0, week: target) }, areaKm2: areaKm2)
            if let score = flagging.score(by: try scores(target), share: selectionShare) {
                sum += score.pai
                weeks += 1
            }
        }
        return weeks > 0 ? sum / Double(weeks) : 0
    }
}

/// Why the forecast cannot be trained.
enum ForecastTrainingError: Error, Sendable, Equatable, RPCErrorConvertible {
    /// Too few weeks to train, validate and test.
    case tooShort(weeks: Int)

    var rpcError: RPCError {
        switch self {
        case .tooShort(let weeks):
            RPCError(.failedPrecondition, "the forecast needs at least 20 whole weeks of data to train, validate and test; there are \(weeks)")
        }
    }
}

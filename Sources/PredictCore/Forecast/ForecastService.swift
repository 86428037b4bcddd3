import Contracts
import ServiceKit
import Foundation
import Logging
import Wire

/// Serves and trains the weekly beat forecast: holds each city's current model and the weekly
/// series it forecasts from (fetched from the heatmap's GetSeries, kept for
/// ``panelLifetime`` so a request costs no RPC), answers Forecast, and trains in the background
/// while the current model keeps serving.
package actor ForecastService {
    /// How long a fetched panel is used before the next request fetches it again.
    static let panelLifetime: Duration = .seconds(300)
    /// How often (at most) a request checks the database for a forecast saved elsewhere (another
    /// replica, `predict train-forecast`).
    let modelCheckInterval: Duration

    let source: ForecastSource
    let store: ForecastStore
    let logger: Logger
    private var models: [String: ForecastModel] = [:]
    private var panels: [String: (panel: WeeklyPanel, version: String, fetched: ContinuousClock.Instant)] = [:]
    private var modelsChecked = ContinuousClock.now
    /// Forecasts already computed for the served models and panels (they are deterministic).
    private var computed = ForecastMemo()

    package init(source: ForecastSource, store: ForecastStore, logger: Logger, modelCheckInterval: Duration = .seconds(30)) {
        self.source = source
        self.store = store
        self.logger = logger
        self.modelCheckInterval = modelCheckInterval
    }

    /// Loads every city's current model from the database.
    func load() async throws {
        for model in try await store.currentModels() { models[model.city] = model }
        modelsChecked = .now
    }

    /// Reloads the models when the database's current versions differ from those served (at most
    /// every ``modelCheckInterval``; a failed check is logged and the served models kept).
    private func reloadIfChanged() async {
        guard modelsChecked.duration(to: .now) >= modelCheckInterval else { return }
        modelsChecked = .now
        do {
            let versions = try await store.currentVersions()
            if versions != models.mapValues(\.version) { try await load() }
        } catch {
            logger.warning("could not check for new forecast models: \(error)")
        }
    }

    /// The current model of `city`, if one was trained.
    package func model(city: String) -> ForecastModel? { models[city] }

    /// The current model's metrics (kind MODEL_KIND_BEAT_FORECAST) for GetModelMetrics.
    package func metrics(city: String) -> ModelMetrics? { models[city]?.metrics }

    /// Fetches the city's series and shapes, trains and evaluates (on its own thread, off the
    /// cooperative pool), saves the model as current, serves it, and caches its forecasts for the four weeks
    /// after the data. The previous model serves until the new one is saved.
    package nonisolated func train(city: String, settings: ForecastTrainer.Settings = ForecastTrainer.Settings(),
                                  progress: @escaping @Sendable (String, Double) -> Void = { _, _ in }) async throws -> ForecastModel {
        progress("forecast: fetching weekly series from the heatmap", 0)
        let snapshot = try await source.snapshot(city: city)
        let outcome = try await BlockingThread.run {
            try ForecastTrainer.train(city: city, version: "", snapshot: snapshot, settings: settings, progress: progress)
        }
        let model = try await store.saveAsCurrent(outcome)
        await install(model, panel: snapshot.panel)
        progress("forecast: caching the next \(ForecastModel.maxWeeksAhead) weeks", 1)
        try await cacheUpcoming(model: model, panel: snapshot.panel)
        progress("done", 1)
        logger.info("trained forecast \(model.version) for \(city): \(model.metrics.metrics["pai_10"] ?? 0) PAI@10% vs baseline \(model.metrics.metrics["baseline_pai_10"] ?? 0)")
        return model
    }

    private func install(_ model: ForecastModel, panel: WeeklyPanel) {
        models[model.city] = model
        panels[model.city] = (panel, model.version, .now)
        computed.removeAll(city: model.city)
    }

    /// Writes the forecasts of the weeks 1–4 past the data, every group, into the predictions cache.
    private func cacheUpcoming(model: ForecastModel, panel: WeeklyPanel) async throws {
        for weeksAhead in 1...ForecastModel.maxWeeksAhead {
            let target = panel.weekCount - 1 + weeksAhead
            var rows: [CachedForecast] = []
            for group in model.groups.indices {
                for result in try model.forecast(panel: panel, group: group, target: target, weeksAhead: weeksAhead) {
                    rows.append(CachedForecast(
                        area: result.area, crimeGroup: model.groups[group], week: panel.week(at: target), weeksAhead: weeksAhead,
                        modelVersion: model.version, predictedCount: result.expectedCount,
                        shap: CachedShap(baseValue: result.baseValue, margin: result.margin, contributions: result.contributions.map {
                            CachedShap.Item(feature: $0.feature, value: $0.value, contribution: $0.contribution)
                        })))
                }
            }
            try await store.cache(rows, city: model.city)
        }
    }

    /// The Forecast RPC: every area's expected count for the requested week with SHAP.
    ///
    /// `week_start` empty: the week `weeks_ahead` (default 1) after the data's last whole week.
    /// Given: that week, forecast from `weeks_ahead` weeks before it (default: from the data's last
    /// week when the week lies 1–4 weeks past it, else from the week before: a backtest).
    /// - Throws: NOT_FOUND for a city the heatmap does not serve; FAILED_PRECONDITION when the
    ///   city has no forecast model; INVALID_ARGUMENT for a bad week, horizon, group or count.
    package func forecast(_ request: ForecastRequest) async throws -> ForecastResponse {
        await reloadIfChanged()
        guard let model = models[request.city] else {
            _ = try await source.weeks(city: request.city)
            throw RPCError(.failedPrecondition,
                           "no forecast model for \(request.city) yet: train one (Train with MODEL_KIND_BEAT_FORECAST)")
        }
        let groupName = request.crimeGroup.isEmpty ? WeeklyPanel.allGroups : request.crimeGroup
        guard let group = model.groups.firstIndex(of: groupName) else {
            throw RPCError(.invalidArgument, "crime_group '\(request.crimeGroup)' is not one of: \(model.groups.joined(separator: ", "))")
        }
        guard (0...ForecastModel.maxWeeksAhead).contains(Int(request.weeksAhead)) else {
            throw RPCError(.invalidArgument, "weeks_ahead must be 1-\(ForecastModel.maxWeeksAhead) (0 = default), got \(request.weeksAhead)")
        }
        guard request.topContributions >= 0 else {
            throw RPCError(.invalidArgument, "top_contributions must be ≥ 0 (0 = all), got \(request.topContributions)")
        }
        let requested = request.weekStart.isEmpty ? nil : try ForecastWeek(parsing: request.weekStart)
        let panel = try await panel(for: model)
        let plan = try ForecastTarget(requested: requested, weeksAhead: Int(request.weeksAhead), panel: panel)
        let key = ForecastMemo.Key(city: model.city, version: model.version, target: panel.week(at: plan.target),
                                   weeksAhead: plan.weeksAhead, group: group)
        let results: [ForecastModel.AreaResult]
        if let known = computed[key] {
            results = known
        } else {
            results = try model.forecast(panel: panel, group: group, target: plan.target, weeksAhead: plan.weeksAhead)
            computed[key] = results
        }
        let top = request.topContributions == 0 ? ForecastFeatures.names.count : Int(request.topContributions)
        return ForecastResponse(modelVersion: model.version, weekStart: panel.week(at: plan.target).description, areas: results.map {
            AreaForecast(area: $0.area, expectedCount: $0.expectedCount, explanation: Explanation(
                baseValue: $0.baseValue,
                contributions: Array($0.contributions.sorted { abs($0.contribution) > abs($1.contribution) }.prefix(top)),
                margin: $0.margin))
        })
    }

    /// The model's panel: from its first training week to the data's current last whole week,
    /// fetched again once older than ``panelLifetime`` or when the model changed.
    func panel(for model: ForecastModel) async throws -> WeeklyPanel {
        if let cached = panels[model.city], cached.version == model.version, cached.fetched.duration(to: .now) < Self.panelLifetime {
            return cached.panel
        }
        let span = try await source.weeks(city: model.city)
        let end = span.first.adding(weeks: span.count)
        let panel = try await source.panel(city: model.city, areas: model.areas, first: model.firstWeek,
                                           weeks: max(0, end.weeks(since: model.firstWeek)), groups: model.groups)
        panels[model.city] = (panel, model.version, .now)
        computed.removeAll(city: model.city)
        return panel
    }
}

import Contracts
import Foundation
import Logging
import Postgres
@testable import PredictCore
import TestSupport
import Testing
@testable import Wire

/// The forecast end to end on a real slice (Chicago 2017, district 1's beats): ingest → the real
/// `heatmap` executable → the real `predict serve` (Train with MODEL_KIND_BEAT_FORECAST fetches
/// GetSeries/GetAreaShapes, trains with XGBoost, saves in PostgreSQL) → Forecast and
/// GetModelMetrics over a Unix socket; the predictions cache; the model loaded again in process.
@Suite("Weekly beat forecast end to end", .serialized, .timeLimit(.minutes(10)))
struct ForecastEndToEndTests {
    static let logger = Logger(label: "predict-forecast-tests") { _ in SwiftLogNoOpLogHandler() }

    @Test("Train (BEAT_FORECAST) on predict serve learns from the heatmap's RPC; Forecast with SHAP, GetModelMetrics, cache, in-process reload; metrics recomputed from served forecasts agree")
    func endToEnd() async throws {
        let database = try await TestDatabase.create(label: "forecast")
        let folder = try TemporaryDirectory(prefix: "cs-fc")
        let pool = database.pool(size: 3)
        defer { folder.remove() }
        let services = try await ForecastTestServices.start(database: database, pool: pool, folder: folder)
        do {
            try await run(database: database, pool: pool, folder: folder, services: services)
        } catch {
            await services.stop()
            await pool.shutdown()
            throw error
        }
        await services.stop()
        await pool.shutdown()
        try await database.drop()
    }

    private func run(database: TestDatabase, pool: PostgresPool, folder: TemporaryDirectory, services: ForecastTestServices) async throws {
        let socket = folder.path("p.sock")
        let predict = try ServiceProcess("predict", arguments: [
            "serve", "--listen", "unix://\(socket)", "--database-url", database.url, "--write-token", "t",
            "--ingest-endpoint", services.ingestEndpoint.description, "--heatmap-endpoint", services.heatmapEndpoint.description,
        ], logDirectory: folder.url)
        let client = RPCClient(endpoint: .unix(path: socket))
        let heatmap = RPCClient(endpoint: services.heatmapEndpoint)
        do {
            try await waitForHealth(client, process: predict)
            try await check(client: client, heatmap: heatmap, pool: pool, predict: predict)
        } catch {
            await client.close()
            _ = await predict.terminate()
            throw error
        }
        await client.close()
        await heatmap.close()
        #expect(await predict.terminate() == 0, "graceful stop; log:\n\(predict.log())")
    }

    /// Asks Health until predict answers (a starting service announces nothing), failing with its
    /// log if it exits first; a call that times out is asked again, so its timeout bounds nothing.
    private func waitForHealth(_ client: RPCClient, process: ServiceProcess) async throws {
        _ = try await waitForState("predict serve to answer Health/Check", while: process, every: .milliseconds(100)) {
            (try? await client.call(Methods.Health.check, HealthCheckRequest(), timeout: .seconds(2))) != nil ? true : nil
        }
    }

    private func check(client: RPCClient, heatmap: RPCClient, pool: PostgresPool, predict: ServiceProcess) async throws {
        // Before training: no model (FAILED_PRECONDITION); a city the heatmap does not serve (NOT_FOUND).
        #expect(await code { try await client.call(Methods.Predict.forecast, ForecastRequest(city: "chicago")) }
                == .failedPrecondition)
        #expect(await code { try await client.call(Methods.Predict.forecast, ForecastRequest(city: "atlantis")) }
                == .notFound)

        // Train through the RPC (token-protected), the forecast alone.
        let bearer = [MetadataEntry(key: "authorization", value: "Bearer t")]
        let trained = try await client.call(Methods.Predict.train, TrainRequest(city: "chicago", kinds: [.beatForecast]), timeout: .seconds(300), metadata: bearer)
        #expect(trained.finished && trained.error == "" && trained.phase == "done" && trained.fraction == 1, "\(trained)\n\(predict.log())")
        let store = ForecastStore(pool: pool)
        let model = try #require(try await store.currentModels().first { $0.city == "chicago" })
        let served = try await client.call(Methods.Predict.getModelMetrics, GetModelMetricsRequest(city: "chicago"))
        #expect(served.models.map(\.kind) == [.beatForecast])
        #expect(served.models.first == model.metrics)
        let service = ForecastService(source: ForecastSource(heatmap: heatmap), store: store, logger: Self.logger)
        try await service.load()

        #expect(model.version.hasSuffix("-xgboost-beat-forecast"))
        #expect(model.firstWeek.description == "2017-01-02" && model.lastWeek.description == "2017-12-25")
        let metrics = model.metrics
        #expect(metrics.kind == .beatForecast && metrics.modelVersion == model.version)
        #expect(metrics.testWindow.hasPrefix("2017-10-30 – 2017-12-31 (9 target weeks, time-ordered 60/20/20"), "\(metrics.testWindow)")
        for key in ["pai_5", "pai_10", "pai_20", "baseline_pai_10", "pei_10", "hit_rate_10", "mae", "baseline_mae", "mae_h4"] {
            #expect(metrics.metrics[key].map { $0.isFinite && $0 >= 0 } == true, "\(key)")
        }
        #expect(metrics.paiCurve.count == ForecastEvaluation.curveShares.count && metrics.baselinePAICurve.count == metrics.paiCurve.count)
        #expect(metrics.importances.count == ForecastFeatures.names.count)
        print("forecast on the slice: \(metrics.metrics.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")

        // The default week: the one after the data, every beat, SHAP summing to the margin.
        let next = try await client.call(Methods.Predict.forecast, ForecastRequest(city: "chicago", topContributions: 3))
        #expect(next.weekStart == "2018-01-01" && next.modelVersion == model.version)
        #expect(next.areas.count == model.areas.count && next.areas.count > 250)
        #expect(next.areas.allSatisfy { $0.explanation?.contributions.count == 3 })
        let district1 = next.areas.filter { $0.area.hasPrefix("01") }
        let elsewhere = next.areas.filter { !$0.area.hasPrefix("01") }
        let district1Mean: Double = district1.map(\.expectedCount).reduce(0, +) / Double(district1.count)
        let elsewhereMean: Double = elsewhere.map(\.expectedCount).reduce(0, +) / Double(max(1, elsewhere.count))
        #expect(district1Mean > 10 * elsewhereMean)
        try await checkShap(model: model, service: service)

        // Validation of the request.
        for (request, expected) in [
            (ForecastRequest(city: "chicago", weekStart: "2018-01-02"), StatusCode.invalidArgument),
            (ForecastRequest(city: "chicago", weekStart: "2018-03-05"), .invalidArgument),
            (ForecastRequest(city: "chicago", weekStart: "2017-01-09"), .invalidArgument),
            (ForecastRequest(city: "chicago", weeksAhead: 5), .invalidArgument),
            (ForecastRequest(city: "chicago", crimeGroup: "nope"), .invalidArgument),
            (ForecastRequest(city: "chicago", topContributions: -1), .invalidArgument),
        ] {
            #expect(await code { try await client.call(Methods.Predict.forecast, request) } == expected,
                    "\(request)")
        }
        let violent = try await client.call(Methods.Predict.forecast,
                                            ForecastRequest(city: "chicago", weekStart: "2018-01-22", weeksAhead: 4, crimeGroup: "violent"))
        #expect(violent.weekStart == "2018-01-22" && violent.areas.first?.explanation?.contributions.count == ForecastFeatures.names.count)

        // Metrics recomputed from the served backtests of the test weeks agree with what training reported.
        try await checkRecomputedMetrics(client: client, heatmap: heatmap, model: model)

        // The cache holds the four weeks after the data: found by `@>` on any of their days.
        let cached = try await store.cached(city: "chicago", activeOn: "2018-01-03", crimeGroup: "all")
        #expect(cached.count == model.areas.count && cached.allSatisfy { $0.weeksAhead == 1 && $0.modelVersion == model.version })
        let fromRPC = Dictionary(uniqueKeysWithValues: next.areas.map { ($0.area, $0.expectedCount) })
        for row in cached {
            let served: Double = fromRPC[row.area] ?? -1
            let sum: Double = row.shap.baseValue + row.shap.contributions.map(\.contribution).reduce(0, +)
            #expect(abs(row.predictedCount - served) < 1e-9 && abs(sum - row.shap.margin) < 1e-9, "\(row.area)")
        }
        #expect(try await store.cached(city: "chicago", activeOn: "2018-01-28", crimeGroup: "violent").allSatisfy { $0.weeksAhead == 4 })
        #expect(try await store.cached(city: "chicago", activeOn: "2018-01-29", crimeGroup: "all").isEmpty)

        // The model loaded from the database in this process forecasts exactly as the service does.
        let again = try await service.forecast(ForecastRequest(city: "chicago", topContributions: 3))
        #expect(again == next)
        #expect(await service.metrics(city: "chicago") == metrics)
    }

    /// Base value + every contribution = the booster's own margin, for every beat and group of the
    /// week after the data, every horizon; exp(margin) = the booster's expected count.
    private func checkShap(model: ForecastModel, service: ForecastService) async throws {
        let panel = try await service.panel(for: model)
        let builder = ForecastFeatures(panel: panel, neighbours: BeatNeighbours(lists: model.neighbours))
        var checked = 0
        for weeksAhead in 1...ForecastModel.maxWeeksAhead {
            for group in model.groups.indices {
                let target = panel.weekCount - 1 + weeksAhead
                let results = try model.forecast(panel: panel, group: group, target: target, weeksAhead: weeksAhead)
                var rows: [Float] = []
                for area in panel.areas.indices { builder.append(group: group, area: area, target: target, horizon: weeksAhead, to: &rows) }
                let matrix = try XGBoostMatrix.typed(values: rows, rows: panel.areas.count, types: ForecastFeatures.types)
                let margins = try model.boosters[weeksAhead - 1].predict(matrix, kind: .margin).values
                let values = try model.boosters[weeksAhead - 1].predict(matrix, kind: .value).values
                for (index, result) in results.enumerated() {
                    let sum = result.baseValue + result.contributions.map(\.contribution).reduce(0, +)
                    #expect(abs(sum - result.margin) < 1e-9)
                    #expect(abs(result.margin - Double(margins[index])) < 1e-4, "\(result.area) group \(group) +\(weeksAhead)")
                    #expect(abs(result.expectedCount - Double(values[index])) <= 1e-4 * max(1, Double(values[index])))
                    checked += 1
                }
            }
        }
        #expect(checked == 4 * model.groups.count * model.areas.count)
    }

    /// Hit rate, PAI, PEI and MAE recomputed here from Forecast's answers for the test weeks, the
    /// heatmap's own series and shapes, agree with the metrics training reported.
    private func checkRecomputedMetrics(client: RPCClient, heatmap: RPCClient, model: ForecastModel) async throws {
        let series = try await heatmap.call(
            Methods.Heatmap.getSeries,
            SeriesRequest(city: "chicago", range: LocalTimeRange(startLocalSeconds: model.firstWeek.localSeconds,
                                                                 endLocalSeconds: model.lastWeek.adding(weeks: 1).localSeconds)))
        var actual: [String: [Double]] = [:]
        for item in series.series {
            for (week, count) in item.weeklyCounts.enumerated() { actual[item.area, default: Array(repeating: 0, count: 52)][week] += Double(count) }
        }
        let shapes = try await heatmap.call(Methods.Heatmap.getAreaShapes, AreaShapesRequest(city: "chicago"))
        let km2 = Dictionary(uniqueKeysWithValues: shapes.shapes.map { ($0.area, $0.areaKm2) })
        // The published baseline, computed here from the counts by the rule training chose on
        // the validation weeks (one year loaded: no week a year back, so that rule reads the
        // mean of the weeks held, as the 52-week mean does).
        let rules = BaselineRule.allCases
        let rule = try #require(model.metrics.metrics["baseline_rule"].flatMap { Int(exactly: $0) }.map { rules[$0] })
        let mean = { (counts: [Double], week: Int, span: Int) in
            let first = max(0, week - span)
            return counts[first..<week].reduce(0, +) / Double(week - first)
        }
        let baseline = { (counts: [Double], week: Int) -> Double in
            switch rule {
            case .mean4: return mean(counts, week, 4)
            case .mean52, .sameWeekLastYear: return mean(counts, week, 52)
            case .exponentialMean:
                var weighted = 0.0, weights = 0.0
                for past in 0..<week {
                    let weight = pow(0.5, Double(week - 1 - past) / 8)
                    if weight > 1e-4 { weighted += weight * counts[past]; weights += weight }
                }
                return weighted / weights
            }
        }
        var evaluation = ForecastEvaluation()
        for week in 43..<52 {
            let reply = try await client.call(Methods.Predict.forecast,
                                              ForecastRequest(city: "chicago", weekStart: model.firstWeek.adding(weeks: week).description,
                                                              weeksAhead: 1, topContributions: 1))
            let areas = reply.areas.map(\.area)
            #expect(areas == model.areas)
            let counts = areas.map { actual[$0] ?? Array(repeating: 0, count: 52) }
            evaluation.add(actual: counts.map { $0[week] }, model: reply.areas.map(\.expectedCount),
                           baseline: counts.map { baseline($0, week) },
                           areaKm2: areas.map { km2[$0] ?? 0 })
        }
        let reported = model.metrics.metrics
        for (key, value) in evaluation.metrics {
            #expect(abs((reported[key] ?? .nan) - value) < 1e-9, "\(key): reported \(reported[key] ?? .nan), recomputed \(value)")
        }
        #expect(evaluation.paiCurve == model.metrics.paiCurve && evaluation.baselinePAICurve == model.metrics.baselinePAICurve)
    }

    private func code(_ body: () async throws -> some Sendable) async -> StatusCode? {
        do {
            _ = try await body()
            return .ok
        } catch let error as RPCError {
            return error.code
        } catch {
            return nil
        }
    }
}

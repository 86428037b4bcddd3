import Contracts

extension ExportTables {
    /// `GET /api/v1/export/forecast`: the predict view's weekly forecast, one row per area of the
    /// reply (`area, name, expected_count, base_value, margin`, then `factor_<i>`,
    /// `factor_<i>_value`, `factor_<i>_contribution` for each of the `top_contributions` largest
    /// SHAP contributions), with the area's polygon.
    func forecast(_ query: ForecastQuery) async throws -> ExportTable {
        async let reply = caller.predict(Methods.Predict.forecast, query.request, context: context)
        async let areaShapes = shapes(query.request.city)
        let json = ForecastJSON(query: query, response: try await reply)
        var geometries: [String: String] = [:], names: [String: String] = [:]
        for shape in try await areaShapes {
            if !shape.geoJSON.isEmpty { geometries[shape.area] = shape.geoJSON }
            names[shape.area] = shape.name
        }
        let factors = Int(query.request.topContributions)
        let columns = ["area", "name", "expected_count", "base_value", "margin"]
            + (1...max(1, factors)).flatMap { ["factor_\($0)", "factor_\($0)_value", "factor_\($0)_contribution"] }
        let areas = json.areas, areaGeometries = geometries, areaNames = names
        return ExportTable(fileStem: header.fileStem, metadata: header.metadata([
            ("model_version", .text(json.modelVersion)), ("week_start", .text(json.weekStart)),
            ("crime_group", .text(json.crimeGroup ?? "all")), ("areas", .integer(Int64(areas.count))),
            ("explanation", .text("SHAP contributions to the margin (log of the expected count): base_value plus every contribution is the margin")),
        ]), columns: columns, rowCount: areas.count) { index in
            let area = areas[index]
            var cells: [ExportCell] = [.text(area.area), .text(areaNames[area.area] ?? ""), .number(area.expectedCount),
                                       area.explanation.map { .number($0.baseValue) } ?? .empty,
                                       area.explanation.map { .number($0.margin) } ?? .empty]
            let contributions = area.explanation?.contributions ?? []
            for position in 0..<max(1, factors) {
                guard position < contributions.count else { cells += [.empty, .empty, .empty]; continue }
                let item = contributions[position]
                cells += [.text(item.feature), .text(item.value), .number(item.contribution)]
            }
            return (cells, areaGeometries[area.area])
        }
    }

    /// `GET /api/v1/export/predict`: one prediction explained, one row per model and listed
    /// contribution (`model, model_version, probability, base_value, margin, rank, feature, value,
    /// contribution`), each with the area's polygon; the crime-type model's classes and every
    /// model's inputs are in the metadata.
    func predict(_ query: PredictQuery) async throws -> ExportTable {
        let city = query.request.context?.city ?? "", area = query.request.context?.area ?? ""
        async let reply = caller.predict(Methods.Predict.predict, query.request, context: context)
        async let areaShapes = shapes(city)
        let json = PredictJSON(query: query, response: try await reply)
        let geometry = try await areaShapes.first { $0.area == area }.flatMap { $0.geoJSON.isEmpty ? nil : $0.geoJSON }
        var rows: [(answer: PredictJSON.AnswerJSON, rank: Int, item: ExplanationJSON.ContributionJSON)] = []
        var extra: [(String, ExportCell)] = []
        for answer in json.answers {
            for (rank, item) in (answer.explanation?.contributions ?? []).enumerated() { rows.append((answer, rank + 1, item)) }
            extra.append(("\(answer.kind)_inputs_used", .text(answer.inputsUsed.joined(separator: " "))))
            extra.append(("\(answer.kind)_inputs_missing", .text(answer.inputsMissing.joined(separator: " "))))
            extra.append(("\(answer.kind)_inputs_unseen", .text(answer.inputsUnseen.joined(separator: " "))))
            extra.append(("\(answer.kind)_inputs_filled", .text(answer.inputsFilled.joined(separator: " "))))
            if !answer.topClasses.isEmpty {
                extra.append(("\(answer.kind)_top_classes", .text(answer.topClasses.map { "\($0.label)=\($0.probability)" }.joined(separator: "; "))))
            }
        }
        extra.append(("explanation", .text("SHAP contributions to each model's margin (log-odds; crime type: its top class's score), largest first")))
        let stored = rows
        return ExportTable(fileStem: header.fileStem, metadata: header.metadata(extra),
                           columns: ["model", "model_version", "probability", "base_value", "margin", "rank", "feature", "value", "contribution"],
                           rowCount: stored.count) { index in
            let row = stored[index]
            return ([.text(row.answer.kind), .text(row.answer.modelVersion), .number(row.answer.probability),
                     row.answer.explanation.map { .number($0.baseValue) } ?? .empty,
                     row.answer.explanation.map { .number($0.margin) } ?? .empty,
                     .integer(Int64(row.rank)), .text(row.item.feature), .text(row.item.value), .number(row.item.contribution)], geometry)
        }
    }

    /// `GET /api/v1/export/models`: the evaluation table, one row per model and metric (`model,
    /// model_version, train_window, validation_window, test_window, metric, value`), metrics in
    /// name order; no geometry.
    func models(city: String) async throws -> ExportTable {
        let reply = try await caller.predict(Methods.Predict.getModelMetrics, GetModelMetricsRequest(city: city), context: context)
        let json = ModelsJSON(city: city, response: reply)
        var rows: [(model: ModelsJSON.ModelJSON, metric: String, value: Double)] = []
        for model in json.models {
            for name in model.metrics.keys.sorted() { rows.append((model, name, model.metrics[name] ?? .nan)) }
        }
        let stored = rows
        return ExportTable(fileStem: header.fileStem, metadata: header.metadata([("models", .integer(Int64(json.models.count)))]),
                           columns: ["model", "model_version", "train_window", "validation_window", "test_window", "metric", "value"],
                           rowCount: stored.count) { index in
            let row = stored[index]
            return ([.text(row.model.kind), .text(row.model.modelVersion), .text(row.model.trainWindow), .text(row.model.validationWindow),
                     .text(row.model.testWindow), .text(row.metric), row.value.isFinite ? .number(row.value) : .empty], nil)
        }
    }
}

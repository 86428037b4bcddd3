import Contracts

/// Trains the per-incident models of one city on a time split and evaluates them on the test window.
package struct IncidentModelTrainer: Sendable {
    package var settings: TrainingSettings

    package init(settings: TrainingSettings = TrainingSettings()) {
        self.settings = settings
    }

    /// Trains `kinds` on `table`; `progress` gets a phase name and the fraction of the whole done
    /// (throw from it to cancel).
    /// - Throws: ``PredictError`` when the data cannot be split, a window is empty, or a model's
    ///   label has one value (see ``SingleValuedLabels``: the whole run is refused); ``XGBoostError``.
    package func train(city: String, table: IncidentTable, kinds: [ModelKind] = ModelKind.incidentModels,
                      progress: (String, Double) throws -> Void = { _, _ in }) throws -> IncidentTrainingRun {
        try SingleValuedLabels.refuse(kinds, city: city, table: table, rows: 0..<table.count, rowsName: "the \(table.count) rows loaded")
        let split = try TimeSplit.choose(localSeconds: table.localSeconds)
        let partition = split.partition(localSeconds: table.localSeconds)
        guard !partition.train.isEmpty, !partition.validation.isEmpty, !partition.test.isEmpty else {
            throw PredictError.failedPrecondition("the split \(split.labels) leaves an empty window (train \(partition.train.count), validation \(partition.validation.count), test \(partition.test.count) rows)")
        }
        try SingleValuedLabels.refuse(kinds, city: city, table: table, rows: partition.train,
                                      rowsName: "the \(partition.train.count) rows of the training window \(split.labels.train)")
        try progress("encoding", 0)
        let encoding = Self.encoding(table: table, trainRows: partition.train, learnsMissingInputs: settings.maskedInputShare > 0)
        let mask = MissingInputMask(rows: partition.train.count, share: settings.maskedInputShare, seed: settings.maskSeed)
        let train = EncodedRows(table: table, indices: partition.train, encoding: encoding, mask: mask)
        let validation = EncodedRows(table: table, indices: partition.validation, encoding: encoding)
        let test = EncodedRows(table: table, indices: partition.test, encoding: encoding)
        var models: [IncidentModel] = []
        for (position, kind) in kinds.enumerated() {
            let report: (Double) throws -> Void = { fraction in
                try progress("training \(kind.slug)", (Double(position) + fraction) / Double(kinds.count))
            }
            let model = switch kind {
            case .arrest, .domestic, .property:
                try trainBinary(kind, city: city, table: table, partition: partition, encoding: encoding,
                                data: (train, validation, test), split: split, progress: report)
            case .crimeType:
                try trainCrimeType(city: city, table: table, partition: partition, encoding: encoding,
                                   data: (train, validation, test), split: split, progress: report)
            default:
                throw PredictError.invalidArgument("\(kind.name) is not a per-incident model")
            }
            models.append(model)
        }
        try progress("done", 1)
        return IncidentTrainingRun(models: models, split: split, trainRows: partition.train.count,
                                   validationRows: partition.validation.count, testRows: partition.test.count)
    }

    /// How many of the most common Location Description values get their own code.
    static let locationVocabulary = 120

    /// Vocabularies and beat profiles from the training window only. The empty Location
    /// Description (the report recorded none) is a value like any other.
    static func encoding(table: IncidentTable, trainRows: [Int], learnsMissingInputs: Bool) -> FeatureEncoding {
        var beatCounts: [Int32: Int] = [:], districtSeen = Set<Int32>(), typeSeen = Set<Int32>(), locationCounts: [Int32: Int] = [:]
        var districtVotes: [Int32: [Int32: Int]] = [:], communityVotes: [Int32: [Int32: Int]] = [:]
        var positions: [Int32: (lat: Double, lon: Double, count: Int)] = [:]
        for row in trainRows {
            let beat = table.beats[row]
            beatCounts[beat, default: 0] += 1
            districtSeen.insert(table.districts[row])
            typeSeen.insert(table.types[row])
            locationCounts[table.locations[row], default: 0] += 1
            districtVotes[beat, default: [:]][table.districts[row], default: 0] += 1
            communityVotes[beat, default: [:]][table.communityAreas[row], default: 0] += 1
            if !table.latitudes[row].isNaN {
                let sum = positions[beat] ?? (0, 0, 0)
                positions[beat] = (sum.lat + Double(table.latitudes[row]), sum.lon + Double(table.longitudes[row]), sum.count + 1)
            }
        }
        var profiles: [String: BeatProfile] = [:]
        for beat in beatCounts.keys {
            let district = districtVotes[beat]?.max { $0.value < $1.value }?.key
            let community = communityVotes[beat]?.filter { $0.key > 0 }.max { $0.value < $1.value }?.key
            let position = positions[beat]
            profiles[table.beatNames.names[Int(beat)]] = BeatProfile(
                district: district.map { table.districtNames.names[Int($0)] } ?? "",
                communityArea: Int(community ?? 0),
                latitude: position.map { $0.lat / Double($0.count) }, longitude: position.map { $0.lon / Double($0.count) })
        }
        let beats = beatCounts.keys.map { table.beatNames.names[Int($0)] }.filter { !$0.isEmpty }.sorted()
        return FeatureEncoding(beats: beats,
                               districts: districtSeen.map { table.districtNames.names[Int($0)] }.filter { !$0.isEmpty }.sorted(),
                               primaryTypes: typeSeen.map { table.typeNames.names[Int($0)] }.filter { !$0.isEmpty }.sorted(),
                               locations: locationCounts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(locationVocabulary)
                                   .map { table.locationNames.names[Int($0.key)] }.sorted(),
                               seenLocations: locationCounts.keys.map { table.locationNames.names[Int($0)] }.sorted(),
                               beatProfiles: profiles, usesPrimaryType: false, learnsMissingInputs: learnsMissingInputs)
    }

    typealias Windows = (train: EncodedRows, validation: EncodedRows, test: EncodedRows)

    private func trainBinary(_ kind: ModelKind, city: String, table: IncidentTable, partition: (train: [Int], validation: [Int], test: [Int]),
                             encoding: FeatureEncoding, data: Windows, split: TimeSplit,
                             progress: (Double) throws -> Void) throws -> IncidentModel {
        guard let label = SingleValuedLabels.binaryLabel(kind, table: table) else {
            throw PredictError.invalidArgument("\(kind.name) is not a binary model")
        }
        var encoding = encoding.with(usesPrimaryType: kind.usesPrimaryType)
        let width = encoding.baseFeatureCount
        var extras: (train: [Float], validation: [Float], test: [Float])?
        if kind == .property && !settings.propertyShareKeys.isEmpty {
            let counts = LabelShareCounts(keys: settings.propertyShareKeys, table: table, trainRows: partition.train,
                                          locationMissing: data.train.locationMissing, label: label)
            let shares = counts.shares(table: table)
            encoding.labelShares = shares
            extras = (partition.train.indices.flatMap {
                          counts.outOfFoldColumns(table: table, row: partition.train[$0], locationMissing: data.train.locationMissing($0))
                      },
                      Self.shareColumns(shares, encoding: encoding, table: table, rows: partition.validation),
                      Self.shareColumns(shares, encoding: encoding, table: table, rows: partition.test))
        }
        let shareWidth = encoding.labelShares?.keys.count ?? 0
        let trainLabels = partition.train.map { label($0) ? Float(1) : 0 }
        let types = settings.categoricalFeatures.isEmpty ? nil
            : encoding.featureNames.map { settings.categoricalFeatures.contains($0) ? "c" : "q" }
        let trainMatrix = try data.train.matrix(width: width, labels: trainLabels, types: types, extra: extras.map { ($0.train, shareWidth) })
        let validationMatrix = try data.validation.matrix(width: width, labels: partition.validation.map { label($0) ? 1 : 0 }, types: types,
                                                          extra: extras.map { ($0.validation, shareWidth) })
        let testLabels = partition.test.map(label)
        let testMatrix = try data.test.matrix(width: width, labels: testLabels.map { $0 ? 1 : 0 }, types: types,
                                              extra: extras.map { ($0.test, shareWidth) })
        let plan = settings.plan(for: .binary, model: kind)
        let trained = try XGBoostTrainer.train(plan, train: trainMatrix, validation: validationMatrix) { round in
            try progress(Double(round.round + 1) / Double(plan.maxRounds))
        }
        let probabilities = try trained.booster.predict(testMatrix).values.map(Double.init)
        let positiveRate = Double(trainLabels.filter { $0 == 1 }.count) / Double(max(trainLabels.count, 1))
        let evaluation = BinaryEvaluation(probabilities: probabilities, labels: testLabels, trainingPositiveRate: positiveRate)
        var metrics = try Self.metrics(kind: kind, booster: trained.booster, encoding: encoding, split: split, values: evaluation.metrics)
        metrics.metrics["masked_input_share"] = settings.maskedInputShare
        metrics.metrics["rounds"] = Double(trained.rounds)
        metrics.metrics["train_rows"] = Double(partition.train.count)
        metrics.metrics["validation_rows"] = Double(partition.validation.count)
        metrics.rocCurve = evaluation.rocCurve
        metrics.calibration = evaluation.calibration
        return IncidentModel(city: city, kind: kind, version: "", booster: trained.booster,
                             descriptor: ModelDescriptor(encoding: encoding, classes: [], rounds: trained.rounds), metrics: metrics)
    }

    /// The label-share columns of validation or test rows, looked up as a request's would be.
    private static func shareColumns(_ shares: LabelShares, encoding: FeatureEncoding, table: IncidentTable, rows: [Int]) -> [Float] {
        let byLocation = table.locationNames.names.map { encoding.lookUpLocation($0) }
        return rows.flatMap { shares.columns(table.features($0), location: byLocation[Int(table.locations[$0])]) }
    }

    private func trainCrimeType(city: String, table: IncidentTable, partition: (train: [Int], validation: [Int], test: [Int]),
                                encoding: FeatureEncoding, data: Windows, split: TimeSplit,
                                progress: (Double) throws -> Void) throws -> IncidentModel {
        let classes = CrimeTypeClasses(table: table, trainRows: partition.train, rareShare: settings.rareTypeShare)
        let encoding = encoding.with(usesPrimaryType: false)
        let width = encoding.featureCount
        let stride = max(1, (partition.train.count + settings.typeMaxTrainingRows - 1) / settings.typeMaxTrainingRows)
        let sampled = Array(Swift.stride(from: 0, to: partition.train.count, by: stride))
        let trainMatrix = try data.train.matrix(width: width, labels: sampled.map { Float(classes.label(of: partition.train[$0], in: table)) }, rows: sampled)
        let validationMatrix = try data.validation.matrix(width: width, labels: partition.validation.map { Float(classes.label(of: $0, in: table)) })
        let testLabels = partition.test.map { classes.label(of: $0, in: table) }
        let testMatrix = try data.test.matrix(width: width, labels: testLabels.map(Float.init))
        let plan = settings.plan(for: .multiclass(classes.labels.count))
        let trained = try XGBoostTrainer.train(plan, train: trainMatrix, validation: validationMatrix) { round in
            try progress(Double(round.round + 1) / Double(plan.maxRounds))
        }
        let probabilities = try trained.booster.predict(testMatrix).values
        let evaluation = MulticlassEvaluation(probabilities: probabilities, classes: classes.labels.count, labels: testLabels,
                                              trainingCounts: classes.trainingCounts)
        var metrics = try Self.metrics(kind: .crimeType, booster: trained.booster, encoding: encoding, split: split, values: evaluation.metrics)
        metrics.metrics["masked_input_share"] = settings.maskedInputShare
        metrics.metrics["rounds"] = Double(trained.rounds)
        metrics.metrics["train_rows"] = Double(sampled.count)
        metrics.metrics["validation_rows"] = Double(partition.validation.count)
        return IncidentModel(city: city, kind: .crimeType, version: "", booster: trained.booster,
                             descriptor: ModelDescriptor(encoding: encoding, classes: classes.labels, rounds: trained.rounds), metrics: metrics)
    }

    private static func metrics(kind: ModelKind, booster: XGBoostBooster, encoding: FeatureEncoding, split: TimeSplit,
                                values: [String: Double]) throws -> ModelMetrics {
        let gains = try booster.featureImportance("gain", featureCount: encoding.featureCount)
        let importances = zip(encoding.featureNames, gains).map { FeatureImportance(feature: $0, importance: $1) }
            .sorted { $0.importance > $1.importance }
        let labels = split.labels
        return ModelMetrics(kind: kind, trainWindow: labels.train, validationWindow: labels.validation, testWindow: labels.test,
                            metrics: values, importances: importances)
    }
}

import Contracts
import Testing

@Suite("crimescope.predict.v1 messages round-trip through protobuf-c")
struct PredictRoundTripTests {
    @Test func incidentContext() throws {
        try assertRoundTrip(PredictFixtures.incidentContext, fieldNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        try assertRoundTrip(IncidentContext())
        #expect(PredictFixtures.incidentContext != IncidentContext())
        #expect(IncidentContext().serializedBytes().isEmpty)
    }

    @Test func contribution() throws {
        try assertRoundTrip(PredictFixtures.contribution, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(Contribution())
        #expect(PredictFixtures.contribution != Contribution())
        #expect(Contribution().serializedBytes().isEmpty)
    }

    @Test func explanation() throws {
        try assertRoundTrip(PredictFixtures.explanation, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(Explanation())
        #expect(PredictFixtures.explanation != Explanation())
        #expect(Explanation().serializedBytes().isEmpty)
    }

    @Test func classProbability() throws {
        try assertRoundTrip(PredictFixtures.classProbability, fieldNumbers: [1, 2])
        try assertRoundTrip(ClassProbability())
        #expect(PredictFixtures.classProbability != ClassProbability())
        #expect(ClassProbability().serializedBytes().isEmpty)
    }

    @Test func modelAnswer() throws {
        try assertRoundTrip(PredictFixtures.modelAnswer, fieldNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9])
        try assertRoundTrip(ModelAnswer())
        #expect(PredictFixtures.modelAnswer != ModelAnswer())
        #expect(ModelAnswer().serializedBytes().isEmpty)
    }

    @Test func predictRequest() throws {
        try assertRoundTrip(PredictFixtures.predictRequest, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(PredictRequest())
        #expect(PredictFixtures.predictRequest != PredictRequest())
        #expect(PredictRequest().serializedBytes().isEmpty)
    }

    @Test func predictResponse() throws {
        try assertRoundTrip(PredictFixtures.predictResponse, fieldNumbers: [1])
        try assertRoundTrip(PredictResponse())
        #expect(PredictFixtures.predictResponse != PredictResponse())
        #expect(PredictResponse().serializedBytes().isEmpty)
    }

    @Test func forecastRequest() throws {
        try assertRoundTrip(PredictFixtures.forecastRequest, fieldNumbers: [1, 2, 3, 4, 5])
        try assertRoundTrip(ForecastRequest())
        #expect(PredictFixtures.forecastRequest != ForecastRequest())
        #expect(ForecastRequest().serializedBytes().isEmpty)
    }

    @Test func areaForecast() throws {
        try assertRoundTrip(PredictFixtures.areaForecast, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(AreaForecast())
        #expect(PredictFixtures.areaForecast != AreaForecast())
        #expect(AreaForecast().serializedBytes().isEmpty)
    }

    @Test func forecastResponse() throws {
        try assertRoundTrip(PredictFixtures.forecastResponse, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(ForecastResponse())
        #expect(PredictFixtures.forecastResponse != ForecastResponse())
        #expect(ForecastResponse().serializedBytes().isEmpty)
    }

    @Test func curvePoint() throws {
        try assertRoundTrip(PredictFixtures.curvePoint, fieldNumbers: [1, 2])
        try assertRoundTrip(CurvePoint())
        #expect(PredictFixtures.curvePoint != CurvePoint())
        #expect(CurvePoint().serializedBytes().isEmpty)
    }

    @Test func calibrationBin() throws {
        try assertRoundTrip(PredictFixtures.calibrationBin, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(CalibrationBin())
        #expect(PredictFixtures.calibrationBin != CalibrationBin())
        #expect(CalibrationBin().serializedBytes().isEmpty)
    }

    @Test func featureImportance() throws {
        try assertRoundTrip(PredictFixtures.featureImportance, fieldNumbers: [1, 2])
        try assertRoundTrip(FeatureImportance())
        #expect(PredictFixtures.featureImportance != FeatureImportance())
        #expect(FeatureImportance().serializedBytes().isEmpty)
    }

    @Test func modelMetrics() throws {
        try assertRoundTrip(PredictFixtures.modelMetrics, fieldNumbers: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
        try assertRoundTrip(ModelMetrics())
        #expect(PredictFixtures.modelMetrics != ModelMetrics())
        #expect(ModelMetrics().serializedBytes().isEmpty)
    }

    @Test func getModelMetricsRequest() throws {
        try assertRoundTrip(PredictFixtures.getModelMetricsRequest, fieldNumbers: [1])
        try assertRoundTrip(GetModelMetricsRequest())
        #expect(PredictFixtures.getModelMetricsRequest != GetModelMetricsRequest())
        #expect(GetModelMetricsRequest().serializedBytes().isEmpty)
    }

    @Test func getModelMetricsResponse() throws {
        try assertRoundTrip(PredictFixtures.getModelMetricsResponse, fieldNumbers: [1])
        try assertRoundTrip(GetModelMetricsResponse())
        #expect(PredictFixtures.getModelMetricsResponse != GetModelMetricsResponse())
        #expect(GetModelMetricsResponse().serializedBytes().isEmpty)
    }

    @Test func trainRequest() throws {
        try assertRoundTrip(PredictFixtures.trainRequest, fieldNumbers: [1, 2, 3])
        try assertRoundTrip(TrainRequest())
        #expect(PredictFixtures.trainRequest != TrainRequest())
        #expect(TrainRequest().serializedBytes().isEmpty)
    }

    @Test func trainingProgress() throws {
        try assertRoundTrip(PredictFixtures.trainingProgress, fieldNumbers: [1, 2, 3, 4, 5])
        try assertRoundTrip(TrainingProgress())
        #expect(PredictFixtures.trainingProgress != TrainingProgress())
        #expect(TrainingProgress().serializedBytes().isEmpty)
    }

    @Test func getTrainingProgressRequest() throws {
        try assertRoundTrip(PredictFixtures.getTrainingProgressRequest, fieldNumbers: [1])
        try assertRoundTrip(GetTrainingProgressRequest())
        #expect(PredictFixtures.getTrainingProgressRequest != GetTrainingProgressRequest())
        #expect(GetTrainingProgressRequest().serializedBytes().isEmpty)
    }

    @Test func garbageIsADecodingErrorForEveryMessage() {
        assertRejectsGarbage(IncidentContext.self)
        assertRejectsGarbage(Contribution.self)
        assertRejectsGarbage(Explanation.self)
        assertRejectsGarbage(ClassProbability.self)
        assertRejectsGarbage(ModelAnswer.self)
        assertRejectsGarbage(PredictRequest.self)
        assertRejectsGarbage(PredictResponse.self)
        assertRejectsGarbage(ForecastRequest.self)
        assertRejectsGarbage(AreaForecast.self)
        assertRejectsGarbage(ForecastResponse.self)
        assertRejectsGarbage(CurvePoint.self)
        assertRejectsGarbage(CalibrationBin.self)
        assertRejectsGarbage(FeatureImportance.self)
        assertRejectsGarbage(ModelMetrics.self)
        assertRejectsGarbage(GetModelMetricsRequest.self)
        assertRejectsGarbage(GetModelMetricsResponse.self)
        assertRejectsGarbage(TrainRequest.self)
        assertRejectsGarbage(TrainingProgress.self)
        assertRejectsGarbage(GetTrainingProgressRequest.self)
    }
}

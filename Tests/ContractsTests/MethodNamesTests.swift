import Contracts
import Testing

@Suite("Method names are /package.Service/Method")
struct MethodNamesTests {
    @Test func everyMethodIsUnderItsService() {
        let services: [(String, [String])] = [
            (MethodNames.Ingest.service, [
                MethodNames.Ingest.startLoad, MethodNames.Ingest.startPull, MethodNames.Ingest.getRun,
                MethodNames.Ingest.listRuns, MethodNames.Ingest.listRejects, MethodNames.Ingest.listIncidents,
                MethodNames.Ingest.listAreas, MethodNames.Ingest.pullOutbox, MethodNames.Ingest.countIncidents,
                MethodNames.Ingest.listTrainingRows,
            ]),
            (MethodNames.Heatmap.service, [
                MethodNames.Heatmap.listCities, MethodNames.Heatmap.getBeatHeatmap, MethodNames.Heatmap.getWindowHeatmap,
                MethodNames.Heatmap.getAreaShapes, MethodNames.Heatmap.getAreaDetail, MethodNames.Heatmap.getYearGrids,
                MethodNames.Heatmap.getHexHotspots, MethodNames.Heatmap.getSeries, MethodNames.Heatmap.check,
            ]),
            (MethodNames.Predict.service, [
                MethodNames.Predict.predict, MethodNames.Predict.forecast, MethodNames.Predict.getModelMetrics,
                MethodNames.Predict.train, MethodNames.Predict.getTrainingProgress,
            ]),
        ]
        for (service, methods) in services {
            #expect(Set(methods).count == methods.count)
            for method in methods {
                #expect(method.hasPrefix("/\(service)/"))
                #expect(method.split(separator: "/").count == 2)
            }
        }
        #expect(MethodNames.Ingest.listIncidents == "/crimescope.ingest.v1.Ingest/ListIncidents")
        #expect(MethodNames.Heatmap.getBeatHeatmap == "/crimescope.heatmap.v1.Heatmap/GetBeatHeatmap")
        #expect(MethodNames.Predict.getTrainingProgress == "/crimescope.predict.v1.Predict/GetTrainingProgress")
    }
}

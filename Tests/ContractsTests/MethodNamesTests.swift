import Contracts
import Testing

@Suite("Methods are /package.Service/Method, typed by the .proto")
struct MethodNamesTests {
    @Test func everyMethodIsUnderItsService() {
        let services: [(String, [String])] = [
            (Methods.Ingest.serviceName, [
                Methods.Ingest.startLoad.fullName, Methods.Ingest.startPull.fullName, Methods.Ingest.getRun.fullName,
                Methods.Ingest.listRuns.fullName, Methods.Ingest.listRejects.fullName, Methods.Ingest.listIncidents.fullName,
                Methods.Ingest.listAreas.fullName, Methods.Ingest.pullOutbox.fullName, Methods.Ingest.countIncidents.fullName,
                Methods.Ingest.listTrainingRows.fullName,
            ]),
            (Methods.Heatmap.serviceName, [
                Methods.Heatmap.listCities.fullName, Methods.Heatmap.getBeatHeatmap.fullName, Methods.Heatmap.getWindowHeatmap.fullName,
                Methods.Heatmap.getAreaShapes.fullName, Methods.Heatmap.getAreaDetail.fullName, Methods.Heatmap.getYearGrids.fullName,
                Methods.Heatmap.getHexHotspots.fullName, Methods.Heatmap.getSeries.fullName, Methods.Heatmap.getSignificance.fullName,
                Methods.Heatmap.check.fullName,
            ]),
            (Methods.Predict.serviceName, [
                Methods.Predict.predict.fullName, Methods.Predict.forecast.fullName, Methods.Predict.getModelMetrics.fullName,
                Methods.Predict.train.fullName, Methods.Predict.getTrainingProgress.fullName,
            ]),
        ]
        for (service, methods) in services {
            #expect(Set(methods).count == methods.count)
            for method in methods {
                #expect(method.hasPrefix("/\(service)/"))
                #expect(method.split(separator: "/").count == 2)
            }
        }
        #expect(Methods.Ingest.listIncidents.fullName == "/crimescope.ingest.v1.Ingest/ListIncidents")
        #expect(Methods.Heatmap.getBeatHeatmap.fullName == "/crimescope.heatmap.v1.Heatmap/GetBeatHeatmap")
        #expect(Methods.Predict.getTrainingProgress.fullName == "/crimescope.predict.v1.Predict/GetTrainingProgress")
        #expect(Methods.Health.serviceName == "crimescope.health.v1.Health")
    }
}

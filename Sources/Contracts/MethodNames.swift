/// Full method names of the contracts, as they appear in an envelope's `method`.
public enum MethodNames {
    public enum Health {
        public static let service = "crimescope.health.v1.Health"
        public static let check = "/crimescope.health.v1.Health/Check"
    }

    public enum Ops {
        public static let service = "crimescope.ops.v1.Ops"
        public static let scrapeMetrics = "/crimescope.ops.v1.Ops/ScrapeMetrics"
    }

    public enum Ingest {
        public static let service = "crimescope.ingest.v1.Ingest"
        public static let startLoad = "/crimescope.ingest.v1.Ingest/StartLoad"
        public static let startPull = "/crimescope.ingest.v1.Ingest/StartPull"
        public static let getRun = "/crimescope.ingest.v1.Ingest/GetRun"
        public static let listRuns = "/crimescope.ingest.v1.Ingest/ListRuns"
        public static let listRejects = "/crimescope.ingest.v1.Ingest/ListRejects"
        public static let listIncidents = "/crimescope.ingest.v1.Ingest/ListIncidents"
        public static let listAreas = "/crimescope.ingest.v1.Ingest/ListAreas"
        public static let pullOutbox = "/crimescope.ingest.v1.Ingest/PullOutbox"
        public static let countIncidents = "/crimescope.ingest.v1.Ingest/CountIncidents"
        public static let listTrainingRows = "/crimescope.ingest.v1.Ingest/ListTrainingRows"
    }

    public enum Heatmap {
        public static let service = "crimescope.heatmap.v1.Heatmap"
        public static let listCities = "/crimescope.heatmap.v1.Heatmap/ListCities"
        public static let getBeatHeatmap = "/crimescope.heatmap.v1.Heatmap/GetBeatHeatmap"
        public static let getWindowHeatmap = "/crimescope.heatmap.v1.Heatmap/GetWindowHeatmap"
        public static let getAreaShapes = "/crimescope.heatmap.v1.Heatmap/GetAreaShapes"
        public static let getAreaDetail = "/crimescope.heatmap.v1.Heatmap/GetAreaDetail"
        public static let getYearGrids = "/crimescope.heatmap.v1.Heatmap/GetYearGrids"
        public static let getHexHotspots = "/crimescope.heatmap.v1.Heatmap/GetHexHotspots"
        public static let getSeries = "/crimescope.heatmap.v1.Heatmap/GetSeries"
        public static let check = "/crimescope.heatmap.v1.Heatmap/Check"
    }

    public enum Predict {
        public static let service = "crimescope.predict.v1.Predict"
        public static let predict = "/crimescope.predict.v1.Predict/Predict"
        public static let forecast = "/crimescope.predict.v1.Predict/Forecast"
        public static let getModelMetrics = "/crimescope.predict.v1.Predict/GetModelMetrics"
        public static let train = "/crimescope.predict.v1.Predict/Train"
        public static let getTrainingProgress = "/crimescope.predict.v1.Predict/GetTrainingProgress"
    }
}

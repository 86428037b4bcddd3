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
    }

    public enum Heatmap {
        public static let service = "crimescope.heatmap.v1.Heatmap"
    }

    public enum Predict {
        public static let service = "crimescope.predict.v1.Predict"
    }
}

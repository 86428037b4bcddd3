-- The four per-incident models (arrest, domestic, property, crime type) and which is current.
-- A model is its XGBoost JSON (kept as text, byte for byte what XGBoost wrote), the descriptor
-- serving needs to encode a request the way training did (vocabularies, beat profiles, class
-- labels), the time windows it was trained, validated and tested on, and its test metrics.
CREATE TABLE predict.incident_models (
    id                bigserial PRIMARY KEY,
    city              text NOT NULL,
    kind              text NOT NULL CHECK (kind IN ('arrest', 'domestic', 'property', 'crime-type')),
    version           text NOT NULL,
    trained_at        timestamptz NOT NULL DEFAULT now(),
    model_json        text NOT NULL,
    descriptor        jsonb NOT NULL,
    features          jsonb NOT NULL,
    train_window      text NOT NULL,
    validation_window text NOT NULL,
    test_window       text NOT NULL,
    -- The headline numbers (roc_auc, accuracy, top5…) for SQL readers.
    metrics           jsonb NOT NULL,
    -- The whole crimescope.predict.v1.ModelMetrics message (ROC points, calibration, importances).
    metrics_proto     bytea NOT NULL,
    UNIQUE (city, version)
);

-- The model each (city, kind) serves; switching is one UPDATE, so serving never sees half a set.
CREATE TABLE predict.current_incident_models (
    city     text NOT NULL,
    kind     text NOT NULL,
    model_id bigint NOT NULL REFERENCES predict.incident_models (id),
    PRIMARY KEY (city, kind)
);

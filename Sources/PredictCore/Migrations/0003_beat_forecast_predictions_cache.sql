-- The weekly beat forecast: its models (one XGBoost count:poisson booster per horizon 1-4), which
-- one each city serves, and the predictions cache.

-- A forecast model: the descriptor serving needs to rebuild the features the way training did
-- (area and group lists = the categorical codes, each area's neighbours, the data's first and last
-- week), its time windows and its test metrics.
CREATE TABLE predict.forecast_models (
    id                bigserial PRIMARY KEY,
    city              text NOT NULL,
    version           text NOT NULL,
    trained_at        timestamptz NOT NULL DEFAULT now(),
    descriptor        jsonb NOT NULL,
    features          jsonb NOT NULL,
    train_window      text NOT NULL,
    validation_window text NOT NULL,
    test_window       text NOT NULL,
    -- The headline numbers (pai_10, baseline_pai_10, mae, ...) for SQL readers.
    metrics           jsonb NOT NULL,
    -- The whole crimescope.predict.v1.ModelMetrics message (PAI curves, importances).
    metrics_proto     bytea NOT NULL,
    UNIQUE (city, version)
);

-- Its boosters as XGBoost JSON text, byte for byte what XGBoost wrote; booster h forecasts h weeks
-- past the last observed week.
CREATE TABLE predict.forecast_boosters (
    model_id    bigint NOT NULL REFERENCES predict.forecast_models (id) ON DELETE CASCADE,
    weeks_ahead integer NOT NULL CHECK (weeks_ahead BETWEEN 1 AND 4),
    model_json  text NOT NULL,
    PRIMARY KEY (model_id, weeks_ahead)
);

-- The model each city serves; switching is one UPDATE.
CREATE TABLE predict.current_forecast_models (
    city     text PRIMARY KEY,
    model_id bigint NOT NULL REFERENCES predict.forecast_models (id)
);

-- The predictions cache, as the Chicago explorer designed it: one row per area and window with the
-- model version, the predicted count, a probability where the model gives one (the forecast does
-- not: NULL), and the SHAP attributions as jsonb ({"base_value", "margin", "contributions":
-- [{"feature", "value", "contribution"}]}, log-count for the Poisson forecast).
-- "Which prediction was active on date X" is one `prediction_window @> X` query on the GiST index.
CREATE TABLE predict.predictions (
    id                bigserial PRIMARY KEY,
    city              text NOT NULL,
    area              text NOT NULL,
    crime_group       text NOT NULL,
    prediction_window daterange NOT NULL CHECK (NOT isempty(prediction_window)),
    model_version     text NOT NULL,
    weeks_ahead       integer NOT NULL,
    predicted_count   double precision NOT NULL,
    probability       double precision,
    shap              jsonb NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (city, area, crime_group, model_version, weeks_ahead, prediction_window)
);
CREATE INDEX predictions_window ON predict.predictions USING gist (prediction_window);
CREATE INDEX predictions_city_area ON predict.predictions (city, area);

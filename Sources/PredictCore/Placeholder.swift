// PredictCore

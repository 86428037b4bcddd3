/// The outcome of training on one city's rows: the models (versions not yet assigned) and the split used.
public struct IncidentTrainingRun: Sendable {
    public var models: [IncidentModel]
    public var split: TimeSplit
    /// Rows in the train, validation and test windows.
    public var trainRows: Int
    public var validationRows: Int
    public var testRows: Int
}

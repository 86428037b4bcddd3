/// A held training lease: the city, the job it runs and its fence number. Work running under a
/// lease (``current``) saves its models only while the lease still carries that fence.
package struct TrainingLease: Sendable, Equatable {
    package let city: String
    package let jobID: Int64
    package let fence: Int64

    package init(city: String, jobID: Int64, fence: Int64) {
        self.city = city
        self.jobID = jobID
        self.fence = fence
    }

    /// The lease the running training job holds (nil outside a leased job, e.g. in tests of the
    /// pipeline alone): the stores check it when they save.
    @TaskLocal package static var current: TrainingLease?
}

import Testing

extension Trait where Self == TimeLimitTrait {
    /// Fails a test that hangs, naming it, instead of letting the whole `swift test` pass time out.
    /// It bounds nothing else: the tests wait on events, and in the full parallel run on 2 cores a
    /// wire test has waited a minute for a thread while year-long loads ran beside it.
    static var hangGuard: Self { .timeLimit(.minutes(10)) }
}

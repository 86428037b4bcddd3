/// Why a ``TestDatabase`` could not be provided. Tests that need a database fail with it: they never
/// skip silently.
package struct TestDatabaseError: Error, Sendable, CustomStringConvertible {
    package let description: String

    /// `CRIMESCOPE_TEST_DATABASE_URL` is not set.
    package static let missingURL = TestDatabaseError(description: """
        \(TestDatabase.urlVariable) is not set: database tests need a running PostgreSQL 15 with PostGIS. \
        Start a throwaway cluster and export its URL:
            scripts/pg.sh start /tmp/cs-pg --ephemeral
            export \(TestDatabase.urlVariable)=$(scripts/pg.sh url /tmp/cs-pg)
        """)

    /// The admin URL is not something a database name can be put into.
    static func unusableURL(_ url: String) -> TestDatabaseError {
        TestDatabaseError(description: "\(TestDatabase.urlVariable) is not a postgres:// or postgresql:// URL: \(url)")
    }

    /// The template stayed in use by another session until the hang guard.
    static func templateBusy(_ template: String) -> TestDatabaseError {
        TestDatabaseError(description: "\(template) was still in use by another session after \(HangGuard.limit): cannot clone it")
    }
}

import ArgumentParser
@testable import BackendKit
import ServiceKit
import Testing

@Suite("--database-read-url: the read-only pool's URL")
struct DatabaseReadURLOptionTests {
    @Test func defaultsToTheWriteURL() throws {
        let options = try BackendOptions.parse(["--listen", "unix:///tmp/a.sock", "--database-url", "postgresql://primary/db"])
        let configuration = try options.resolve(environment: [:])
        #expect(configuration.databaseReadURL == "postgresql://primary/db")
    }

    @Test func flagThenEnvironment() throws {
        let standby = "postgresql://a:5432,b:5432/db?target_session_attrs=prefer-standby"
        let fromFlag = try BackendOptions.parse([
            "--listen", "unix:///tmp/a.sock", "--database-url", "postgresql://primary/db", "--database-read-url", standby,
        ]).resolve(environment: ["CRIMESCOPE_DATABASE_READ_URL": "postgresql://env/db"])
        #expect(fromFlag.databaseReadURL == standby)
        #expect(fromFlag.databaseURL == "postgresql://primary/db")
        let fromEnvironment = try BackendOptions.parse(["--listen", "unix:///tmp/a.sock", "--database-url", "postgresql://primary/db"])
            .resolve(environment: ["CRIMESCOPE_DATABASE_READ_URL": standby])
        #expect(fromEnvironment.databaseReadURL == standby)
    }

    @Test func anEmptyReadURLMeansTheWriteURL() throws {
        let configuration = try BackendOptions.parse(["--listen", "unix:///tmp/a.sock", "--database-url", "postgresql://primary/db"])
            .resolve(environment: ["CRIMESCOPE_DATABASE_READ_URL": ""])
        #expect(configuration.databaseReadURL == "postgresql://primary/db")
    }
}

@testable import BackendKit
import ArgumentParser
import Logging
import ServiceKit
import Testing
@testable import Wire

@Suite("Configuration: flags, then environment, then defaults")
struct BackendOptionsTests {
    @Test func flagsWinOverEnvironment() throws {
        let options = try BackendOptions.parse(["--listen", "unix:///tmp/a.sock", "--database-url", "postgresql://flag/db"])
        let configuration = try options.resolve(environment: [
            "CRIMESCOPE_DATABASE_URL": "postgresql://env/db", "CRIMESCOPE_LISTEN": "tcp://127.0.0.1:1",
        ])
        #expect(configuration.databaseURL == "postgresql://flag/db")
        #expect(configuration.endpoints == [.unix(path: "/tmp/a.sock")])
        #expect(configuration.maxFrameBytes == 4 << 20)
        #expect(configuration.writeToken == nil)
    }

    @Test func environmentFillsWhatFlagsLeaveOut() throws {
        let options = try BackendOptions.parse([])
        let configuration = try options.resolve(environment: [
            "CRIMESCOPE_DATABASE_URL": "postgresql://env/db",
            "CRIMESCOPE_LISTEN": "unix:///tmp/b.sock, tcp://127.0.0.1:7101",
            "CRIMESCOPE_WRITE_TOKEN": "s3cret", "CRIMESCOPE_MAX_FRAME_BYTES": "65536", "CRIMESCOPE_LOG_LEVEL": "DEBUG",
        ])
        #expect(configuration.endpoints == [.unix(path: "/tmp/b.sock"), .tcp(host: "127.0.0.1", port: 7101)])
        #expect(configuration.writeToken == "s3cret")
        #expect(configuration.maxFrameBytes == 65536)
        #expect(configuration.logLevel == .debug)
    }

    @Test func missingDatabaseURLNamesTheSetting() throws {
        let options = try BackendOptions.parse(["--listen", "unix:///tmp/a.sock"])
        let error = #expect(throws: ConfigurationError.self) { try options.resolve(environment: [:]) }
        #expect(error?.description.contains("--database-url") == true)
        #expect(error?.description.contains("CRIMESCOPE_DATABASE_URL") == true)
    }

    @Test func missingListenNamesTheSetting() throws {
        let options = try BackendOptions.parse(["--database-url", "x"])
        let error = #expect(throws: ConfigurationError.self) { try options.resolve(environment: [:]) }
        #expect(error?.description.contains("CRIMESCOPE_LISTEN") == true)
    }

    @Test func malformedValuesAreRejectedWithTheirName() throws {
        let badEndpoint = try BackendOptions.parse(["--listen", "http://nope", "--database-url", "x"])
        let endpointError = #expect(throws: ConfigurationError.self) { try badEndpoint.resolve(environment: [:]) }
        #expect(endpointError?.description.contains("--listen") == true)
        let badNumber = try BackendOptions.parse(["--listen", "unix:///tmp/a.sock", "--database-url", "x"])
        let numberError = #expect(throws: ConfigurationError.self) {
            try badNumber.resolve(environment: ["CRIMESCOPE_MAX_FRAME_BYTES": "lots"])
        }
        #expect(numberError?.description.contains("CRIMESCOPE_MAX_FRAME_BYTES") == true)
    }
}

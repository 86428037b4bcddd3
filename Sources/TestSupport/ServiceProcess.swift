import Foundation

/// A built CrimeScope executable (`ingest`, `heatmap`, `predict`, `gateway`) run as a child
/// process for end-to-end tests, with its stderr captured to a file.
package final class ServiceProcess: @unchecked Sendable {
    package let name: String
    let logURL: URL
    private let process: Process
    private let exit = ProcessExitEvent()

    /// The folder holding the built executables: `CRIMESCOPE_BIN_DIR`, or the debug build
    /// folder next to this source tree.
    static var binaryDirectory: URL {
        if let fromEnvironment = ProcessInfo.processInfo.environment["CRIMESCOPE_BIN_DIR"], !fromEnvironment.isEmpty {
            return URL(fileURLWithPath: fromEnvironment)
        }
        return Checkout.root.appendingPathComponent(".build/debug")
    }

    /// Starts `name` with `arguments` (and `environment` added to this process's).
    package init(_ name: String, arguments: [String], environment: [String: String] = [:], logDirectory: URL) throws {
        self.name = name
        let executable = Self.binaryDirectory.appendingPathComponent(name)
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw ServiceProcessError("\(executable.path) is not built: run `swift build` first")
        }
        logURL = logDirectory.appendingPathComponent("\(name).log")
        guard FileManager.default.createFile(atPath: logURL.path, contents: nil) else {
            throw ServiceProcessError("cannot create \(logURL.path)")
        }
        let log = try FileHandle(forWritingTo: logURL)
        process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardError = log
        process.standardOutput = log
        let exit = self.exit
        process.terminationHandler = { process in exit.exited(with: process.terminationStatus) }
        try process.run()
    }

    package var isRunning: Bool { exit.status == nil }

    /// The exit status once the process has exited (as reported to its termination handler).
    var exitStatus: Int32? { exit.status }

    /// Sends SIGTERM and waits for the exit status (nil only when a hung process outlasts `timeout`,
    /// a hang guard).
    package func terminate(timeout: Duration = HangGuard.limit) async -> Int32? {
        send(SIGTERM)
        return await waitForExit(timeout: timeout)
    }

    /// Sends `signal` (e.g. SIGSTOP and SIGCONT to pause and resume it, as a stalled machine would).
    package func send(_ signal: Int32) {
        if isRunning { kill(process.processIdentifier, signal) }
    }

    /// Kills the process hard (SIGKILL), as a crash would, and waits until it is gone.
    package func kill9() async {
        send(SIGKILL)
        _ = await waitForExit()
    }

    /// Waits for the process to end and returns its status; nil when the waiting task is cancelled
    /// or `timeout` (a hang guard, not a time budget) passes first.
    package func waitForExit(timeout: Duration = HangGuard.limit) async -> Int32? {
        await exit.wait(hangGuard: timeout)
    }

    /// The captured log so far.
    package func log() -> String {
        (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
    }

    deinit {
        if isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// A child process that could not be started.
struct ServiceProcessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

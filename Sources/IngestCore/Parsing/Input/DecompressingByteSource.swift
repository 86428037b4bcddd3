#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The output of `gzip -dc FILE` or `xz -dc FILE`, read from the child's stdout pipe in chunks.
///
/// Decompression runs in the child process, i.e. on another core than the parser. The child is
/// started with `posix_spawnp` and reaped with `waitpid` (Foundation's `Process.waitUntilExit` spins
/// a run loop and can hang on a test runner's threads). Its exit status is checked at end of input:
/// a corrupt or truncated archive throws ``SourceParseError`` (`decompressionFailed`) instead of
/// looking like a short file. Deinit of an unfinished source closes the pipe and kills the child
/// (by its pid), so abandoning a parse early leaves no process behind.
final class DecompressingByteSource: ByteSource {
    /// The decompressors this source knows.
    enum Tool: String, Sendable {
        case gzip, xz
    }

    private let pid: pid_t
    private var output: Int32
    private let path: String
    private var reaped = false

    /// Starts `tool -dc -- path` (found on `PATH`); its stderr is discarded.
    init(path: String, tool: Tool) throws {
        var pipeEnds: [Int32] = [0, 0]
        // Close-on-exec (set right after creation; Glibc's module does not export pipe2), so children
        // spawned by other threads never inherit the write end, which would hold the pipe open.
        guard pipe(&pipeEnds) == 0 else {
            throw SourceParseError(.unreadable, lineNumber: 0, "cannot create a pipe for \(tool.rawValue): \(String(cString: strerror(errno)))")
        }
        _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGPIPE)
        sigaddset(&defaultSignals, SIGTERM)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let arguments = [tool.rawValue, "-dc", "--", path]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let status = posix_spawnp(&pid, tool.rawValue, &actions, &attributes, &argv, environ)
        close(pipeEnds[1])
        guard status == 0 else {
            close(pipeEnds[0])
            throw SourceParseError(.unreadable, lineNumber: 0, "cannot start \(tool.rawValue) for \(path): \(String(cString: strerror(status)))")
        }
        self.pid = pid
        self.output = pipeEnds[0]
        self.path = path
    }

    deinit {
        if output >= 0 { close(output) }
        if !reaped {
            kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard output >= 0, let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var count: Int
        repeat {
            count = posixRead(output, base, buffer.count)
        } while count < 0 && errno == EINTR
        if count < 0 {
            throw SourceParseError(.unreadable, lineNumber: 0, "cannot read the output of decompressing \(path): \(String(cString: strerror(errno)))")
        }
        if count == 0 {
            close(output)
            output = -1
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            reaped = true
            let exited = status & 0x7F == 0
            let exitCode = (status >> 8) & 0xFF
            if !exited || exitCode != 0 {
                throw SourceParseError(
                    .decompressionFailed, lineNumber: 0,
                    "decompressing \(path) failed (\(exited ? "exit status \(exitCode)" : "signal \(status & 0x7F)")): corrupt or truncated archive?")
            }
        }
        return count
    }
}

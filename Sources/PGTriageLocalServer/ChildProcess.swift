#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The outcome of a finished child process.
public struct CommandResult: Sendable, CustomStringConvertible {
    /// Exit code; 128 + signal number when the child was killed by a signal; -1 after a timeout.
    public let status: Int32
    /// What the child wrote on stdout and stderr, interleaved as written (one capture file).
    public let output: String
    public let commandLine: String

    public var succeeded: Bool { status == 0 }
    public var description: String { "`\(commandLine)` exited \(status): \(output)" }
}

/// Failures of spawning or running a child.
public struct ChildProcessError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A small `posix_spawn` wrapper: no `Foundation.Process` (the console must stay small).
///
/// Children get stdin from /dev/null, every descriptor above 2 closed, default signal
/// dispositions and an empty signal mask. Output is captured in a temporary file, not a pipe,
/// so a daemon that a child leaves behind (pg_ctl's postmaster) can never hold us up.
public enum ChildProcess {
    /// Runs `path` with `arguments` to completion and captures stdout and stderr together.
    /// - Parameters:
    ///   - environment: the whole environment of the child (`nil`: ours).
    ///   - workingDirectory: the child's current directory (`nil`: ours).
    ///   - timeoutSeconds: after this the child is killed (SIGKILL) and `status` is -1.
    public static func run(
        _ path: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        timeoutSeconds: Double = 120
    ) throws -> CommandResult {
        var template = Array("/tmp/pgtriage-out-XXXXXX".utf8CString)
        let captureFD = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard captureFD >= 0 else { throw ChildProcessError("mkstemp failed: \(errnoText())") }
        let capturePath = stringFromCChars(template)
        defer {
            close(captureFD)
            unlink(capturePath)
        }
        let pid = try spawnChild(
            path, arguments, environment: environment, workingDirectory: workingDirectory,
            stdin: .devNull, output: .descriptor(captureFD), newProcessGroup: false
        )
        let status = waitForExit(pid, timeoutSeconds: timeoutSeconds)
        let output = readAll(fd: captureFD)
        return CommandResult(
            status: status, output: output,
            commandLine: ([path] + arguments).joined(separator: " ")
        )
    }

    /// Starts a long-running child and returns its pid; the caller reaps it with `waitForExit`.
    /// - Parameters:
    ///   - outputPath: file that receives stdout and stderr (appended); `nil`: /dev/null.
    ///   - stdinDescriptor: a descriptor of ours to become the child's stdin (`nil`: /dev/null).
    ///   - newProcessGroup: put the child in its own process group, so a Ctrl-C on the
    ///     terminal does not reach it.
    public static func spawn(
        _ path: String,
        _ arguments: [String],
        environment: [String: String]? = nil,
        workingDirectory: String? = nil,
        outputPath: String? = nil,
        stdinDescriptor: Int32? = nil,
        newProcessGroup: Bool = true
    ) throws -> pid_t {
        try spawnChild(
            path, arguments, environment: environment, workingDirectory: workingDirectory,
            stdin: stdinDescriptor.map { .descriptor($0) } ?? .devNull,
            output: outputPath.map { .appendTo($0) } ?? .devNull,
            newProcessGroup: newProcessGroup
        )
    }

    /// Waits for `pid` to end; returns its exit code, 128 + signal when killed, -1 on timeout
    /// (the child is then killed and reaped) or when it cannot be waited for.
    public static func waitForExit(_ pid: pid_t, timeoutSeconds: Double? = nil) -> Int32 {
        var status: Int32 = 0
        if let timeoutSeconds {
            let deadline = monotonicSeconds() + timeoutSeconds
            var sleepMicros: useconds_t = 1_000
            while true {
                let r = waitpid(pid, &status, WNOHANG)
                if r == pid { return decode(status) }
                if r < 0 && errno != EINTR { return -1 }
                if monotonicSeconds() > deadline {
                    kill(pid, SIGKILL)
                    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                    return -1
                }
                usleep(sleepMicros)
                sleepMicros = min(sleepMicros * 2, 20_000)
            }
        }
        while true {
            let r = waitpid(pid, &status, 0)
            if r == pid { return decode(status) }
            if r < 0 && errno != EINTR { return -1 }
        }
    }

    /// Our environment as a dictionary.
    public static func currentEnvironment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let eq = text.firstIndex(of: "=") {
                result[String(text[..<eq])] = String(text[text.index(after: eq)...])
            }
            pointer += 1
        }
        return result
    }

    /// Looks `name` up in PATH (or returns it when it contains a slash and is executable).
    public static func which(_ name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = getenv("PATH").map { String(cString: $0) } ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        for dir in ["/usr/sbin", "/sbin", "/usr/bin", "/bin"] {
            let candidate = "\(dir)/\(name)"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }

    // MARK: - Internals

    enum Stdin { case devNull, descriptor(Int32) }
    enum Output { case devNull, descriptor(Int32), appendTo(String) }

    static func spawnChild(
        _ path: String,
        _ arguments: [String],
        environment: [String: String]?,
        workingDirectory: String?,
        stdin: Stdin,
        output: Output,
        newProcessGroup: Bool
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }

        switch stdin {
        case .devNull:
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        case .descriptor(let fd):
            posix_spawn_file_actions_adddup2(&actions, fd, 0)
        }
        switch output {
        case .devNull:
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .descriptor(let fd):
            posix_spawn_file_actions_adddup2(&actions, fd, 1)
        case .appendTo(let file):
            posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        }
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        if let closeFrom = GlibcExtras.addCloseFrom {
            _ = closeFrom(&actions, 3)
        }
        var program = path
        var programArguments = arguments
        if let workingDirectory {
            if let addChdir = GlibcExtras.addChdir {
                _ = addChdir(&actions, workingDirectory)
            } else {
                // No posix_spawn chdir here: let a shell change folder, then exec the program.
                program = "/bin/sh"
                programArguments = ["-c", "cd \"$0\" && exec \"$@\"", workingDirectory, path] + arguments
            }
        }

        var flags = Int32(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF)
        if newProcessGroup {
            flags |= Int32(POSIX_SPAWN_SETPGROUP)
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        var emptyMask = sigset_t()
        sigemptyset(&emptyMask)
        posix_spawnattr_setsigmask(&attributes, &emptyMask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGPIPE, SIGINT, SIGTERM, SIGQUIT, SIGHUP, SIGCHLD, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        posix_spawnattr_setsigdefault(&attributes, &defaults)

        let env = environment ?? currentEnvironment()
        let argv: [UnsafeMutablePointer<CChar>?] = ([program] + programArguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let rc = argv.withUnsafeBufferPointer { argvBuffer in
            envp.withUnsafeBufferPointer { envpBuffer in
                posix_spawn(&pid, program, &actions, &attributes, argvBuffer.baseAddress!, envpBuffer.baseAddress!)
            }
        }
        guard rc == 0 else {
            throw ChildProcessError("cannot start \(path): \(String(cString: strerror(rc)))")
        }
        return pid
    }

    static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7f
        if signal == 0 { return (status >> 8) & 0xff }
        return 128 + signal
    }

    static func readAll(fd: Int32) -> String {
        lseek(fd, 0, SEEK_SET)
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                bytes.append(contentsOf: buffer[0..<n])
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                break
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

func monotonicSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

func errnoText() -> String { String(cString: strerror(errno)) }

/// A NUL-terminated C character array as a String.
func stringFromCChars(_ chars: [CChar]) -> String {
    String(decoding: chars.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}

/// glibc's non-portable posix_spawn extras (2.29+ / 2.34+), which the Swift Glibc module does
/// not expose: looked up at run time, nil where the C library lacks them.
enum GlibcExtras {
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32

    static let addChdir: AddChdir? = symbol("posix_spawn_file_actions_addchdir_np", as: AddChdir.self)
    static let addCloseFrom: AddCloseFrom? = symbol("posix_spawn_file_actions_addclosefrom_np", as: AddCloseFrom.self)

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        #if canImport(Glibc)
        guard let handle = dlopen(nil, RTLD_NOW), let pointer = dlsym(handle, name) else { return nil }
        return unsafeBitCast(pointer, to: type)
        #else
        return nil
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// A failure to find, start, stop or talk to a local server. `logTail` holds the last lines of
/// the server log (or of the failing tool's output) so the failure can be understood.
public struct LocalServerError: Error, CustomStringConvertible, Sendable {
    public let message: String
    public let logTail: String

    public init(_ message: String, logTail: String = "") {
        self.message = message
        self.logTail = logTail
    }

    public var description: String {
        logTail.isEmpty ? message : message + "\n--- last lines of the log ---\n" + logTail
    }
}

/// How to set up a throwaway server.
public struct LocalServerOptions: Sendable {
    public var maxConnections: Int
    /// Extra `postgresql.conf` settings, written as `name = 'value'` after ours (they win).
    public var settings: [String: String]
    /// Roles to create with these passwords after the start. Host (TCP) connections of these
    /// roles must then authenticate with `scram-sha-256`; every other connection is `trust`.
    public var passwordRoles: [String: String]
    /// Preload `pg_stat_statements` when the installation ships it.
    public var preloadPgStatStatements: Bool
    /// Seconds `pg_ctl` waits for the server to accept connections.
    public var startTimeoutSeconds: Int
    /// Starts a small watcher (`sh`) that stops the server and removes its folder when this
    /// process ends without calling `stop()` (crash, SIGKILL, `exec`); dropping the last
    /// reference to the `LocalServer` stops it too. `false`: the server lives until `stop()`,
    /// even past this process (`pgtriage demo --keep`).
    public var stopWhenProcessExits: Bool
    /// Where the temporary folder is made.
    public var temporaryParent: String

    public init(
        maxConnections: Int = 100,
        settings: [String: String] = [:],
        passwordRoles: [String: String] = [:],
        preloadPgStatStatements: Bool = true,
        startTimeoutSeconds: Int = 60,
        stopWhenProcessExits: Bool = true,
        temporaryParent: String = "/tmp"
    ) {
        self.maxConnections = maxConnections
        self.settings = settings
        self.passwordRoles = passwordRoles
        self.preloadPgStatStatements = preloadPgStatStatements
        self.startTimeoutSeconds = startTimeoutSeconds
        self.stopWhenProcessExits = stopWhenProcessExits
        self.temporaryParent = temporaryParent
    }
}

/// A throwaway PostgreSQL server: `initdb` into a temporary folder, listening on 127.0.0.1 at a
/// free port and on a Unix socket in that folder, logging to `logFile`. `stop()` removes it all.
///
/// When this process runs as root, the server tools run as the OS user `postgres` (or
/// `$PGTRIAGE_PG_USER`) through `setpriv` (PostgreSQL refuses to run as root).
/// Dropping the last reference stops the server too (unless `stopWhenProcessExits` is false).
public final class LocalServer: Sendable, CustomStringConvertible {
    public enum StopMode: String, Sendable { case smart, fast, immediate }

    public let installation: PostgresInstallation
    public let options: LocalServerOptions
    public let host = "127.0.0.1"
    public let port: Int
    /// The temporary folder holding everything below.
    public let baseDirectory: String
    public let socketDirectory: String
    public let dataDirectory: String
    public let logFile: String
    /// The OS user the server runs as (`nil`: this process's user).
    public let serverUser: String?

    let runner: ServerRunner
    private let state: Mutex<State>

    private struct State {
        var running = true
        var stopped = false
        var watcherPID: pid_t?
        var watcherFD: Int32?
    }

    init(
        installation: PostgresInstallation, options: LocalServerOptions, port: Int,
        baseDirectory: String, runner: ServerRunner
    ) {
        self.installation = installation
        self.options = options
        self.port = port
        self.baseDirectory = baseDirectory
        self.socketDirectory = baseDirectory
        self.dataDirectory = baseDirectory + "/data"
        self.logFile = baseDirectory + "/server.log"
        self.serverUser = runner.user?.name
        self.runner = runner
        self.state = Mutex(State())
    }

    deinit {
        if options.stopWhenProcessExits { stop() }
    }

    public var description: String {
        "PostgreSQL \(installation.version) (\(installation.source.rawValue)) at \(host):\(port), data \(dataDirectory)"
    }

    /// libpq keyword/value connection string for TCP on 127.0.0.1.
    public func conninfo(database: String = "postgres", user: String = "postgres") -> String {
        "host=\(host) port=\(port) dbname=\(conninfoQuote(database)) user=\(conninfoQuote(user))"
    }

    /// Whether the server is up (not stopped, not paused).
    public var isRunning: Bool { state.withLock { $0.running } }

    /// The postmaster's pid, from `postmaster.pid` (nil when not running).
    public var postmasterPID: Int32? {
        guard let text = Files.read(dataDirectory + "/postmaster.pid"),
              let first = text.split(separator: "\n").first else { return nil }
        return Int32(first.trimmingWhitespace())
    }

    /// The last lines of the server log.
    public func logTail(lines: Int = 30) -> String { Files.tail(logFile, lines: lines) }

    // MARK: - Start

    /// A new folder for a server, `NAME-XXXXXX` under the options' temporary parent.
    static func makeFolder(_ options: LocalServerOptions, name: String) throws -> String {
        var template = Array("\(options.temporaryParent)/\(name)-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw LocalServerError("cannot make a temporary folder in \(options.temporaryParent): \(errnoText())")
        }
        return stringFromCChars(template)
    }

    /// Creates and starts a server. Throws a `LocalServerError` carrying the log's last lines.
    public static func start(
        _ installation: PostgresInstallation, options: LocalServerOptions = LocalServerOptions()
    ) throws -> LocalServer {
        let runner = try ServerRunner(installation: installation)
        try runner.checkReachable()

        let base = try makeFolder(options, name: "pgtriage-\(installation.majorVersion)")
        var keep = false
        defer { if !keep { Files.removeTree(base) } }
        try runner.own(base)

        let data = base + "/data"
        let initdb = try runner.run(
            installation.tool("initdb"),
            ["-D", data, "-U", "postgres", "-E", "UTF8", "--locale=C", "-A", "trust", "--no-sync"],
            cwd: base, timeout: 180
        )
        guard initdb.succeeded else {
            throw LocalServerError(
                "initdb failed (\(installation)), exit \(initdb.status)",
                logTail: lastLines(initdb.output, 30))
        }

        if !options.passwordRoles.isEmpty {
            var hba = "# written by pgtriage's LocalServer\nlocal all all trust\n"
            for role in options.passwordRoles.keys.sorted() {
                hba += "host all \(hbaQuote(role)) 127.0.0.1/32 scram-sha-256\n"
            }
            hba += "host all all 127.0.0.1/32 trust\nhost all all ::1/128 trust\n"
            try Files.write(data + "/pg_hba.conf", hba)
        }
        try Files.write(data + "/postgresql.conf", "\ninclude 'pgtriage.conf'\n", append: true)

        let log = base + "/server.log"
        var lastError: LocalServerError?
        for _ in 1...5 {
            let port = try freeLoopbackPort()
            let conf = configuration(installation: installation, options: options, port: port, socketDir: base)
            try Files.write(data + "/pgtriage.conf", conf)
            try runner.own(data + "/pgtriage.conf")
            let started = try runner.run(
                installation.tool("pg_ctl"),
                ["-D", data, "-l", log, "-w", "-t", String(options.startTimeoutSeconds), "start"],
                cwd: base, timeout: Double(options.startTimeoutSeconds + 30)
            )
            if started.succeeded {
                let server = LocalServer(
                    installation: installation, options: options, port: port,
                    baseDirectory: base, runner: runner)
                keep = true
                do {
                    try server.createPasswordRoles()
                    if options.stopWhenProcessExits { try server.startWatcher() }
                } catch {
                    server.stop()
                    throw error
                }
                return server
            }
            let logText = Files.tail(log, lines: 30)
            lastError = LocalServerError(
                "pg_ctl start failed (\(installation), port \(port)), exit \(started.status): "
                    + started.output.trimmingWhitespace(),
                logTail: logText)
            // Someone took the port between our probe and the server's bind: try another.
            let portClash = logText.contains("Address already in use")
                || logText.contains("could not create any TCP/IP sockets")
                || logText.contains("could not create lock file")
            // A server that started late may still run: make sure it is gone before retrying.
            _ = try? runner.run(installation.tool("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], cwd: base, timeout: 60)
            if !portClash { break }
        }
        throw lastError ?? LocalServerError("pg_ctl start failed (\(installation))")
    }

    static func configuration(
        installation: PostgresInstallation, options: LocalServerOptions, port: Int, socketDir: String
    ) -> String {
        var lines: [(String, String)] = [
            ("port", String(port)),
            ("listen_addresses", "127.0.0.1"),
            ("unix_socket_directories", socketDir),
            ("max_connections", String(options.maxConnections)),
            ("fsync", "off"),
            ("synchronous_commit", "off"),
            ("full_page_writes", "off"),
            ("track_io_timing", "on"),
            ("logging_collector", "off"),
            ("log_line_prefix", "%m [%p] %q%u@%d "),
        ]
        if !options.passwordRoles.isEmpty { lines.append(("password_encryption", "scram-sha-256")) }
        if options.preloadPgStatStatements && installation.hasPgStatStatements {
            lines.append(("shared_preload_libraries", "pg_stat_statements"))
        }
        for key in options.settings.keys.sorted() { lines.append((key, options.settings[key]!)) }
        return "# written by pgtriage's LocalServer\n"
            + lines.map { "\($0.0) = '\(confQuote($0.1))'\n" }.joined()
    }

    private func createPasswordRoles() throws {
        guard !options.passwordRoles.isEmpty else { return }
        var sql = ""
        for role in options.passwordRoles.keys.sorted() {
            sql += "CREATE ROLE \(sqlIdentifier(role)) LOGIN PASSWORD \(sqlLiteral(options.passwordRoles[role]!));\n"
        }
        _ = try psql(sql)
    }

    /// A `sh` that waits for EOF on a pipe only we hold open: when this process dies, it stops
    /// the server (immediate) and removes the folder.
    func startWatcher() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw LocalServerError("pipe failed: \(errnoText())") }
        // Our spawns close every descriptor above 2 anyway; this covers anyone else's.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        let (stopPath, stopArgs) = runner.command(
            installation.tool("pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "-w", "-t", "30", "stop"])
        let stopLine = ([stopPath] + stopArgs).map(shellQuote).joined(separator: " ")
        let script = """
            while read -r _; do :; done
            \(stopLine) >/dev/null 2>&1
            rm -rf \(shellQuote(baseDirectory))
            """
        do {
            let pid = try ChildProcess.spawn(
                "/bin/sh", ["-c", script], environment: LocalServer.childEnvironment(),
                workingDirectory: "/", stdinDescriptor: fds[0], newProcessGroup: true)
            close(fds[0])
            state.withLock {
                $0.watcherPID = pid
                $0.watcherFD = fds[1]
            }
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
    }

    // MARK: - Stop, pause, resume

    /// Stops the server (fast) and removes its folder. Safe to call more than once.
    public func stop() {
        let (watcherPID, watcherFD, wasRunning): (pid_t?, Int32?, Bool) = state.withLock {
            if $0.stopped { return (nil, nil, false) }
            $0.stopped = true
            let result = ($0.watcherPID, $0.watcherFD, $0.running)
            $0.running = false
            $0.watcherPID = nil
            $0.watcherFD = nil
            return result
        }
        if let watcherPID {
            kill(watcherPID, SIGKILL)
            _ = ChildProcess.waitForExit(watcherPID)
        }
        if let watcherFD { close(watcherFD) }
        guard Files.exists(baseDirectory) else { return }
        if wasRunning || Files.exists(dataDirectory + "/postmaster.pid") {
            let result = try? runner.run(
                installation.tool("pg_ctl"), ["-D", dataDirectory, "-m", "fast", "-w", "-t", "60", "stop"],
                cwd: baseDirectory, timeout: 90)
            if result?.succeeded != true, let pid = postmasterPID, pid > 0 {
                kill(pid, SIGKILL)
                usleep(200_000)
            }
        }
        Files.removeTree(baseDirectory)
    }

    /// Stops the server process but keeps its data and port, for "server restarted" tests.
    /// `.immediate` is a crash as far as the server is concerned (recovery on `resume()`).
    public func pause(mode: StopMode = .fast) throws {
        try state.withLock { state in
            guard !state.stopped else { throw LocalServerError("server already stopped") }
            guard state.running else { return }
            let result = try runner.run(
                installation.tool("pg_ctl"), ["-D", dataDirectory, "-m", mode.rawValue, "-w", "-t", "60", "stop"],
                cwd: baseDirectory, timeout: 90)
            guard result.succeeded else {
                throw LocalServerError("pg_ctl stop failed: \(result.output.trimmingWhitespace())", logTail: logTail())
            }
            state.running = false
        }
    }

    /// Starts the paused server again, on the same port with the same data.
    public func resume() throws {
        try state.withLock { state in
            guard !state.stopped else { throw LocalServerError("server already stopped") }
            guard !state.running else { return }
            let result = try runner.run(
                installation.tool("pg_ctl"),
                ["-D", dataDirectory, "-l", logFile, "-w", "-t", String(options.startTimeoutSeconds), "start"],
                cwd: baseDirectory, timeout: Double(options.startTimeoutSeconds + 30))
            guard result.succeeded else {
                throw LocalServerError(
                    "pg_ctl start (resume on port \(port)) failed: \(result.output.trimmingWhitespace())",
                    logTail: logTail())
            }
            state.running = true
        }
    }

    // MARK: - SQL through psql

    /// Runs SQL with the installation's `psql` over the Unix socket (`-X -q -A -t`,
    /// `ON_ERROR_STOP`), each statement on its own as in a script (so `CREATE DATABASE` works).
    /// Returns the output trimmed: rows on lines, columns separated by `|`.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres", user: String = "postgres") throws -> String {
        var template = Array("/tmp/pgtriage-sql-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw LocalServerError("mkstemp failed: \(errnoText())") }
        close(fd)
        let scriptPath = stringFromCChars(template)
        defer { unlink(scriptPath) }
        try Files.write(scriptPath, sql)  // 0600 from mkstemp: psql runs as us, and SQL may hold passwords
        let psqlPath = Files.isExecutable(installation.tool("psql"))
            ? installation.tool("psql") : (ChildProcess.which("psql") ?? installation.tool("psql"))
        var env = LocalServer.childEnvironment()
        env["PGCLIENTENCODING"] = "UTF8"
        env["PGCONNECT_TIMEOUT"] = "10"
        let result = try ChildProcess.run(
            psqlPath,
            ["-h", socketDirectory, "-p", String(port), "-U", user, "-d", database,
             "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-f", scriptPath],
            environment: env, workingDirectory: "/", timeoutSeconds: 300)
        guard result.succeeded else {
            throw LocalServerError(
                "psql failed (exit \(result.status)) on \(host):\(port)/\(database): \(result.output.trimmingWhitespace())",
                logTail: logTail(lines: 10))
        }
        return result.output.trimmingWhitespace()
    }

    // MARK: - Environment

    /// Our environment without `PG*` variables (they would redirect the tools), in the C locale.
    public static func childEnvironment() -> [String: String] {
        var env = ChildProcess.currentEnvironment().filter { !$0.key.hasPrefix("PG") }
        env["LC_ALL"] = "C"
        env["LANG"] = "C"
        return env
    }
}

/// Runs the server's tools, as the `postgres` OS user when we are root.
struct ServerRunner: Sendable {
    struct User: Sendable {
        let name: String
        let uid: uid_t
        let gid: gid_t
        let wrapper: String
        let useSetpriv: Bool
    }

    let installation: PostgresInstallation
    let user: User?

    init(installation: PostgresInstallation) throws {
        self.installation = installation
        guard geteuid() == 0 else {
            self.user = nil
            return
        }
        let name = environmentValue("PGTRIAGE_PG_USER") ?? "postgres"
        guard let entry = getpwnam(name) else {
            throw LocalServerError(
                "running as root and there is no OS user '\(name)' to run PostgreSQL as "
                    + "(apt-get install postgresql creates 'postgres'; or set PGTRIAGE_PG_USER)")
        }
        let uid = entry.pointee.pw_uid
        let gid = entry.pointee.pw_gid
        if let setpriv = ChildProcess.which("setpriv") {
            self.user = User(name: name, uid: uid, gid: gid, wrapper: setpriv, useSetpriv: true)
        } else if let runuser = ChildProcess.which("runuser") {
            self.user = User(name: name, uid: uid, gid: gid, wrapper: runuser, useSetpriv: false)
        } else {
            throw LocalServerError("running as root, and neither setpriv nor runuser is there to drop to '\(name)'")
        }
    }

    /// The command line that runs `path` as the server user.
    func command(_ path: String, _ arguments: [String]) -> (String, [String]) {
        guard let user else { return (path, arguments) }
        if user.useSetpriv {
            return (user.wrapper, ["--reuid=\(user.uid)", "--regid=\(user.gid)", "--init-groups", "--", path] + arguments)
        }
        return (user.wrapper, ["-u", user.name, "--", path] + arguments)
    }

    func run(_ path: String, _ arguments: [String], cwd: String, timeout: Double) throws -> CommandResult {
        let (program, args) = command(path, arguments)
        return try ChildProcess.run(
            program, args, environment: LocalServer.childEnvironment(), workingDirectory: cwd,
            timeoutSeconds: timeout)
    }

    /// Gives `path` to the server user.
    func own(_ path: String) throws {
        guard let user else { return }
        guard chown(path, user.uid, user.gid) == 0 else {
            throw LocalServerError("cannot chown \(path) to \(user.name): \(errnoText())")
        }
    }

    /// When the tools run as another user, every folder above them must let that user through.
    func checkReachable() throws {
        guard let user else { return }
        for target in [installation.tool("postgres"), installation.libDir] {
            var path = target
            while true {
                var info = stat()
                if stat(path, &info) == 0 {
                    let mode = info.st_mode
                    let ok: Bool
                    if info.st_uid == user.uid {
                        ok = mode & S_IXUSR != 0
                    } else if info.st_gid == user.gid {
                        ok = mode & S_IXGRP != 0
                    } else {
                        ok = mode & S_IXOTH != 0
                    }
                    if !ok {
                        throw LocalServerError(
                            "PostgreSQL runs as OS user '\(user.name)', which cannot reach \(path) "
                                + "(needed for \(target)); chmod a+rX it, or keep the cache outside "
                                + "private folders (PGTRIAGE_PG_CACHE)")
                    }
                }
                let up = Files.parent(path)
                if up == path { break }
                path = up
            }
        }
    }
}

// MARK: - Helpers

/// A free TCP port on 127.0.0.1 (bind port 0, read it, close).
func freeLoopbackPort() throws -> Int {
    #if canImport(Glibc)
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
    let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw LocalServerError("socket() failed: \(errnoText())") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = 0
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard bound == 0 else { throw LocalServerError("bind(127.0.0.1:0) failed: \(errnoText())") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let named = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    guard named == 0 else { throw LocalServerError("getsockname failed: \(errnoText())") }
    return Int(UInt16(bigEndian: address.sin_port))
}

func lastLines(_ text: String, _ count: Int) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
        .trimmingWhitespace()
}

func confQuote(_ value: String) -> String {
    value.replacing("\\", with: "\\\\").replacing("'", with: "''")
}

func conninfoQuote(_ value: String) -> String {
    let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "'" || $0 == "\\" || $0 == "=" }
    guard needsQuotes else { return value }
    return "'" + value.replacing("\\", with: "\\\\").replacing("'", with: "\\'") + "'"
}

func hbaQuote(_ role: String) -> String { "\"" + role.replacing("\"", with: "\"\"") + "\"" }

func sqlIdentifier(_ name: String) -> String { "\"" + name.replacing("\"", with: "\"\"") + "\"" }

func sqlLiteral(_ value: String) -> String { "'" + value.replacing("'", with: "''") + "'" }

func shellQuote(_ value: String) -> String { "'" + value.replacing("'", with: "'\\''") + "'" }

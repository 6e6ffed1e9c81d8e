#if canImport(Glibc)
import Glibc
#endif
import PGTriageLocalServer
import Testing

/// The throwaway servers themselves: every installed version starts, answers on TCP and on its
/// socket, preloads pg_stat_statements where shipped, survives pause/resume on the same port, and
/// leaves nothing behind when stopped.
@Suite struct LocalServerTests {
    @Test func installationsAreDescribed() throws {
        let all = PostgresInstallation.all()
        let notes = PostgresInstallation.missingReasons()
        for note in notes { print("[LocalServerTests] \(note)") }
        if TestServers.isCI {
            // CI requires 15 (TestServers.requiredMajorInCI): finding nothing is a failure.
            #expect(all.contains { $0.majorVersion == TestServers.requiredMajorInCI }, "CI needs PostgreSQL \(TestServers.requiredMajorInCI): \(notes)")
        } else if all.isEmpty {
            try Test.cancel("no PostgreSQL installation found here: \(notes.joined(separator: "; "))")
        }
        for installation in all {
            #expect(installation.majorVersion >= 13, "\(installation)")
            #expect(installation.version.hasPrefix("\(installation.majorVersion)"))
            for tool in ["initdb", "pg_ctl", "postgres", "psql", "pg_isready"] {
                #expect(access(installation.tool(tool), X_OK) == 0, "\(tool) in \(installation.binDir)")
            }
            switch installation.source {
            case .embeddedPostgres:
                #expect(installation.majorVersion == 18)
                #expect(installation.hasPgStatStatements && installation.hasPgstattuple)
            case .pgserver:
                #expect(installation.majorVersion == 16)
                #expect(!installation.hasPgStatStatements)
            case .debian:
                // postgresql-contrib (in postgresql-NN since 10) ships both.
                #expect(installation.hasPgStatStatements && installation.hasPgstattuple)
            case .env:
                break
            }
        }
    }

    @Test(arguments: TestServers.availableMajors)
    func serverStartsAndAnswers(major: Int) throws {
        let server = try TestServers.require(major: major)
        #expect(server.installation.majorVersion == major)
        #expect(server.host == "127.0.0.1")
        #expect(server.port > 0 && server.port < 65536)

        // Over the Unix socket, through the psql helper.
        let versionNum = try server.psql("select current_setting('server_version_num')")
        #expect(Int(versionNum).map { $0 / 10000 } == major)

        // Over TCP, with the conninfo string exactly as we hand it to libpq users.
        let conninfo = server.conninfo()
        #expect(conninfo == "host=127.0.0.1 port=\(server.port) dbname=postgres user=postgres")
        let tcp = try ChildProcess.run(
            server.installation.tool("psql"), ["-X", "-A", "-t", "-d", conninfo, "-c", "select inet_server_port()"],
            environment: LocalServer.childEnvironment(), timeoutSeconds: 60)
        #expect(tcp.succeeded, "\(tcp)")
        #expect(tcp.output.split(separator: "\n").first.map(String.init) == String(server.port))

        let ready = try ChildProcess.run(
            server.installation.tool("pg_isready"), ["-h", server.host, "-p", String(server.port)],
            environment: LocalServer.childEnvironment(), timeoutSeconds: 30)
        #expect(ready.status == 0, "\(ready)")

        let preload = try server.psql("show shared_preload_libraries")
        let settings = try server.psql(
            "select name || '=' || setting from pg_settings where name in ('track_io_timing', 'listen_addresses', 'fsync') order by name")
        #expect(settings == "fsync=off\nlisten_addresses=127.0.0.1\ntrack_io_timing=on")
        if server.installation.hasPgStatStatements {
            #expect(preload.contains("pg_stat_statements"))
            // Database per test: the shared server is used by other tests at the same time.
            let db = "lst_pgss_\(major)"
            try server.psql("drop database if exists \(db); create database \(db);")
            let calls = try server.psql(
                """
                create extension pg_stat_statements;
                select count(*) from pg_class;
                select count(*) > 0 from pg_stat_statements where query like 'select count(*) from pg_class%';
                """, database: db)
            #expect(calls.split(separator: "\n").last == "t")
        } else {
            #expect(!preload.contains("pg_stat_statements"))
        }
    }

    @Test func pauseAndResumeKeepPortAndData() throws {
        guard let major = preferredMajor(), let server = try TestServers.dedicated(major: major) else {
            try Test.cancel("no PostgreSQL here")
        }
        defer { server.stop() }
        let port = server.port
        try server.psql("create table kept(x int); insert into kept values (42);")
        let pid = try #require(server.postmasterPID)

        try server.pause()
        #expect(!server.isRunning)
        #expect(try isReady(server) == false)
        #expect(throws: LocalServerError.self) { try server.psql("select 1") }

        try server.resume()
        #expect(server.isRunning)
        #expect(server.port == port)
        #expect(try isReady(server))
        #expect(try server.psql("select x from kept") == "42")
        #expect(server.postmasterPID != pid)
        #expect(try server.psql("show port") == String(port))

        // An immediate stop is a crash to the server: it recovers on resume.
        try server.pause(mode: .immediate)
        try server.resume()
        #expect(try server.psql("select x from kept") == "42")
    }

    @Test func stopRemovesEverythingAndIsIdempotent() throws {
        guard let major = preferredMajor(), let server = try TestServers.dedicated(major: major) else {
            try Test.cancel("no PostgreSQL here")
        }
        let base = server.baseDirectory
        #expect(access(server.dataDirectory + "/PG_VERSION", F_OK) == 0)
        #expect(access(server.socketDirectory + "/.s.PGSQL.\(server.port)", F_OK) == 0)
        #expect(server.logTail().contains("ready to accept connections"))
        let pid = try #require(server.postmasterPID)
        server.stop()
        server.stop()
        #expect(access(base, F_OK) != 0, "\(base) should be gone")
        #expect(!processIsAlive(pid), "postmaster \(pid) should be gone")
        #expect(!server.isRunning)
        #expect(throws: LocalServerError.self) { try server.resume() }
    }

    @Test func passwordRolesUseScramOverTCP() throws {
        guard let major = preferredMajor() else { try Test.cancel("no PostgreSQL here") }
        let options = LocalServerOptions(
            maxConnections: 20, settings: ["application_name": "from-settings"],
            passwordRoles: ["alice": "s3cret pass", "Bob": "o'brien"])
        guard let server = try TestServers.dedicated(major: major, options: options) else {
            try Test.cancel("no PostgreSQL \(major) here")
        }
        defer { server.stop() }
        #expect(try server.psql("show max_connections") == "20")
        #expect(try server.psql("select rolname from pg_roles where rolname in ('alice', 'Bob') order by 1")
            == "Bob\nalice")

        func connect(_ user: String, password: String?) throws -> CommandResult {
            var env = LocalServer.childEnvironment()
            if let password { env["PGPASSWORD"] = password }
            return try ChildProcess.run(
                server.installation.tool("psql"),
                ["-X", "-A", "-t", "-w", "-d", server.conninfo(user: user), "-c", "select current_user"],
                environment: env, timeoutSeconds: 60)
        }
        #expect(try connect("alice", password: nil).succeeded == false)
        #expect(try connect("alice", password: "wrong").succeeded == false)
        let alice = try connect("alice", password: "s3cret pass")
        #expect(alice.succeeded, "\(alice)")
        #expect(alice.output.hasPrefix("alice"))
        #expect(try connect("Bob", password: "o'brien").succeeded)
        // Everyone else is trusted, and the socket trusts everyone.
        #expect(try connect("postgres", password: nil).succeeded)
        #expect(try server.psql("select current_user", user: "alice") == "alice")
    }

    @Test func findReportsWhereItLooked() throws {
        do {
            _ = try PostgresInstallation.find(major: 9)
            Issue.record("PostgreSQL 9 should not be found")
        } catch let error as LocalServerError {
            #expect(error.message.contains("no PostgreSQL 9 found"))
            #expect(error.message.contains("PGTRIAGE_PG_BINDIR"))
        }
        if let newest = PostgresInstallation.all().first {
            let any = try PostgresInstallation.find()
            #expect(any.majorVersion >= 13, "\(newest)")
        }
    }

    @Test func childProcessReportsStatusAndOutput() throws {
        let ok = try ChildProcess.run("/bin/sh", ["-c", "echo out; echo err >&2; exit 3"])
        #expect(ok.status == 3)
        #expect(ok.output.contains("out") && ok.output.contains("err"))
        let cwd = try ChildProcess.run("/bin/pwd", [], workingDirectory: "/tmp")
        #expect(cwd.output == "/tmp\n")
        let env = try ChildProcess.run("/bin/sh", ["-c", "echo $ONLY"], environment: ["ONLY": "this"])
        #expect(env.output == "this\n")
        let slow = try ChildProcess.run("/bin/sleep", ["5"], timeoutSeconds: 0.3)
        #expect(slow.status == -1)
        let killed = try ChildProcess.run("/bin/sh", ["-c", "kill -9 $$"])
        #expect(killed.status == 128 + 9)
        #expect(throws: ChildProcessError.self) { try ChildProcess.run("/nonexistent/program", []) }
    }

    /// 15 when here (Debian's, what CI must have), else any installed version.
    private func preferredMajor() -> Int? {
        let installed = PostgresInstallation.all().map(\.majorVersion)
        if installed.contains(15) { return 15 }
        if TestServers.isCI { return 15 }
        return installed.first
    }

    /// Exists and is not a zombie (the postmaster's parent is init, which may reap it late).
    private func processIsAlive(_ pid: Int32) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        let fd = open("/proc/\(pid)/stat", O_RDONLY)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = read(fd, &buffer, buffer.count)
        guard n > 0 else { return false }
        let text = String(decoding: buffer[0..<n], as: UTF8.self)
        guard let paren = text.lastIndex(of: ")") else { return true }
        let state = text[text.index(after: paren)...].drop { $0 == " " }.first
        return state != "Z" && state != "X"
    }

    private func isReady(_ server: LocalServer) throws -> Bool {
        let result = try ChildProcess.run(
            server.installation.tool("pg_isready"), ["-h", server.host, "-p", String(server.port), "-t", "5"],
            environment: LocalServer.childEnvironment(), timeoutSeconds: 30)
        return result.status == 0
    }
}

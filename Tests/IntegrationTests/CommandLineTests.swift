#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

/// The real binary, as a script or a DBA would call it.
@Suite("pgtriage command line")
struct CommandLineTests {
    static let passwordRole = "triage_pw"
    static let password = "s3cret-Pw!"

    /// Every way psql accepts a server: conninfo, URI, -h/-p/-U/-d, PG* variables, .pgpass and
    /// pg_service.conf, on a server that asks this role for a password over TCP.
    @Test func connectsInEveryWayPsqlDoes() throws {
        guard let server = try TestServers.dedicated(major: 15, options: LocalServerOptions(passwordRoles: [Self.passwordRole: Self.password])) else {
            try Test.cancel("PostgreSQL 15 is not available here")
        }
        defer { server.stop() }
        let folder = NSTemporaryDirectory() + "pgtriage-conn-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let passfile = folder + "/pgpass"
        try "127.0.0.1:\(server.port):*:\(Self.passwordRole):\(Self.password)\n".write(toFile: passfile, atomically: true, encoding: .utf8)
        chmod(passfile, 0o600)
        let servicefile = folder + "/pg_service.conf"
        try "[triage]\nhost=127.0.0.1\nport=\(server.port)\nuser=postgres\ndbname=postgres\n".write(toFile: servicefile, atomically: true, encoding: .utf8)
        let noPass = ["PGPASSFILE": folder + "/none"]

        let ways: [(String, [String], [String: String])] = [
            ("conninfo", ["host=127.0.0.1 port=\(server.port) user=postgres dbname=postgres"], noPass),
            ("URI", ["postgres://postgres@127.0.0.1:\(server.port)/postgres"], noPass),
            ("flags", ["-h", "127.0.0.1", "-p", "\(server.port)", "-U", "postgres", "-d", "postgres"], noPass),
            ("PG* variables", [], ["PGHOST": "127.0.0.1", "PGPORT": "\(server.port)", "PGUSER": "postgres", "PGDATABASE": "postgres", "PGPASSFILE": folder + "/none"]),
            ("password in URI", ["postgresql://\(Self.passwordRole):\(Self.password.replacingOccurrences(of: "!", with: "%21"))@127.0.0.1:\(server.port)/postgres"], noPass),
            (".pgpass", ["host=127.0.0.1 port=\(server.port) user=\(Self.passwordRole) dbname=postgres"], ["PGPASSFILE": passfile]),
            ("pg_service.conf", ["service=triage"], ["PGSERVICEFILE": servicefile, "PGPASSFILE": folder + "/none"]),
        ]
        for (name, arguments, environment) in ways {
            let run = try Binary.run(["snapshot", "--json", "--sample", "0"] + arguments, environment: environment)
            #expect(run.status == 0, "\(name): \(run.stderr)")
            let object = try? JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            let server = object?["server"] as? [String: Any]
            #expect((server?["version_num"] as? Int ?? 0) >= 150000, "\(name): no server in \(run.stdout.prefix(200))")
            #expect(!run.stdout.contains(Self.password), "\(name) printed the password")
        }

        // A wrong password: one line, exit 2, the password never echoed.
        let wrong = try Binary.run(["snapshot", "--json", "postgresql://\(Self.passwordRole):wrong-Secret@127.0.0.1:\(server.port)/postgres"], environment: noPass)
        #expect(wrong.status == 2)
        #expect(wrong.stderr.contains("password authentication failed"))
        #expect(!wrong.stderr.contains("wrong-Secret"))
        #expect(wrong.stderr.split(separator: "\n").count == 1)
        #expect(wrong.stdout.isEmpty)
    }

    @Test func badInputGetsOneLineAndExitStatusTwo() throws {
        let cases: [(String, [String], String)] = [
            ("unknown option", ["snapshot", "--frobnicate"], "Unknown option"),
            ("unreachable", ["snapshot", "--json", "host=127.0.0.1 port=1 connect_timeout=3"], "Connection refused"),
            ("malformed conninfo", ["snapshot", "--json", "host=127.0.0.1 port"], "missing \"=\""),
            ("bad URI", ["snapshot", "--json", "postgres://[::1"], "IPv6 host address"),
            ("bad refresh", ["--refresh", "0.1", "host=127.0.0.1 port=1"], "--refresh"),
            ("negative top", ["snapshot", "--top=-1", "host=127.0.0.1 port=1"], "--top"),
            ("long sample", ["snapshot", "--sample=1e9", "host=127.0.0.1 port=1"], "--sample"),
        ]
        for (name, arguments, expected) in cases {
            let run = try Binary.run(arguments)
            #expect(run.status == 2, "\(name): status \(run.status), stderr \(run.stderr)")
            #expect(run.stderr.hasPrefix("pgtriage: "), "\(name): \(run.stderr)")
            #expect(run.stderr.contains(expected), "\(name): \(run.stderr)")
            #expect(run.stderr.split(separator: "\n").count == 1, "\(name): more than one line: \(run.stderr)")
            #expect(!run.stderr.contains("Fatal error"), "\(name)")
        }
        let missingDatabase = try TestServers.require(major: 15)
        let run = try Binary.run(["snapshot", "--json", missingDatabase.conninfo(database: "no_such_db")])
        #expect(run.status == 2)
        #expect(run.stderr.contains("no_such_db"))
        let help = try Binary.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("snapshot"))
    }

    /// Theme files are read by the `pgtriage-theme` helper: a bad one is still named with its
    /// line and key, and a good one opens (here the plan browser, which needs no server, prints).
    @Test func themeFilesGoThroughTheHelper() throws {
        let folder = NSTemporaryDirectory() + "pgtriage-theme-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bad = folder + "/bad.toml"
        try "# a typo\n[state.active]\nfg = \"reed\"\n".write(toFile: bad, atomically: true, encoding: .utf8)
        // (NO_COLOR, which the test runner may set, would pick the mono theme without a file.)
        let run = try Binary.run(["--theme", bad, "host=127.0.0.1 port=1"], environment: ["NO_COLOR": ""])
        #expect(run.status == 2)
        #expect(run.stderr == "pgtriage: theme \(bad):3: unknown colour \"reed\" for key `state.active.fg` (use default, black, red, green, yellow, blue, magenta, cyan, white, bright_<colour>, or 0-255)\n")
        // A good file gets past the theme to the connection.
        let good = folder + "/good.toml"
        try "base = \"light\"\n[state.active]\nfg = \"green\"\n".write(toFile: good, atomically: true, encoding: .utf8)
        let ok = try Binary.run(["--theme", good, "host=127.0.0.1 port=1 connect_timeout=3"], environment: ["NO_COLOR": ""])
        #expect(ok.status == 2)
        #expect(ok.stderr.contains("Connection refused") && !ok.stderr.contains("theme"), "\(ok.stderr)")

        // pgtriage copied without its helper: a themes folder found on the way gives the
        // built-in default (the console still starts); a theme asked for says what is missing.
        try FileManager.default.createDirectory(atPath: folder + "/bin", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: folder + "/themes", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Binary.path, toPath: folder + "/bin/pgtriage")
        try FileManager.default.copyItem(atPath: good, toPath: folder + "/themes/default.toml")
        let alone = try ChildProcess.run(folder + "/bin/pgtriage", ["host=127.0.0.1 port=1 connect_timeout=3"],
                                         environment: ["NO_COLOR": "", "PATH": "/usr/bin:/bin", "HOME": folder])
        #expect(alone.status == 2)
        #expect(alone.output.contains("Connection refused"), "\(alone.output)")
        let asked = try ChildProcess.run(folder + "/bin/pgtriage", ["--theme", "default", "host=127.0.0.1 port=1"],
                                         environment: ["NO_COLOR": "", "PATH": "/usr/bin:/bin", "HOME": folder])
        #expect(asked.status == 2)
        #expect(asked.output.contains("pgtriage-theme is missing"), "\(asked.output)")
    }

    /// `pgtriage plan FILE` refuses a file over 50 MB at once: exit 2 and one line.
    @Test func aPlanFileOverFiftyMegabytesIsRefused() throws {
        let path = NSTemporaryDirectory() + "pgtriage-bigplan-\(UInt32.random(in: 0...UInt32.max)).json"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 60 * 1024 * 1024)
        try handle.close()
        let run = try Binary.run(["plan", path, "--print"], timeout: 30)
        #expect(run.status == 2)
        #expect(run.stderr == "pgtriage: \(path): the input is too large (60 MB): plans up to 50 MB are read\n", "\(run.stderr)")
        #expect(run.stdout.isEmpty)
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

/// The fleet over real servers: two shared ones, a dedicated one with a blocking chain that is
/// stopped mid-run, a role with a wrong password, a port nobody listens on, a socket that
/// accepts and never answers, and a service that does not exist.
@Suite("Fleet over real servers", .serialized)
struct FleetTests {
    @Test func rowsOrderDeadServersAndJSON() throws {
        let first = try TestServers.require(major: 15)
        let second = try TestServers.availableMajors.filter { $0 != 15 }.last.flatMap { try TestServers.server(major: $0) }
        guard let victim = try TestServers.dedicated(major: 15, options: LocalServerOptions(passwordRoles: ["fleet_pw": "right"])) else {
            try TestServers.skip("no PostgreSQL 15 for a dedicated server")
        }
        defer { victim.stop() }
        let silent = try SilentListener()
        let refusedPort = try SilentListener().port  // closed again at once: nobody listens there

        // A blocking chain on the victim: a transaction idle with an exclusive lock, a reader waiting.
        let holder = try Sessions.app(victim, name: "fleet-holder")
        _ = try holder.execute("CREATE TABLE fleet_t(i int)")
        _ = try holder.execute("BEGIN; LOCK TABLE fleet_t IN ACCESS EXCLUSIVE MODE")
        let waiter = BlockedStatement(try Sessions.app(victim, name: "fleet-waiter"), "SELECT count(*) FROM fleet_t")
        #expect(try Sessions.waitUntilRunning(victim, containing: "FROM fleet_t"))

        func service(_ name: String, _ host: String, _ port: Int, user: String = "postgres", extra: String = "") -> String {
            "[\(name)]\nhost=\(host)\nport=\(port)\nuser=\(user)\ndbname=postgres\n\(extra)\n"
        }
        var file = "# the fleet of this test\n" + service("first", first.host, first.port)
        if let second { file += service("second", second.host, second.port) }
        file += service("victim", victim.host, victim.port)
        file += service("wrongpw", victim.host, victim.port, user: "fleet_pw", extra: "password=wrong")
        file += service("refused", "127.0.0.1", refusedPort)
        file += service("silent", "127.0.0.1", silent.port)
        let directory = try TemporaryDirectory(prefix: "fleet")
        let path = directory.path + "/pg_service.conf"
        try file.write(toFile: path, atomically: true, encoding: .utf8)
        setenv("PGSERVICEFILE", path, 1)

        var servers = try FleetServers.allServices(files: FleetServers.serviceFiles(environment: ["PGSERVICEFILE": path]))
        #expect(servers.map(\.name) == ["first"] + (second == nil ? [] : ["second"]) + ["victim", "wrongpw", "refused", "silent"])
        servers.append(.service("nosuch"))
        let healthy = ["first", "victim"] + (second == nil ? [] : ["second"])

        var settings = SessionSettings.forRole(.monitor)
        settings.connectTimeout = 4
        let poller = FleetPoller(servers: servers, interval: 1, settings: settings, workers: 3)
        #expect(poller.workerCount == 3)
        let started = MonotonicClock.now()
        poller.start()
        defer { poller.stop(wait: false) }
        func row(_ name: String) -> FleetRow { poller.rows().first { $0.service == name }! }

        // Every readable server is up while the silent one still hangs in its connect.
        let allUp = Sessions.waitUntil(seconds: 8) { healthy.allSatisfy { row($0).state == .up } }
        let upAfter = MonotonicClock.now() - started
        #expect(allUp, "\(poller.rows())")
        #expect(upAfter < settings.connectTimeout, "the healthy rows took \(upAfter) s: the silent server delayed them")
        #expect(row("silent").pending, "\(row("silent"))")

        #expect(Sessions.waitUntil(seconds: 10) { !row("silent").pending })
        #expect(row("silent").state == .timeout, "\(row("silent"))")
        #expect(row("refused").state == .down && (row("refused").error ?? "").contains("refused"), "\(row("refused"))")
        #expect(row("wrongpw").state == .authFailed, "\(row("wrongpw"))")
        #expect(row("nosuch").state == .down && (row("nosuch").error ?? "").contains("nosuch"), "\(row("nosuch"))")

        // The victim shows its chain, and sorts above the quiet servers.
        #expect(Sessions.waitUntil(seconds: 5) { row("victim").blockingRoots == 1 && row("victim").waiting == 1 }, "\(row("victim"))")
        let victimRow = row("victim")
        #expect(victimRow.idleInTransaction == 1 && victimRow.role == .primary && victimRow.versionNum ?? 0 >= 150000)
        #expect((victimRow.connections ?? 0) >= 2 && victimRow.maxConnections == 100)
        // (The shared servers are quiet only when no other suite runs a chain on them at that
        // moment: the victim sorts above each of them that scores less.)
        let rows = FleetRow.worstFirst(poller.rows())
        let order = rows.map(\.service)
        #expect(Array(order.prefix(4)).sorted() == ["nosuch", "refused", "silent", "wrongpw"], "\(order)")
        #expect(victimRow.severity >= 150, "\(victimRow)")
        let victimPlace = try #require(order.firstIndex(of: "victim"))
        for (place, other) in rows.enumerated() where healthy.contains(other.service) && other.severity < rows[victimPlace].severity {
            #expect(victimPlace < place, "\(order): \(other.service) scores \(other.severity)")
        }

        // While the silent server keeps timing out, the readable rows stay fresh.
        _ = Sessions.waitUntil(seconds: 2.5) { false }
        for name in healthy {
            let age = row(name).dataAge(at: Date()) ?? 99
            #expect(age < 2.5, "\(name) data is \(age) s old")
        }

        // fleet --json over the same file (the silent one left out: its connect timeout is 10 s).
        let run = try Binary.run(["fleet", "--json", "first", "victim", "wrongpw", "refused", "nosuch"],
                                 environment: ["PGSERVICEFILE": path])
        #expect(run.status == 0, "\(run.stderr)")
        let array = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]] ?? []
        let listed = array.map { $0["service"] as? String }
        #expect(Array(listed.prefix(3)) == ["nosuch", "refused", "wrongpw"], "\(run.stdout)")
        #expect(Set(listed.suffix(2)) == ["victim", "first"], "\(run.stdout)")
        // Worst first by the listed severities, ties by name (the shared server may score too).
        let ranks = array.map { (severity: $0["severity"] as? Int ?? -1, name: $0["service"] as? String ?? "") }
        let worstFirst = ranks.sorted { $0.severity != $1.severity ? $0.severity > $1.severity : $0.name < $1.name }
        #expect(ranks.map(\.name) == worstFirst.map(\.name), "\(run.stdout)")
        for object in array { #expect(Set(object.keys) == Set(FleetRowKeys.all), "\(object.keys)") }
        #expect(array.first { $0["service"] as? String == "wrongpw" }?["state"] as? String == "auth_failed")
        #expect((array.first { $0["service"] as? String == "victim" }?["blocking_roots"] as? Int) == 1)

        // Stopped mid-run: its row goes down and keeps its last figures with their age.
        // The waiter's own thread is inside libpq on its connection: let its statement end (the
        // holder's lock goes with the holder) before closing it, never under it.
        holder.close()
        waiter.finish()
        waiter.connection.close()
        victim.stop()
        #expect(Sessions.waitUntil(seconds: 8) { row("victim").state != .up }, "\(row("victim"))")
        #expect(row("victim").error != nil && row("victim").dataAt != nil)
        #expect(healthy.filter { $0 != "victim" }.allSatisfy { row($0).state == .up })
    }

    /// In tmux: the fleet list, Enter on the server with a blocking chain, its Locks pane, and
    /// back to the fleet list with `q`.
    @Test func enterLocksAndBackInTmux() throws {
        guard Binary.shellStatus("command -v tmux") == 0 else { try TestServers.skip("tmux is not installed") }
        let server = try TestServers.require(major: 15)
        let chain = try BlockingChain(server)
        defer { chain.release() }
        let (a, b, c) = (chain.a.backendPid, chain.b.backendPid, chain.c.backendPid)
        let directory = try TemporaryDirectory(prefix: "fleet-tmux")
        let path = directory.path + "/pg_service.conf"
        let refusedPort = try SilentListener().port
        try """
            [chain]
            host=\(server.host)
            port=\(server.port)
            user=postgres
            dbname=\(chain.database)

            [refused]
            host=127.0.0.1
            port=\(refusedPort)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        let tmux = try Tmux()
        defer { tmux.stop() }
        try tmux.start([Binary.path, "fleet", "--refresh", "0.5"], environment: ["PGSERVICEFILE": path, "XDG_STATE_HOME": tmux.folder])

        // Worst first: the refused server, then the one with the chain (one root, two waiting).
        let listed = tmux.waitForScreen(seconds: 15) { screen in
            let rows = screen.components(separatedBy: "\n")
            guard let refused = rows.firstIndex(where: { $0.hasSuffix(" refused") || $0.contains(" refused ") }),
                  let chained = rows.firstIndex(where: { $0.contains(" chain") && $0.contains("up") }) else { return false }
            return refused < chained && rows[chained].contains("   1 ")
        }
        #expect(listed, "\(tmux.screen())")
        tmux.send("j")
        tmux.sendKey("Enter")
        #expect(tmux.waitForScreen(seconds: 15) { $0.contains("Activity") }, "no console: \(tmux.screen())")
        tmux.send("2")
        #expect(tmux.waitForScreen(seconds: 10) { ConsoleEndToEndTests.treeLines(in: $0, a: a, b: b, c: c) != nil },
                "no A -> B -> C tree in:\n\(tmux.screen())")
        #expect(tmux.screen().contains("q fleet"), "\(tmux.screen())")
        tmux.send("q")
        #expect(tmux.waitForScreen(seconds: 5) { $0.contains("Fleet 2 servers") }, "not back on the fleet: \(tmux.screen())")
        tmux.send("q")
        #expect(tmux.waitForExit(seconds: 5), "the fleet did not quit")
    }

    /// No server named at all: exit status 2 with one line; a service file naming none, too.
    @Test func nothingNamedExitsTwo() throws {
        let directory = try TemporaryDirectory(prefix: "fleet-empty")
        let path = directory.path + "/pg_service.conf"
        try "# nothing here\n".write(toFile: path, atomically: true, encoding: .utf8)
        let empty = try Binary.run(["fleet", "--json", "--service-file", path])
        #expect(empty.status == 2 && empty.stderr.contains("no service"), "\(empty.stderr)")
        let missing = try Binary.run(["fleet", "--json", "--hosts", directory.path + "/absent"])
        #expect(missing.status == 2 && missing.stderr.contains("cannot read"), "\(missing.stderr)")
        // A service file libpq cannot parse: its services are listed, and each row says libpq's reason.
        let broken = directory.path + "/broken.conf"
        try "[db1]\nhost=127.0.0.1\nthis line is not key=value\n".write(toFile: broken, atomically: true, encoding: .utf8)
        let parsed = try Binary.run(["fleet", "--json", "--service-file", broken])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        #expect(parsed.stdout.contains("\"service\" : \"db1\"") && parsed.stdout.contains("syntax error in service file"), "\(parsed.stdout)")
        // A hosts line libpq rejects is a down row, not an exit.
        let hosts = directory.path + "/hosts"
        try "host=127.0.0.1 port=1 password=secret connect_timeout=2\nnot a conninfo\n".write(toFile: hosts, atomically: true, encoding: .utf8)
        let run = try Binary.run(["fleet", "--json", "--hosts", hosts])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("secret"), "\(run.stdout)")
        #expect(run.stdout.contains("\"line 2\""), "\(run.stdout)")
    }
}

/// The JSON row's keys as docs/fleet.md lists them.
enum FleetRowKeys {
    static let all = ["service", "state", "error", "role", "version_num", "connections", "max_connections", "active",
                      "idle_in_transaction", "waiting", "blocking_roots", "longest_xact_s", "worst_lag_bytes", "tps",
                      "cache_hit_ratio", "severity", "data_age_s"]
}

/// A temporary folder removed when dropped.
final class TemporaryDirectory {
    let path: String
    init(prefix: String) throws {
        var template = Array("/tmp/\(prefix).XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PGError(kind: .connect, message: "mkdtemp failed") }
        path = String(cString: made)
    }
    deinit { _ = try? FileManager.default.removeItem(atPath: path) }
}

import Foundation
import Testing
@testable import PGTriageCore

@Suite struct FleetNamingTests {
    @Test func serviceFilesInLibpqOrder() {
        #expect(FleetServers.serviceFiles(environment: ["HOME": "/home/dba"]) == ["/home/dba/.pg_service.conf"])
        #expect(FleetServers.serviceFiles(environment: ["HOME": "/home/dba", "PGSERVICEFILE": "/etc/fleet.conf", "PGSYSCONFDIR": "/etc/pg"])
                == ["/etc/fleet.conf", "/etc/pg/pg_service.conf"])
        #expect(FleetServers.serviceFiles(environment: [:]).isEmpty)
    }

    @Test func sectionNamesOnlyNothingElse() {
        let text = """
            # comment [not]
            [db1]
            host=db1.example
              [db two]  \r
            password=[x]
            [db1]
            garbage line libpq rejects
            []
            """
        #expect(FleetServers.sectionNames(in: text) == ["db1", "db two"])
    }

    @Test func aServiceIsPassedQuotedToLibpq() {
        #expect(FleetServer.service("db1").target.conninfo == "service='db1'")
        #expect(FleetServer.service("it's").target.conninfo == "service='it\\'s'")
    }

    @Test func hostsLinesCheckedByLibpqPasswordDropped() {
        let servers = FleetServers.hostsFile("""
            # fleet
            host=db1 port=5433 user=dba password=s3cret

            postgresql://dba:hunter2@db2:5434/shop
            host=db3 port
            host=db4 sslmode=require
            """)
        #expect(servers.count == 4)
        #expect(servers[3].name == "db4 sslmode=require")
        // Where it leads first (a row at 80 columns shows its start), then the other keywords.
        #expect(servers[0].name == "dba@db1:5433")
        #expect(servers[1].name == "dba@db2:5434/shop")
        #expect(servers[0].invalid == nil && servers[1].invalid == nil)
        #expect(servers[2].name == "line 5" && servers[2].invalid != nil)
        // The connection keeps the whole line, password included: libpq needs it.
        #expect(servers[0].target.conninfo == "host=db1 port=5433 user=dba password=s3cret")
    }

    @Test func noServiceFileOrNoServiceIsAnError() throws {
        #expect(throws: FleetNamingError.self) { try FleetServers.allServices(files: ["/nonexistent/pg_service.conf"]) }
    }
}

@Suite struct FleetRowTests {
    let now = Date(timeIntervalSince1970: 2_000_000)

    func up(_ name: String, _ change: (inout FleetRow) -> Void = { _ in }) -> FleetRow {
        var row = FleetRow(service: name)
        row.state = .up; row.error = nil; row.pending = false
        row.connections = 10; row.maxConnections = 100; row.active = 1; row.idleInTransaction = 0; row.waiting = 0
        row.blockingRoots = 0; row.longestTransactionSeconds = 1; row.cacheHitRatio = 0.999; row.dataAt = now
        change(&row)
        return row
    }

    @Test func classifiesLibpqAndServerErrors() {
        #expect(FleetServerState.classify(PGError(kind: .connect, message: "connection to server at \"127.0.0.1\", port 5432 failed: FATAL:  password authentication failed for user \"x\"")) == .authFailed)
        #expect(FleetServerState.classify(PGError(kind: .connect, message: "fe_sendauth: no password supplied")) == .authFailed)
        #expect(FleetServerState.classify(PGError(kind: .connect, message: "FATAL:  no pg_hba.conf entry for host")) == .authFailed)
        #expect(FleetServerState.classify(PGError(kind: .connect, message: "failed: FATAL:  role \"nobody\" does not exist")) == .authFailed)
        #expect(FleetServerState.classify(PGError(kind: .connect, message: "failed: FATAL:  database \"nope\" does not exist")) == .down)
        #expect(FleetServerState.classify(PGError(kind: .connect, message: "timed out after 10 s connecting")) == .timeout)
        #expect(FleetServerState.classify(PGError(kind: .connectionLost, message: "server not answering for 15 s: gave up on this connection")) == .timeout)
        #expect(FleetServerState.classify(PGError(kind: .server, message: "canceling statement due to statement timeout", sqlState: "57014")) == .timeout)
        #expect(FleetServerState.classify(PGError(kind: .connect, message: "Connection refused")) == .down)
        #expect(FleetServerState.classify(PGError(kind: .connect, message: "definition of service \"x\" not found")) == .down)
    }

    @Test func severityTable() {
        #expect(up("a").severity == 0)
        #expect(up("a") { $0.connections = 95 }.severity == 300)
        #expect(up("a") { $0.connections = 80 }.severity == 100)
        #expect(up("a") { $0.blockingRoots = 5 }.severity == 450)
        #expect(up("a") { $0.longestTransactionSeconds = 3600 }.severity == 200)
        #expect(up("a") { $0.longestTransactionSeconds = 300 }.severity == 100)
        #expect(up("a") { $0.idleInTransaction = 2; $0.waiting = 3 }.severity == 70)
        #expect(up("a") { $0.worstLagBytes = 2 << 30 }.severity == 200)
        #expect(up("a") { $0.cacheHitRatio = 0.5 }.severity == 100)
        #expect(up("a") { $0.connections = 99; $0.blockingRoots = 3; $0.longestTransactionSeconds = 9999; $0.idleInTransaction = 10 }.severity == 899)
        var down = up("b")
        down.fail(PGError(kind: .connect, message: "Connection refused"))
        #expect(down.severity == 1000 && down.state == .down && down.dataAt == now, "figures kept with their age")
        var auth = FleetRow(service: "c")
        auth.fail(PGError(kind: .connect, message: "password authentication failed"))
        #expect(auth.severity == 900)
    }

    @Test func worstFirstThenByName() {
        let rows = [up("quiet"), up("busy") { $0.blockingRoots = 1 }, up("alpha"), FleetRow(service: "zulu")]
        #expect(FleetRow.worstFirst(rows).map(\.service) == ["zulu", "busy", "alpha", "quiet"])
    }

    @Test func jsonHasEveryKeyAlways() throws {
        let rows = [up("db1") { $0.tps = 12.5; $0.role = .standby; $0.versionNum = 180001; $0.worstLagBytes = 4096 }, FleetRow(service: "db2")]
        let text = try FleetRow.json(rows, at: now.addingTimeInterval(1.5)).encoded(pretty: false)
        let array = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [[String: Any]]
        let keys = ["service", "state", "error", "role", "version_num", "connections", "max_connections", "active",
                    "idle_in_transaction", "waiting", "blocking_roots", "longest_xact_s", "worst_lag_bytes", "tps",
                    "cache_hit_ratio", "severity", "data_age_s"]
        for object in array { #expect(Set(object.keys) == Set(keys)) }
        #expect(array[0]["service"] as? String == "db2" && array[0]["state"] as? String == "down")
        #expect(array[0]["data_age_s"] is NSNull && array[0]["role"] is NSNull)
        #expect(array[1]["role"] as? String == "standby" && array[1]["data_age_s"] as? Double == 1.5)
        #expect(array[1]["worst_lag_bytes"] as? Int == 4096 && array[1]["error"] is NSNull)
    }
}

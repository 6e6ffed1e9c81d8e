#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
import Synchronization
import Testing

/// A chain A blocks B blocks C, made with real sessions: A holds a row of `a_rows` idle in
/// transaction; B locks a row of `b_rows` then waits for A's row; C waits for B's row.
final class BlockingChain {
    let a: PGConnection, b: PGConnection, c: PGConnection
    let bWait: BlockedStatement, cWait: BlockedStatement
    let database: String
    let server: LocalServer

    init(_ server: LocalServer) throws {
        self.server = server
        database = try Sessions.makeDatabase(server, prefix: "chain")
        let setup = try Sessions.app(server, database: database)
        _ = try setup.execute("""
            CREATE TABLE a_rows (id int PRIMARY KEY, v int); INSERT INTO a_rows VALUES (1, 0);
            CREATE TABLE b_rows (id int PRIMARY KEY, v int); INSERT INTO b_rows VALUES (1, 0);
            """)
        setup.close()
        a = try Sessions.app(server, database: database, name: "chain-a")
        b = try Sessions.app(server, database: database, name: "chain-b")
        c = try Sessions.app(server, database: database, name: "chain-c")
        _ = try a.execute("BEGIN; UPDATE a_rows SET v = v + 1 WHERE id = 1")
        _ = try b.execute("BEGIN; UPDATE b_rows SET v = v + 1 WHERE id = 1")
        let probe = try PGConnection(target: Sessions.target(server), role: .monitor)
        defer { probe.close() }
        let bPid = b.backendPid, cPid = c.backendPid
        bWait = BlockedStatement(b, "UPDATE a_rows SET v = v + 1 WHERE id = 1")
        // C must queue behind B, not race it: start it once B is waiting.
        _ = try Sessions.waitUntil(seconds: 10) { try Self.isWaiting(bPid, via: probe) }
        cWait = BlockedStatement(c, "UPDATE b_rows SET v = v + 1 WHERE id = 1")
        _ = try Sessions.waitUntil(seconds: 10) { try Self.isWaiting(cPid, via: probe) }
    }

    /// A monitoring connection to the chain's database.
    func monitor(user: String = "postgres") throws -> PGConnection {
        try PGConnection(target: Sessions.target(server, database: database, user: user), role: .monitor)
    }

    static func isWaiting(_ pid: Int32, via connection: PGConnection) throws -> Bool {
        try connection.query("SELECT wait_event_type = 'Lock' AS waiting FROM pg_stat_activity WHERE pid = $1", ["\(pid)"]).first?.bool("waiting") == true
    }

    /// Ends A's transaction (if A is still there) so B and C finish; closes everything.
    func release() {
        _ = try? a.execute("ROLLBACK")
        bWait.finish()
        _ = try? b.execute("COMMIT")
        cWait.finish()
        [a, b, c].forEach { $0.close() }
    }
}

@Suite("Blocking forest from real sessions", .serialized)
struct BlockingTests {
    /// The root's detail lists what it holds: the row lock's table and its transaction id.
    @Test(arguments: TestServers.availableMajors)
    func theLocksARootHoldsAreRead(major: Int) throws {
        let server = try TestServers.require(major: major)
        let chain = try BlockingChain(server)
        defer { chain.release() }
        let monitor = try chain.monitor()
        defer { monitor.close() }
        let rows = try monitor.query(Catalog.heldLocks, ["\(chain.a.backendPid)"]).allRows
        let held = try rows.map { "\(try $0.string("mode") ?? "") \(try $0.string("locktype") ?? "") \(try $0.string("relation") ?? "-")" }
        #expect(held.contains("RowExclusiveLock relation a_rows"), "\(held)")
        #expect(held.contains("ExclusiveLock transactionid -"), "\(held)")
        #expect(!held.contains { $0.contains("virtualxid") })
    }

    /// A role without pg_monitor cannot see other roles' wait events in pg_stat_activity, but
    /// pg_locks shows everyone's: it is told that someone waits, and who blocks whom.
    @Test(arguments: TestServers.availableMajors)
    func aRoleWithoutPgMonitorStillSeesTheChain(major: Int) throws {
        let server = try TestServers.require(major: major)
        let chain = try BlockingChain(server)
        defer { chain.release() }
        let role = "limited_\(major)_\(UInt16.random(in: 0...UInt16.max))"
        let admin = try Sessions.app(server)
        defer { admin.close() }
        _ = try admin.execute("CREATE ROLE \(role) LOGIN")
        defer { _ = try? admin.execute("DROP ROLE IF EXISTS \(role)") }
        let monitor = try chain.monitor(user: role)
        defer { monitor.close() }
        let info = try SnapshotReader.readServerInfo(monitor)
        #expect(!info.privileges.seesAllActivity)
        var reader = SnapshotReader(info: info)
        let snapshot = try reader.read(monitor)
        #expect(snapshot.summary.waitingOnLocks >= 2)
        // Other roles' sessions count as connections though their backend type is hidden.
        #expect(snapshot.summary.connections >= 4, "the chain's three and ours: \(snapshot.summary.connections)")
        let root = try #require(snapshot.blocking.roots.first { $0.pid == chain.a.backendPid })
        #expect(root.blocked.map(\.pid) == [chain.b.backendPid])
        #expect(root.blocked.first?.blocked.map(\.pid) == [chain.c.backendPid])
        #expect(snapshot.limitations["activity"]?.contains("pg_locks") == true)
    }

    @Test(arguments: TestServers.availableMajors)
    func chainOfDepthTwoIsOneTree(major: Int) throws {
        let server = try TestServers.require(major: major)
        let chain = try BlockingChain(server)
        defer { chain.release() }
        let monitor = try chain.monitor()
        var reader = SnapshotReader(info: try SnapshotReader.readServerInfo(monitor))
        let snapshot = try reader.read(monitor)
        let ours: Set<Int32> = [chain.a.backendPid, chain.b.backendPid, chain.c.backendPid]
        let roots = snapshot.blocking.roots.filter { ours.contains($0.pid) }
        #expect(roots.count == 1)
        let root = try #require(roots.first)
        #expect(root.pid == chain.a.backendPid)
        #expect(root.blocked.map(\.pid) == [chain.b.backendPid])
        #expect(root.blocked.first?.blocked.map(\.pid) == [chain.c.backendPid])
        #expect(root.heldUpCount == 2)

        let a = try #require(snapshot.backend(pid: chain.a.backendPid))
        #expect(a.isIdleInTransaction)
        #expect(a.application == "chain-a")
        #expect(a.query.contains("UPDATE a_rows"))
        let b = try #require(snapshot.backend(pid: chain.b.backendPid))
        #expect(b.blockedBy == [chain.a.backendPid])
        #expect(b.lockWait?.lockType == "transactionid")
        #expect(b.lockWait?.relation == "a_rows")
        #expect(b.lockWait?.summary == "ShareLock on a row of a_rows")
        let c = try #require(snapshot.backend(pid: chain.c.backendPid))
        #expect(c.blockedBy == [chain.b.backendPid])
        #expect(snapshot.summary.waitingOnLocks >= 2)
        // Our own monitoring session is not listed.
        #expect(snapshot.backend(pid: monitor.backendPid) == nil)
    }

    @Test(arguments: TestServers.availableMajors)
    func snapshotJSONFromTheBinaryShowsTheChain(major: Int) throws {
        let server = try TestServers.require(major: major)
        let chain = try BlockingChain(server)
        defer { chain.release() }
        let run = try Binary.run(["snapshot", "--json", "--sample", "0", server.conninfo(database: chain.database)])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["server"] as? [String: Any])?["version_num"] as? Int ?? 0 >= major * 10000)
        // pgtriage's own monitoring statements are not the server's workload: left out unless asked.
        if major != 16 {  // 16 (the pgserver wheel) has no pg_stat_statements
            let admin = try Sessions.app(server, database: chain.database)
            defer { admin.close() }
            _ = try admin.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
            func statements(_ arguments: [String]) throws -> [String] {
                let run = try Binary.run(["snapshot", "--json", "--sample", "0", "--top", "1000"] + arguments + [server.conninfo(database: chain.database)])
                let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
                let rows = try #require(object?["statements"] as? [[String: Any]], "\(run.stderr)")
                return rows.compactMap { $0["query"] as? String }
            }
            let ours = { (queries: [String]) in queries.filter { $0.hasSuffix(SessionSettings.statementTag) }.count }
            let hidden = try statements([])
            #expect(!hidden.isEmpty && ours(hidden) == 0)
            #expect(ours(try statements(["--own"])) > 0, "--own keeps them")
        }
        let blocking = try #require(object["blocking"] as? [[String: Any]])
        let root = try #require(blocking.first { $0["pid"] as? Int == Int(chain.a.backendPid) })
        let bNodes = try #require(root["blocked"] as? [[String: Any]])
        #expect(bNodes.map { $0["pid"] as? Int } == [Int(chain.b.backendPid)])
        let cNodes = try #require(bNodes.first?["blocked"] as? [[String: Any]])
        #expect(cNodes.map { $0["pid"] as? Int } == [Int(chain.c.backendPid)])
        let activity = try #require(object["activity"] as? [[String: Any]])
        let b = try #require(activity.first { $0["pid"] as? Int == Int(chain.b.backendPid) })
        #expect(b["wait_event_type"] as? String == "Lock")
        #expect(b["state"] as? String == "active")
        #expect(b["database"] as? String == chain.database)
    }

    /// An audit log that cannot be written (a symlink at its path) is not written through, and
    /// the action's own result says so (the UI shows it with the result: AppStateTests).
    @Test func anActionTheAuditLogCannotRecordCarriesWhy() throws {
        let server = try TestServers.require(major: 15)
        let session = try Sessions.app(server, name: "audit-refused")
        defer { session.close() }
        let folder = "/tmp/pgtriage-audit-link-\(UInt32.random(in: 0...UInt32.max))"
        try FileSystem.makeDirectories(folder)
        defer { unlink(folder + "/audit.log"); unlink(folder + "/elsewhere"); rmdir(folder) }
        try FileSystem.write(Data("before\n".utf8), to: folder + "/elsewhere")
        #expect(symlink(folder + "/elsewhere", folder + "/audit.log") == 0)
        let events = EventLog()
        let service = SnapshotService(target: Sessions.target(server), readOnly: false, interval: 30,
                                      auditLog: AuditLog(path: folder + "/audit.log"))
        service.start(events: events.append)
        defer { service.stop() }
        service.send(.cancel, to: [session.backendPid])
        let finished = events.waitFor(seconds: 10) { if case .actionFinished = $0 { return true }; return false }
        guard case .actionFinished(let result)? = finished else {
            Issue.record("no action result")
            return
        }
        #expect(result.outcome == .signalled)
        #expect(result.auditFailure?.isEmpty == false)
        #expect(FileSystem.read(folder + "/elsewhere").map { String(decoding: $0, as: UTF8.self) } == "before\n")
    }

    @Test(arguments: TestServers.availableMajors)
    func terminatingTheRootLetsTheChainProceedAndIsAudited(major: Int) throws {
        let server = try TestServers.require(major: major)
        let chain = try BlockingChain(server)
        defer { chain.release() }
        let auditPath = "/tmp/pgtriage-audit-\(UInt32.random(in: 0...UInt32.max)).log"
        defer { unlink(auditPath) }
        let events = EventLog()
        let service = SnapshotService(target: Sessions.target(server, database: chain.database), readOnly: false,
                                      interval: 0.5, auditLog: AuditLog(path: auditPath))
        service.start(events: events.append)
        defer { service.stop() }
        #expect(events.waitFor(seconds: 10) { if case .snapshot = $0 { return true }; return false } != nil)

        service.send(.terminate, to: [chain.a.backendPid])
        let finished = events.waitFor(seconds: 10) { if case .actionFinished = $0 { return true }; return false }
        guard case .actionFinished(let result)? = finished else {
            Issue.record("no action result")
            return
        }
        #expect(result.outcome == .signalled)
        #expect(result.pid == chain.a.backendPid)
        // B gets A's row and finishes; once B commits, C gets B's row.
        #expect(Sessions.waitUntil(seconds: 10) { chain.bWait.isFinished })
        _ = try chain.b.execute("COMMIT")
        #expect(Sessions.waitUntil(seconds: 10) { chain.cWait.isFinished })
        // The service reports the result before it writes the audit entry: wait for the entry.
        var entries: [AuditEntry] = []
        #expect(try Sessions.waitUntil(seconds: 10) {
            entries = try AuditLog(path: auditPath).entries()
            return !entries.isEmpty
        }, "no audit entry")
        #expect(entries.count == 1)
        #expect(entries.first?.pid == chain.a.backendPid)
        #expect(entries.first?.action == "terminate")
        #expect(entries.first?.targetQuery?.contains("UPDATE a_rows") == true)
        #expect(entries.first?.result == "terminated pid \(chain.a.backendPid)")

        // A pid that is gone: not found, and said so.
        service.send(.cancel, to: [chain.a.backendPid])
        let second = events.waitFor(seconds: 10) {
            if case .actionFinished(let r) = $0, r.signal == .cancel { return true }
            return false
        }
        if case .actionFinished(let gone)? = second { #expect(gone.outcome == .notFound) } else { Issue.record("no second result") }
    }

    @Test(arguments: TestServers.availableMajors)
    func readOnlyRefusesAndChangesNothing(major: Int) throws {
        let server = try TestServers.require(major: major)
        let chain = try BlockingChain(server)
        defer { chain.release() }
        let events = EventLog()
        let service = SnapshotService(target: Sessions.target(server, database: chain.database), readOnly: true, interval: 0.5, auditLog: nil)
        service.start(events: events.append)
        defer { service.stop() }
        service.send(.terminate, to: [chain.a.backendPid])
        let finished = events.waitFor(seconds: 10) { if case .actionFinished = $0 { return true }; return false }
        guard case .actionFinished(let result)? = finished else {
            Issue.record("no action result")
            return
        }
        #expect(result.outcome == .refused("read-only mode"))
        // Nothing was sent: a refresh read wholly after the refusal (the second one after it; the
        // first may have started before) still lists A, A's connection is alive (waitIdle reads
        // the socket, where a terminate would show), and B still waits.
        _ = events.waitFor(seconds: 10) { if case .snapshot = $0 { return true }; return false }
        let later = events.waitFor(seconds: 10) { if case .snapshot = $0 { return true }; return false }
        guard case .snapshot(let snapshot)? = later else {
            Issue.record("no snapshot after the refusal")
            return
        }
        #expect(snapshot.backend(pid: chain.a.backendPid) != nil)
        #expect(chain.a.waitIdle(seconds: 0.1), "A was terminated in read-only mode")
        #expect(!chain.bWait.isFinished)
    }

    @Test(arguments: TestServers.availableMajors)
    func ownSessionsAreNeverSignalledNorListed(major: Int) throws {
        let server = try TestServers.require(major: major)
        let events = EventLog()
        let service = SnapshotService(target: Sessions.target(server), readOnly: false, interval: 0.5, auditLog: nil)
        service.start(events: events.append)
        defer { service.stop() }
        let connected = events.waitFor(seconds: 10) { if case .connected = $0 { return true }; return false }
        guard case .connected(_, let info)? = connected else {
            Issue.record("no connection")
            return
        }
        guard case .snapshot(let snapshot)? = events.waitFor(seconds: 10, { if case .snapshot = $0 { return true }; return false }) else {
            Issue.record("no snapshot")
            return
        }
        #expect(snapshot.backend(pid: info.ownPid) == nil)
        service.send(.terminate, to: [info.ownPid])
        guard case .actionFinished(let result)? = events.waitFor(seconds: 10, { if case .actionFinished = $0 { return true }; return false }) else {
            Issue.record("no action result")
            return
        }
        #expect(result.outcome == .refused("that is pgtriage's own session"))
    }
}

/// Collects service events from the service threads; tests wait for the one they need.
final class EventLog: @unchecked Sendable {
    private let condition = WaitCondition()
    private var events: [ServiceEvent] = []
    private var consumed = 0

    var append: @Sendable (ServiceEvent) -> Void {
        { [self] event in condition.withLock { events.append(event); condition.broadcast() } }
    }

    /// The next event (after those already returned) that matches, waiting up to `seconds`.
    func waitFor(seconds: Double, _ matches: (ServiceEvent) -> Bool) -> ServiceEvent? {
        let deadline = MonotonicClock.now() + seconds
        return condition.withLock {
            while true {
                while consumed < events.count {
                    let event = events[consumed]
                    consumed += 1
                    if matches(event) { return event }
                }
                let remaining = deadline - MonotonicClock.now()
                if remaining <= 0 { return nil }
                condition.wait(seconds: remaining)
            }
        }
    }
}

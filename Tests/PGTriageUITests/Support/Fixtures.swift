#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
@testable import PGTriageUI
import PGTriageCore

/// Hand-built snapshots with fixed dates, so screens are deterministic.
enum Fixtures {
    /// The server clock of every fixture snapshot.
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func ago(_ seconds: Double) -> Date { t0.addingTimeInterval(-seconds) }

    static let ownPid: Int32 = 999
    /// A role with pg_monitor, as a DBA on call is given.
    static let info = ServerInfo(versionNum: 150_018, version: "PostgreSQL 15.18", privileges: Privileges(pgMonitor: true),
                                 currentUser: "triage", ownPid: ownPid)
    static let summary = ServerSummary(
        startTime: ago(3 * 86_400 + 4 * 3600 + 120), connections: 12, maxConnections: 100,
        activeConnections: 3, idleInTransaction: 1, waitingOnLocks: 2, tps: 154.26, cacheHitRatio: 0.9912)

    /// A: idle in transaction, holding the row lock.
    static let a = BackendActivity(
        pid: 101, database: "shop", user: "alice", application: "psql", client: "10.0.0.5:53122",
        state: "idle in transaction", waitEventType: "Client", waitEvent: "ClientRead",
        backendStart: ago(4000), xactStart: ago(300), queryStart: ago(250), stateChange: ago(249),
        query: "update accounts set balance = 0 where id = 1")
    /// B: waits for A's transaction.
    static let b = BackendActivity(
        pid: 102, database: "shop", user: "bob", application: "app", client: "10.0.0.6:40000",
        state: "active", waitEventType: "Lock", waitEvent: "transactionid",
        backendStart: ago(5000), xactStart: ago(41), queryStart: ago(40), stateChange: ago(40),
        query: "update accounts set balance = 1 where id = 1", blockedBy: [101],
        lockWait: LockWait(lockType: "transactionid", mode: "ShareLock"))
    /// C: waits for B's lock on the table.
    static let c = BackendActivity(
        pid: 103, database: "shop", user: "carol", application: "migrate", client: "local",
        state: "active", waitEventType: "Lock", waitEvent: "relation",
        backendStart: ago(100), xactStart: ago(12), queryStart: ago(12), stateChange: ago(12),
        query: "alter table accounts add column note text", blockedBy: [102],
        lockWait: LockWait(lockType: "relation", mode: "AccessExclusiveLock", relation: "public.accounts"))
    /// A short query.
    static let d = BackendActivity(
        pid: 104, database: "shop", user: "dave", application: "web", client: "10.0.0.7:1234",
        state: "active", backendStart: ago(60), xactStart: ago(0.4), queryStart: ago(0.4), stateChange: ago(0.4),
        query: "select count(*)\n  from orders")
    /// An idle session: hidden until `i`.
    static let e = BackendActivity(
        pid: 105, database: "postgres", user: "erin", application: "pgbench", client: "local",
        state: "idle", waitEventType: "Client", waitEvent: "ClientRead",
        backendStart: ago(900), queryStart: ago(800), stateChange: ago(800), query: "select 1")
    /// Our own backend: the snapshot should not list it, and the console hides it anyway.
    static let own = BackendActivity(
        pid: ownPid, database: "shop", user: "triage", application: "pgtriage", state: "active",
        queryStart: ago(0), stateChange: ago(0), query: "select ... from pg_stat_activity")

    static func snapshot(
        activity: [BackendActivity] = [a, b, c, d, e, own],
        waits: [Int32: [Int32]] = [102: [101], 103: [102]],
        at: Date = t0
    ) -> Snapshot {
        let ages = Dictionary(uniqueKeysWithValues: activity.map { ($0.pid, $0.xactAge(at: at) ?? 0) })
        return Snapshot(capturedAt: at, info: info, summary: summary, activity: activity,
                        blocking: BlockingForest.build(waits: waits, ages: ages))
    }

    /// Our clock in tests: half a second after the snapshot.
    static let now = t0.addingTimeInterval(0.5)

    /// A state that has received one snapshot, at 80x24 unless told otherwise.
    static func state(width: Int = 80, height: Int = 24, readOnly: Bool = false,
                      snapshot: Snapshot = snapshot()) -> AppState {
        var s = AppState(connectionLabel: "triage@db1:5432/shop", readOnly: readOnly, width: width,
                         height: height, now: t0)
        _ = update(&s, .service(.connected(target: "triage@db1:5432/shop", info: info)))
        _ = update(&s, .service(.snapshot(snapshot)))
        _ = update(&s, .tick(now))
        return s
    }

    /// Applies keys one by one; returns every effect but `.setScope`, which follows the screen
    /// after any key and has tests of its own (AppStateTests.scopeFollowsTheScreen).
    @discardableResult
    static func press(_ keys: [Key], _ state: inout AppState) -> [Effect] {
        keys.flatMap { update(&state, .key($0)) }.filter { if case .setScope = $0 { return false } else { return true } }
    }

    static func chars(_ text: String) -> [Key] { text.map { Key.char($0) } }
}

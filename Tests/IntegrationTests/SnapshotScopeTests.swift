#if canImport(Glibc)
import Glibc
#endif
import PGTriageCore
import PGTriageLocalServer
import Testing

/// The refresh lists only what the screen shows: idle sessions are counted but not sent unless
/// asked, while an idle session that blocks someone, and a pinned one, are always listed.
@Suite("Refresh scope against real sessions", .serialized)
struct SnapshotScopeTests {
    /// A blocking chain on the server of `major`, a monitoring session and a snapshot reader on
    /// it; the chain released and the session closed after `body`.
    func watchChain(major: Int, _ body: (LocalServer, BlockingChain, PGConnection, inout SnapshotReader) throws -> Void) throws {
        let server = try TestServers.require(major: major)
        let chain = try BlockingChain(server)
        defer { chain.release() }
        let monitor = try chain.monitor()
        defer { monitor.close() }
        var reader = SnapshotReader(info: try SnapshotReader.readServerInfo(monitor))
        try body(server, chain, monitor, &reader)
    }

    @Test(arguments: TestServers.availableMajors)
    func idleSessionsAreCountedButListedOnlyWhenAskedOrNeeded(major: Int) throws {
        let server = try TestServers.require(major: major)
        // An idle session (no transaction) holding a session-level advisory lock blocks a waiter:
        // the Locks tree needs its row even with idle sessions hidden.
        let holder = try Sessions.app(server, name: "scope-holder")
        let idle = try Sessions.app(server, name: "scope-idle")
        let pinned = try Sessions.app(server, name: "scope-pinned")
        let key = Int.random(in: 1...1_000_000_000)
        _ = try holder.execute("SELECT pg_advisory_lock(\(key))")
        let waiter = try Sessions.app(server, name: "scope-waiter")
        let wait = BlockedStatement(waiter, "SELECT pg_advisory_lock(\(key))")
        defer {
            _ = try? holder.execute("SELECT pg_advisory_unlock(\(key))")
            wait.finish()
            [holder, idle, pinned, waiter].forEach { $0.close() }
        }
        let monitor = try PGConnection(target: Sessions.target(server), role: .monitor)
        defer { monitor.close() }
        _ = try Sessions.waitUntil(seconds: 10) { try BlockingChain.isWaiting(waiter.backendPid, via: monitor) }
        var reader = SnapshotReader(info: try SnapshotReader.readServerInfo(monitor))

        let everything = try reader.read(monitor)
        let narrow = try reader.read(monitor, scope: SnapshotScope(idleSessions: false, pinnedPids: [pinned.backendPid]))

        func pids(_ s: Snapshot) -> Set<Int32> { Set(s.activity.map(\.pid)) }
        #expect(everything.idleListed && !narrow.idleListed)
        #expect(pids(everything).contains(idle.backendPid))
        #expect(!pids(narrow).contains(idle.backendPid), "an idle session was sent though hidden")
        #expect(pids(narrow).contains(holder.backendPid), "the idle blocker is missing")
        #expect(pids(narrow).contains(waiter.backendPid))
        #expect(pids(narrow).contains(pinned.backendPid), "the pinned idle session is missing")
        #expect(narrow.blocking.roots.map(\.pid).contains(holder.backendPid))
        // The same rule as the pane's: what is left out is exactly the idle-like rows that block
        // nobody and are not pinned.
        let expectedLeftOut = everything.activity.filter {
            $0.isIdleLike && $0.pid != holder.backendPid && $0.pid != pinned.backendPid
        }.map(\.pid)
        #expect(pids(everything).subtracting(pids(narrow)) == Set(expectedLeftOut))
        // Counts do not depend on what is listed (sessions may come and go between two reads in
        // a shared server, so compare what this test controls).
        #expect(narrow.backendCount >= narrow.activity.count + 1)
        #expect(everything.backendCount == everything.activity.count)
        #expect(narrow.summary.waitingOnLocks >= 1 && everything.summary.waitingOnLocks >= 1)
        #expect(!pids(narrow).contains(monitor.backendPid) && !pids(everything).contains(monitor.backendPid))
    }

    /// What a waiter waits for (pg_locks, one more round trip) is read only when the scope asks:
    /// the Activity pane and the first frame do without; the wait itself, the count and the
    /// blocking tree come with the refresh either way.
    @Test(arguments: TestServers.availableMajors)
    func lockWaitsAreReadOnlyWhenTheScopeShowsThem(major: Int) throws {
        try watchChain(major: major) { _, chain, monitor, reader in
            let activityOnly = SnapshotScope(idleSessions: false, statements: false, bloat: false, lockWaits: false)
            // Twice first, so that the refresh statement is prepared (its first two runs differ).
            for _ in 0..<2 { _ = try reader.read(monitor, scope: activityOnly) }
            var trips = monitor.roundTrips
            let without = try reader.read(monitor, scope: activityOnly)
            #expect(monitor.roundTrips == trips + 1, "pg_locks was read for a screen that does not show it")
            let b = try #require(without.backend(pid: chain.b.backendPid))
            #expect(b.isWaitingOnLock && b.lockWait == nil)
            #expect(without.summary.waitingOnLocks >= 2)
            #expect(without.blocking.roots.map(\.pid).contains(chain.a.backendPid))

            var shown = activityOnly
            shown.lockWaits = true
            trips = monitor.roundTrips
            let with = try reader.read(monitor, scope: shown)
            #expect(monitor.roundTrips == trips + 1 + 1)
            #expect(with.backend(pid: chain.b.backendPid)?.lockWait != nil)
        }
    }

    /// pg_locks is read again only when someone starts (or changes) waiting: a new waiter gets
    /// its lock named at once, and the ones already waiting keep theirs.
    @Test(arguments: TestServers.availableMajors)
    func lockWaitsFollowNewWaiters(major: Int) throws {
        try watchChain(major: major) { server, chain, monitor, reader in
            let first = try reader.read(monitor)
            let second = try reader.read(monitor)
            for pid in [chain.b.backendPid, chain.c.backendPid] {
                #expect(first.backend(pid: pid)?.lockWait != nil)
                #expect(second.backend(pid: pid)?.lockWait == first.backend(pid: pid)?.lockWait)
            }
            // A new waiter on A's row.
            let d = try Sessions.app(server, database: chain.database, name: "chain-d")
            let dWait = BlockedStatement(d, "UPDATE a_rows SET v = v + 1 WHERE id = 1")
            defer {
                // D would queue behind B once A is gone: cancel it rather than wait for the chain.
                d.cancelHandle?.cancel()
                dWait.finish()
                d.close()
            }
            _ = try Sessions.waitUntil(seconds: 10) { try BlockingChain.isWaiting(d.backendPid, via: monitor) }
            let third = try reader.read(monitor)
            #expect(third.backend(pid: d.backendPid)?.lockWait?.relation?.contains("a_rows") == true,
                    "\(String(describing: third.backend(pid: d.backendPid)?.lockWait))")
            #expect(third.backend(pid: chain.b.backendPid)?.lockWait == first.backend(pid: chain.b.backendPid)?.lockWait)
        }
    }
}

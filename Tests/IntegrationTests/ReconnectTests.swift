#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

@Suite("Service survives a server restart")
struct ReconnectTests {
    /// The console hands its probe connection to the service (one connection to wait for
    /// before the first frame, not two): that connection refreshes, and is hidden as its own.
    @Test func aHandedConnectionIsTheMonitoringConnection() throws {
        let server = try TestServers.require(major: 15)
        let probe = try PGConnection(target: Sessions.target(server), role: .monitor)
        let pid = probe.backendPid
        let watcher = try PGConnection(target: Sessions.target(server), role: .monitor)
        defer { watcher.close() }
        func lastStatementStart() throws -> Date? {
            try watcher.query("SELECT query_start FROM pg_stat_activity WHERE pid = $1::int", ["\(pid)"]).first?.date("query_start")
        }
        let before = try #require(try lastStatementStart())
        let events = EventLog()
        let service = SnapshotService(target: Sessions.target(server), readOnly: true, interval: 0.3, auditLog: nil, connection: probe)
        // As the console does: the scope first, so the first refresh reads only what is shown.
        service.setScope(SnapshotScope(idleSessions: false, statements: false, bloat: false))
        service.start(events: events.append)
        defer { service.stop() }
        let first = events.waitFor(seconds: 10) { if case .snapshot = $0 { return true }; return false }
        guard case .snapshot(let snapshot)? = first else {
            Issue.record("no snapshot")
            return
        }
        #expect(!snapshot.activity.contains { $0.pid == pid }, "its own connection is hidden")
        #expect(snapshot.statements == nil && snapshot.tables == nil, "the first refresh reads only the scope")
        #expect(try lastStatementStart().map { $0 > before } == true, "the handed connection ran the refresh")
    }

    /// A server frozen whole (postmaster and our backend stopped: it accepts connections and
    /// never answers): the service says from 3 s on that it is not answering, gives the
    /// connection up after its cancel, which must not hold it (`PQcancel` itself would wait for
    /// ever), and connects again once the server answers.
    @Test func aFrozenServerIsSaidToBeNotAnsweringThenGivenUpThenReconnected() throws {
        try watchDedicatedServer(interval: 0.5) { server, events in try freezeAndThaw(server, events) }
    }

    func freezeAndThaw(_ server: LocalServer, _ events: EventLog) throws {
        let probe = try Sessions.app(server, name: "freeze-probe")
        let monitorPid = try #require(try probe.query("SELECT pid FROM pg_stat_activity WHERE application_name = 'pgtriage'").first?.int32("pid"))
        probe.close()
        let frozen = [try #require(server.postmasterPID), monitorPid]
        for pid in frozen { #expect(kill(pid_t(pid), SIGSTOP) == 0) }
        var thawed = false
        func thaw() {
            guard !thawed else { return }
            thawed = true
            for pid in frozen { kill(pid_t(pid), SIGCONT) }
        }
        defer { thaw() }  // before the service stops

        let notAnswering = events.waitFor(seconds: 8) { if case .serverNotAnswering = $0 { return true }; return false }
        guard case .serverNotAnswering(let seconds)? = notAnswering else {
            Issue.record("nothing said the server was not answering")
            return
        }
        #expect(seconds >= 3 && seconds < 6)
        // Cancel at 10 s, given up at 15 s: the connection is reported lost, not waited for.
        let lost = events.waitFor(seconds: 20) { if case .connectionLost = $0 { return true }; return false }
        guard case .connectionLost(let error, _, _)? = lost else {
            Issue.record("the frozen connection was not given up")
            return
        }
        #expect(error.message.contains("not answering"), "\(error.message)")
        thaw()
        #expect(events.waitFor(seconds: 30) { if case .snapshot = $0 { return true }; return false } != nil,
                "no snapshot once the server answered again")
    }

    /// A PostgreSQL 15 of the test's own, watched by a service past its first snapshot; `body`
    /// ends before the service stops, and the service before the server.
    func watchDedicatedServer(interval: Double, _ body: (LocalServer, EventLog) throws -> Void) throws {
        guard let server = try TestServers.dedicated(major: 15) else {
            try Test.cancel("PostgreSQL 15 is not available here")
        }
        defer { server.stop() }
        let events = EventLog()
        let service = SnapshotService(target: Sessions.target(server), readOnly: true, interval: interval, auditLog: nil)
        service.start(events: events.append)
        defer { service.stop() }
        #expect(events.waitFor(seconds: 10) { if case .snapshot = $0 { return true }; return false } != nil)
        try body(server, events)
    }

    @Test func serverStoppedMidSessionIsReportedThenReconnected() throws {
        try watchDedicatedServer(interval: 0.3) { server, events in try stopAndResume(server, events) }
    }

    func stopAndResume(_ server: LocalServer, _ events: EventLog) throws {
        try server.pause()
        let lost = events.waitFor(seconds: 10) { if case .connectionLost = $0 { return true }; return false }
        guard case .connectionLost(let error, _, _)? = lost else {
            Issue.record("no connection-lost event after the server stopped")
            return
        }
        #expect(!error.message.isEmpty)
        #expect(!error.message.contains("\n"))
        // While it is down, attempts go on with back-off and are reported.
        #expect(events.waitFor(seconds: 10) { if case .connectionLost(_, let attempt, let retryIn) = $0 { return attempt >= 2 && retryIn > 0 }; return false } != nil)

        try server.resume()
        #expect(events.waitFor(seconds: 20) { if case .connected = $0 { return true }; return false } != nil)
        #expect(events.waitFor(seconds: 10) { if case .snapshot = $0 { return true }; return false } != nil)
    }

    @Test func stopReturnsPromptlyWhileTheServerIsDown() throws {
        let service = SnapshotService(target: ConnectionTarget(conninfo: "host=127.0.0.1 port=1"), readOnly: true, interval: 1, auditLog: nil)
        let events = EventLog()
        service.start(events: events.append)
        // Wait for a long back-off (8 s from the fifth attempt, about 7.5 s in), so that a stop
        // that slept it out instead of waking would fail the bound below.
        let longBackOff = events.waitFor(seconds: 30) {
            if case .connectionLost(_, _, let retryIn) = $0 { return retryIn >= 8 }
            return false
        }
        guard case .connectionLost(_, _, let retryIn)? = longBackOff else {
            Issue.record("no connection-lost event with a back-off of 8 s or more")
            return
        }
        let started = MonotonicClock.now()
        service.stop()
        let elapsed = MonotonicClock.now() - started
        #expect(elapsed < retryIn / 2, "stop took \(elapsed) s during a \(retryIn) s back-off")
    }
}

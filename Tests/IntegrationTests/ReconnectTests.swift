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

    @Test func serverStoppedMidSessionIsReportedThenReconnected() throws {
        guard let server = try TestServers.dedicated(major: 15) else {
            try Test.cancel("PostgreSQL 15 is not available here")
        }
        defer { server.stop() }
        let events = EventLog()
        let service = SnapshotService(target: Sessions.target(server), readOnly: true, interval: 0.3, auditLog: nil)
        service.start(events: events.append)
        defer { service.stop() }
        #expect(events.waitFor(seconds: 10) { if case .snapshot = $0 { return true }; return false } != nil)

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

#if canImport(Glibc)
import Glibc
#endif
import PGTriageCore
import PGTriageLocalServer
import Testing

@Suite("Service survives a server restart")
struct ReconnectTests {
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

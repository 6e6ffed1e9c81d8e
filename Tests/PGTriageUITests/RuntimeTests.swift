#if canImport(Glibc)
import Glibc
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import PGTriageUI
import PGTriageCore

/// Our clock in runtime tests: moves only when told.
final class TestClock {
    var now = Fixtures.now
    func advance(_ seconds: Double) { now = now.addingTimeInterval(seconds) }
}

/// The UI loop with a MemoryBackend and a scripted service: events in, keys in, effects out,
/// screens drawn.
@Suite struct RuntimeTests {
    func make(readOnly: Bool = false, width: Int = 80, height: Int = 24)
        -> (ConsoleRuntime, MemoryBackend, ScriptedService, TestClock)
    {
        let backend = MemoryBackend(width: width, height: height)
        let service = ScriptedService()
        let clock = TestClock()
        let runtime = ConsoleRuntime(
            backend: backend, service: service,
            state: AppState(connectionLabel: "triage@db1:5432/shop", readOnly: readOnly),
            clock: { clock.now }, tickMilliseconds: 250)
        return (runtime, backend, service, clock)
    }

    func feedSnapshot(_ runtime: ConsoleRuntime, _ service: ScriptedService) {
        runtime.start()  // the service has no callback before this
        service.emit(.connected(target: "triage@db1:5432/shop", info: Fixtures.info))
        service.emit(.snapshot(Fixtures.snapshot()))
        runtime.step()
    }

    /// The scope is set before the service starts: its first refresh reads what the screen
    /// shows, not every section.
    @Test func startsTheServiceAndDrawsTheConnectingScreen() {
        let (runtime, backend, service, _) = make()
        runtime.start()
        #expect(service.calls == [.setInterval(2), .setScope(SnapshotScope(idleSessions: false, statements: false, bloat: false, lockWaits: false)), .start])
        #expect(backend.drawCount == 1)
        #expect(backend.lines()[1] == " connecting...")
    }

    /// Started before the terminal opens (`EarlyStart`), the service refreshes while curses
    /// starts: it has the scope before it starts, and what it sent meanwhile is on the first
    /// frame, with no second start and no second scope.
    @Test func aServiceStartedBeforeTheTerminalHasItsEventsOnTheFirstFrame() {
        let service = ScriptedService()
        let started = EarlyStart(service: service, state: AppState(connectionLabel: "triage@db1:5432/shop", interval: 1))
        let scope = SnapshotScope(idleSessions: false, statements: false, bloat: false, lockWaits: false)
        #expect(service.calls == [.setInterval(1), .setScope(scope), .start])
        service.emit(.connected(target: "triage@db1:5432/shop", info: Fixtures.info))
        service.emit(.snapshot(Fixtures.snapshot()))
        let backend = MemoryBackend(width: 80, height: 24)
        let clock = TestClock()
        let runtime = ConsoleRuntime(backend: backend, started: started, clock: { clock.now }, tickMilliseconds: 250)
        runtime.start()
        runtime.step()
        #expect(service.calls == [.setInterval(1), .setScope(scope), .start])
        #expect(runtime.state.snapshot != nil)
        #expect(backend.lines()[1].hasPrefix(" conn "), "the header's figures: \(backend.lines()[1])")
        runtime.finish()
        #expect(service.calls.last == .stop)
    }

    /// A terminal that fails to open stops the service started early.
    @Test func anAbandonedEarlyStartStopsTheService() {
        let service = ScriptedService()
        let started = EarlyStart(service: service, state: AppState(connectionLabel: "triage@db1:5432/shop"))
        started.abandon()
        #expect(service.calls.last == .stop)
    }

    /// Every request a pane makes reaches the service: the whole text of a statement, exact bloat
    /// figures and their cancel (the scripted service implements every method, so a new one
    /// cannot go untested by default).
    @Test func paneRequestsReachTheService() {
        let (runtime, backend, service, _) = make()
        runtime.start()
        service.emit(.connected(target: "triage@db1:5432/shop", info: Fixtures.info))
        var statementsSnapshot = StatementFixtures.snapshot()
        statementsSnapshot.bloat = BloatFixtures.snapshot().bloat
        statementsSnapshot.statements?.rows[0].stats.queryIsCut = true
        service.emit(.snapshot(statementsSnapshot))
        backend.pushKeys([.char("4"), .char("x"), .char("y")])
        runtime.step()
        let oid = runtime.state.bloat.rows.first?.oid ?? 0
        #expect(service.calls.contains(.fetchExactBloat(oid)))
        backend.pushKeys([.escape])
        runtime.step()
        #expect(service.calls.last == .cancelExactBloat)
        backend.pushKeys([.char("3")])
        runtime.step()
        let cut = runtime.state.statements.rows.firstIndex { $0.stats.queryIsCut }
        #expect(cut != nil, "the fixture has a statement the list shows cut")
        backend.pushKeys(Array(repeating: Key.down, count: cut ?? 0) + [.enter])
        runtime.step()
        #expect(service.calls.contains { if case .fetchStatementText = $0 { return true } else { return false } })
    }

    @Test func aSnapshotFromTheServiceShowsOnTheScreen() {
        let (runtime, backend, service, _) = make()
        feedSnapshot(runtime, service)
        let lines = backend.lines()
        #expect(lines[1] == " conn 12/100  active 3  idle-xact 1  waiting 2  tps 154.3  cache 99.1%")
        #expect(lines[5] == "  101 shop alice idle xact Client:Client… 5m00s 4m10s update accounts set balan…")
        #expect(lines[0].hasSuffix("data 0s ago"))
    }

    @Test func eventsFromAnotherThreadWakeTheLoopAtOnce() {
        let (runtime, backend, service, _) = make()
        runtime.start()
        let snapshot = Fixtures.snapshot()
        // A real OS thread, as the service uses: a Swift task could wait for a pool thread that
        // other tests keep busy (two on this machine) and make the wake-up look late.
        let emitter = WorkerThread {
            usleep(50_000)
            service.emit(.snapshot(snapshot))
        }
        defer { emitter.join() }
        let clock = ContinuousClock()
        let started = clock.now
        // A 5 s poll: only the wake-up pipe can end it early.
        runtime.step(timeoutMilliseconds: 5000)
        let elapsed = clock.now - started
        #expect(elapsed < .seconds(2))
        #expect(backend.lines()[5].hasPrefix("  101 shop alice"))
    }

    @Test func keysBecomeServiceCallsAndResultsComeBack() {
        let (runtime, backend, service, _) = make()
        feedSnapshot(runtime, service)
        backend.pushKeys([.char("K")])
        runtime.step()
        #expect(backend.lines()[9] == "  │ Terminate pid 101?                                                       │")
        #expect(!service.calls.contains { if case .send = $0 { return true } else { return false } })
        backend.pushKeys([.char("y")])
        runtime.step()
        #expect(service.calls.last == .send(.terminate, [101]))
        service.emit(.actionFinished(ActionResult(signal: .terminate, pid: 101, outcome: .signalled)))
        runtime.step()
        // The service refreshes after an action by itself; the console does not ask again.
        #expect(!service.calls.contains(.refreshNow))
        #expect(backend.lines()[23] == "terminated pid 101")
    }

    @Test func readOnlyNeverReachesTheService() {
        let (runtime, backend, service, _) = make(readOnly: true)
        feedSnapshot(runtime, service)
        backend.pushKeys([.char(" "), .char("K"), .char("y"), .char("c"), .char("y"), .function(9), .char("y")])
        runtime.step()
        #expect(!service.calls.contains { if case .send = $0 { return true } else { return false } })
        #expect(backend.lines()[23].contains("read-only"))
    }

    @Test func pauseIntervalAndRefreshReachTheService() {
        let (runtime, backend, service, _) = make()
        feedSnapshot(runtime, service)
        backend.pushKeys([.char("p"), .char("+"), .char("-"), .char("-"), .char("r")])
        runtime.step()
        #expect(Array(service.calls.dropFirst(3)) == [.setPaused(true), .setInterval(5), .setInterval(2), .setInterval(1), .refreshNow])
        #expect(backend.lines()[0].contains("PAUSED"))
    }

    /// The service reads only what the screen shows: idle sessions once `i` lists them on
    /// Activity, the backend the detail view follows, pg_stat_statements on the Statements pane
    /// (and there no idle sessions: no list shows them).
    @Test func theServiceIsToldWhatTheScreenShows() {
        let (runtime, backend, service, _) = make()
        feedSnapshot(runtime, service)
        func lastScope() -> SnapshotScope? {
            service.calls.reversed().lazy.compactMap { if case .setScope(let s) = $0 { return s } else { return nil } }.first
        }
        #expect(lastScope() == SnapshotScope(idleSessions: false, pinnedPids: [], statements: false, bloat: false, lockWaits: false))
        backend.pushKeys([.char("i")])
        runtime.step()
        #expect(lastScope()?.idleSessions == true)
        backend.pushKeys([.enter])
        runtime.step()
        #expect(lastScope()?.pinnedPids == [runtime.state.detail?.pid ?? -1])
        backend.pushKeys([.escape, .char("3")])
        runtime.step()
        #expect(lastScope() == SnapshotScope(idleSessions: false, pinnedPids: [], statements: true, bloat: false, lockWaits: false))
        let count = service.calls.count
        runtime.step()
        #expect(service.calls.count == count, "an unchanged scope is not sent again")
    }

    @Test func detailAsksForTheWholeQueryText() {
        let (runtime, backend, service, _) = make()
        var a = Fixtures.a
        a.query = "select aaaa"
        a.queryIsCut = true
        runtime.start()
        service.emit(.snapshot(Fixtures.snapshot(activity: [a], waits: [:])))
        runtime.step()
        backend.pushKeys([.enter])
        runtime.step()
        #expect(service.calls.contains(.fetchQueryText(101)))
        service.emit(.queryText(pid: 101, text: "select aaaa, bbbb", cutByServer: false))
        runtime.step()
        #expect(backend.lines().contains("│ select aaaa, bbbb" + String(repeating: " ", count: 60) + "│"))
    }

    @Test func resizeRedrawsAtOnceAndRecovers() {
        let (runtime, backend, service, _) = make()
        feedSnapshot(runtime, service)
        backend.resize(width: 60, height: 20)
        runtime.step()
        #expect(backend.lines()[9] == "         terminal too small: need 80x24, have 60x20")
        backend.resize(width: 100, height: 30)
        runtime.step()
        #expect(backend.lines().count == 30)
        #expect(backend.lines()[5].hasPrefix("  101 shop alice"))
        #expect(runtime.state.width == 100 && runtime.state.height == 30)
    }

    @Test func drawsOnlyWhenTheScreenChanges() {
        let (runtime, backend, service, clock) = make()
        feedSnapshot(runtime, service)
        let drawn = backend.drawCount
        runtime.step()
        runtime.step()
        #expect(backend.drawCount == drawn)
        clock.advance(0.01)  // data age still "0s"
        runtime.step()
        #expect(backend.drawCount == drawn)
        clock.advance(1.1)  // "1s ago", the next snapshot (every 2 s) not due yet: the header moves
        runtime.step()
        #expect(backend.drawCount == drawn + 1)
        #expect(backend.lines()[0].hasSuffix("data 1s ago"))
        clock.advance(1.0)  // the snapshot is due: no frame of its own, the snapshot's will do
        runtime.step()
        #expect(backend.drawCount == drawn + 1)
        clock.advance(0.5)  // late: the age shows it
        runtime.step()
        #expect(backend.drawCount == drawn + 2)
        #expect(backend.lines()[0].hasSuffix("data 2s ago"))
    }

    @Test func quitStopsTheServiceAndTheLoop() {
        let (runtime, backend, service, _) = make()
        feedSnapshot(runtime, service)
        backend.pushKeys([.char("q"), .char("k")])
        #expect(runtime.step() == false)
        #expect(service.calls.last == .stop)
        #expect(runtime.step() == false)
        // A late event from a service thread is dropped, not written to a closed pipe.
        service.emit(.snapshot(Fixtures.snapshot()))
        #expect(runtime.step() == false)
        #expect(service.calls.filter { $0 == .stop }.count == 1)
    }

    @Test func runLoopsUntilQuit() {
        let (runtime, backend, service, _) = make()
        backend.pushKeys([.char("2"), .char("q")])
        let final = runtime.run()
        #expect(final.quitting)
        #expect(final.pane == .locks)
        #expect(service.calls.contains(.start) && service.calls.last == .stop)
    }
}

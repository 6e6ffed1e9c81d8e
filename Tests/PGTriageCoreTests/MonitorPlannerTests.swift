import Testing
@testable import PGTriageCore

/// The monitoring loop's decisions, driven step by step with a fake clock and no server: each
/// step is an event and the action the planner answers (as postgres-nio's
/// ConnectionStateMachineTests do).
@Suite struct MonitorPlannerTests {
    let refused = PGError(kind: .connect, message: "connection refused")
    let gone = PGError(kind: .connectionLost, message: "server closed the connection unexpectedly")
    let statementsOnly = SnapshotScope(statements: true, bloat: false)
    let bloatOnly = SnapshotScope(statements: false, bloat: true)
    let neither = SnapshotScope(statements: false, bloat: false)

    /// A planner that has just connected at time 0 (its first refresh is due at once).
    func connectedPlanner(interval: Double, scope: SnapshotScope = .everything) -> MonitorPlanner {
        var planner = MonitorPlanner(interval: interval, scope: scope)
        _ = planner.nextAction(now: 0)
        planner.connected()
        return planner
    }

    /// The refresh of `scope` when statements are read exactly while shown (every test but the
    /// statements one, which spells its refreshes out).
    func refresh(_ scope: SnapshotScope, readBloat: Bool) -> MonitorPlanner.Action {
        .refresh(.init(scope: scope, readStatements: scope.statements, resetStatementRates: false, readSlow: readBloat ? Set(scope.sections.filter(\.isSlow)) : []))
    }

    @Test func firstConnectThenRefreshOnTheInterval() {
        var planner = MonitorPlanner(interval: 2)
        #expect(planner.nextAction(now: 0) == .connect)
        planner.connected()
        #expect(planner.nextAction(now: 0.1) == refresh(.everything, readBloat: true))
        planner.refreshed(now: 0.4)
        // The interval runs from the start of the refresh, not its end.
        #expect(planner.nextAction(now: 0.4) == .wait(until: 2.1))
        #expect(planner.nextAction(now: 2.0) == .wait(until: 2.1))
        #expect(planner.nextAction(now: 2.1) == refresh(.everything, readBloat: false))
    }

    @Test func connectFailuresBackOffFromHalfASecondToTen() {
        var planner = MonitorPlanner(interval: 2)
        var now = 0.0
        for (index, delay) in [0.5, 1, 2, 4, 8, 10, 10].enumerated() {
            #expect(planner.nextAction(now: now) == .connect)
            planner.connectFailed(refused, now: now)
            #expect(planner.nextAction(now: now) == .reportLost(refused, attempt: index + 1, retryIn: delay))
            #expect(planner.nextAction(now: now) == .wait(until: now + delay))
            now += delay
        }
        #expect(planner.nextAction(now: now) == .connect)
        planner.connected()
        #expect(planner.nextAction(now: now) == refresh(.everything, readBloat: true))
        // A later failure starts the back-off over.
        planner.connectionLost(gone)
        #expect(planner.nextAction(now: now) == .reportLost(gone, attempt: 1, retryIn: 0))
        #expect(planner.nextAction(now: now) == .connect)
        planner.connectFailed(refused, now: now)
        #expect(planner.nextAction(now: now) == .reportLost(refused, attempt: 2, retryIn: 1))
    }

    @Test func reconnectDelayDoublesToTenSeconds() {
        #expect(MonitorPlanner.reconnectDelay(attempt: 1) == 0.5)
        #expect(MonitorPlanner.reconnectDelay(attempt: 2) == 1)
        #expect(MonitorPlanner.reconnectDelay(attempt: 4) == 4)
        #expect(MonitorPlanner.reconnectDelay(attempt: 50) == 10)
    }

    /// Only stopping ends a back-off early: a refresh or text asked for meanwhile waits for the
    /// connection, then is served.
    @Test func requestsDuringTheBackOffWaitForTheConnection() {
        var planner = MonitorPlanner(interval: 2)
        _ = planner.nextAction(now: 0)
        planner.connectFailed(refused, now: 0)
        _ = planner.nextAction(now: 0)
        planner.requestRefresh()
        planner.requestQueryText(pid: 42)
        #expect(planner.nextAction(now: 0.1) == .wait(until: 0.5))
        #expect(planner.nextAction(now: 0.5) == .connect)
        planner.connected()
        #expect(planner.nextAction(now: 0.6) == refresh(.everything, readBloat: true))
        planner.refreshed(now: 0.7)
        #expect(planner.nextAction(now: 0.7) == .answerTexts(queryPids: [42], statements: []))
        #expect(planner.nextAction(now: 0.8) == .wait(until: 2.6))
    }

    @Test func connectionLostMidRefreshReconnectsAtOnceThenBacksOff() {
        var planner = connectedPlanner(interval: 2)
        #expect(planner.nextAction(now: 0) == refresh(.everything, readBloat: true))
        planner.connectionLost(gone)
        #expect(planner.nextAction(now: 0.2) == .reportLost(gone, attempt: 1, retryIn: 0))
        #expect(planner.nextAction(now: 0.2) == .connect)
        planner.connectFailed(refused, now: 0.3)
        #expect(planner.nextAction(now: 0.3) == .reportLost(refused, attempt: 2, retryIn: 1))
        #expect(planner.nextAction(now: 0.3) == .wait(until: 1.3))
        #expect(planner.nextAction(now: 1.3) == .connect)
        planner.connectFailed(refused, now: 1.3)
        #expect(planner.nextAction(now: 1.3) == .reportLost(refused, attempt: 3, retryIn: 2))
    }

    @Test func pauseStopsIntervalRefreshesButRefreshNowStillRefreshesOnce() {
        var planner = connectedPlanner(interval: 2, scope: statementsOnly)
        #expect(planner.nextAction(now: 0) == refresh(statementsOnly, readBloat: false))
        planner.refreshed(now: 0.2)
        #expect(planner.nextAction(now: 0.2) == .wait(until: 2))
        planner.setPaused(true)
        #expect(planner.nextAction(now: 0.5) == .wait(until: nil))
        #expect(planner.nextAction(now: 100) == .wait(until: nil))
        planner.requestRefresh()
        #expect(planner.nextAction(now: 101) == refresh(statementsOnly, readBloat: false))
        planner.refreshed(now: 101.2)
        #expect(planner.nextAction(now: 101.2) == .wait(until: nil))
        #expect(planner.nextAction(now: 200) == .wait(until: nil))
        // Resuming refreshes at once, then on the interval again.
        planner.setPaused(false)
        #expect(planner.nextAction(now: 201) == refresh(statementsOnly, readBloat: false))
        planner.refreshed(now: 201.1)
        #expect(planner.nextAction(now: 201.1) == .wait(until: 203))
    }

    @Test func resumingBeforeTheIntervalIsUpRefreshesAtOnce() {
        var planner = connectedPlanner(interval: 10, scope: statementsOnly)
        _ = planner.nextAction(now: 0)
        planner.refreshed(now: 0.2)
        #expect(planner.nextAction(now: 0.2) == .wait(until: 10))
        planner.setPaused(true)
        #expect(planner.nextAction(now: 1) == .wait(until: nil))
        planner.setPaused(false)
        #expect(planner.nextAction(now: 2) == refresh(statementsOnly, readBloat: false))
    }

    @Test func connectingWhilePausedWaitsForResumeOrRefreshNow() {
        var planner = MonitorPlanner(interval: 2)
        planner.setPaused(true)
        #expect(planner.nextAction(now: 0) == .connect)
        planner.connected()
        #expect(planner.nextAction(now: 0.1) == .wait(until: nil))
        planner.requestRefresh()
        #expect(planner.nextAction(now: 5) == refresh(.everything, readBloat: true))
    }

    @Test func intervalChangeWhileWaitingRefreshesAtOnceThenKeepsTheNewInterval() {
        var planner = connectedPlanner(interval: 2)
        _ = planner.nextAction(now: 0)
        planner.refreshed(now: 0.2)
        #expect(planner.nextAction(now: 0.2) == .wait(until: 2))
        planner.setInterval(2)
        #expect(planner.nextAction(now: 0.3) == .wait(until: 2))
        planner.setInterval(5)
        #expect(planner.nextAction(now: 1) == refresh(.everything, readBloat: false))
        planner.refreshed(now: 1.2)
        #expect(planner.nextAction(now: 1.2) == .wait(until: 6))
    }

    /// Made while a refresh runs, the change applies from the next wait on (the loop's sleep has
    /// always compared against the settings it started with).
    @Test func intervalChangeDuringARefreshOnlyMovesTheNextDeadline() {
        var planner = connectedPlanner(interval: 2)
        #expect(planner.nextAction(now: 0) == refresh(.everything, readBloat: true))
        planner.setInterval(10)
        planner.refreshed(now: 0.2)
        #expect(planner.nextAction(now: 0.2) == .wait(until: 10))
    }

    @Test func scopeChangeRefreshesAtOnceEvenWhenPaused() {
        var planner = connectedPlanner(interval: 2)
        _ = planner.nextAction(now: 0)
        planner.refreshed(now: 0.2)
        #expect(planner.nextAction(now: 0.2) == .wait(until: 2))
        planner.setScope(.everything)
        #expect(planner.nextAction(now: 0.5) == .wait(until: 2))
        planner.setScope(statementsOnly)
        #expect(planner.nextAction(now: 0.5) == refresh(statementsOnly, readBloat: false))
        planner.refreshed(now: 0.6)
        planner.setPaused(true)
        #expect(planner.nextAction(now: 0.6) == .wait(until: nil))
        planner.setScope(neither)
        #expect(planner.nextAction(now: 0.7) == .refresh(.init(scope: neither, readStatements: false, resetStatementRates: true, readSlow: [])))
    }

    @Test func statementsAreReadWhileShownAndRatesResetAfterAGap() {
        var planner = connectedPlanner(interval: 2, scope: statementsOnly)
        #expect(planner.nextAction(now: 0) == .refresh(.init(scope: statementsOnly, readStatements: true, resetStatementRates: false, readSlow: [])))
        planner.refreshed(now: 0.1)
        #expect(planner.nextAction(now: 2) == .refresh(.init(scope: statementsOnly, readStatements: true, resetStatementRates: false, readSlow: [])))
        planner.refreshed(now: 2.1)
        planner.setScope(neither)
        #expect(planner.nextAction(now: 2.5) == .refresh(.init(scope: neither, readStatements: false, resetStatementRates: true, readSlow: [])))
        planner.refreshed(now: 2.6)
        // Once forgotten, the counters need no second reset.
        #expect(planner.nextAction(now: 4.5) == .refresh(.init(scope: neither, readStatements: false, resetStatementRates: false, readSlow: [])))
        planner.refreshed(now: 4.6)
        planner.setScope(statementsOnly)
        #expect(planner.nextAction(now: 5) == .refresh(.init(scope: statementsOnly, readStatements: true, resetStatementRates: false, readSlow: [])))
    }

    @Test func aResetThatFailedIsAskedForAgain() {
        var planner = connectedPlanner(interval: 2, scope: statementsOnly)
        _ = planner.nextAction(now: 0)
        planner.refreshed(now: 0.1)
        planner.setScope(neither)
        #expect(planner.nextAction(now: 0.5) == .refresh(.init(scope: neither, readStatements: false, resetStatementRates: true, readSlow: [])))
        planner.refreshFailed()
        #expect(planner.nextAction(now: 2.5) == .refresh(.init(scope: neither, readStatements: false, resetStatementRates: true, readSlow: [])))
    }

    @Test func bloatIsReadAtMostEveryThirtySecondsWhileShownAndAtOnceAfterAReconnect() {
        var planner = connectedPlanner(interval: 10, scope: bloatOnly)
        #expect(planner.nextAction(now: 0) == refresh(bloatOnly, readBloat: true))
        planner.refreshed(now: 1)
        #expect(planner.nextAction(now: 10) == refresh(bloatOnly, readBloat: false))
        planner.refreshed(now: 10.1)
        #expect(planner.nextAction(now: 20) == refresh(bloatOnly, readBloat: false))
        planner.refreshed(now: 20.1)
        // 29 s since the estimate arrived: the last one is shown again.
        #expect(planner.nextAction(now: 30) == refresh(bloatOnly, readBloat: false))
        planner.refreshed(now: 30.1)
        #expect(planner.nextAction(now: 40) == refresh(bloatOnly, readBloat: true))
        planner.refreshed(now: 41)
        #expect(planner.nextAction(now: 50) == refresh(bloatOnly, readBloat: false))
        planner.connectionLost(gone)
        #expect(planner.nextAction(now: 50.1) == .reportLost(gone, attempt: 1, retryIn: 0))
        #expect(planner.nextAction(now: 50.1) == .connect)
        planner.connected()
        #expect(planner.nextAction(now: 50.2) == refresh(bloatOnly, readBloat: true))
    }

    @Test func bloatIsNotReadWhileHiddenAndAFailedReadIsTriedAgain() {
        var planner = connectedPlanner(interval: 10, scope: neither)
        #expect(planner.nextAction(now: 0) == refresh(neither, readBloat: false))
        planner.refreshed(now: 0.1)
        planner.setScope(bloatOnly)
        #expect(planner.nextAction(now: 1) == refresh(bloatOnly, readBloat: true))
        planner.refreshFailed()
        #expect(planner.nextAction(now: 11) == refresh(bloatOnly, readBloat: true))
    }

    @Test func textRequestsAreAnsweredAfterARefresh() {
        let key = StatementKey(userid: 10, dbid: 5, queryid: 77)
        var planner = connectedPlanner(interval: 2)
        _ = planner.nextAction(now: 0)
        planner.refreshed(now: 0.2)
        #expect(planner.nextAction(now: 0.2) == .wait(until: 2))
        planner.requestQueryText(pid: 42)
        planner.requestStatementText(key: key)
        #expect(planner.nextAction(now: 0.5) == refresh(.everything, readBloat: false))
        // Asked while the refresh runs: answered with the others, with no second refresh.
        planner.requestQueryText(pid: 43)
        planner.refreshed(now: 0.6)
        #expect(planner.nextAction(now: 0.6) == .answerTexts(queryPids: [42, 43], statements: [key]))
        #expect(planner.nextAction(now: 0.7) == .wait(until: 2.5))
    }

    @Test func textRequestsWhilePausedAreAnsweredWithoutARefresh() {
        var planner = connectedPlanner(interval: 2)
        _ = planner.nextAction(now: 0)
        planner.refreshed(now: 0.2)
        planner.setPaused(true)
        #expect(planner.nextAction(now: 0.3) == .wait(until: nil))
        planner.requestQueryText(pid: 42)
        #expect(planner.nextAction(now: 9) == .answerTexts(queryPids: [42], statements: []))
        #expect(planner.nextAction(now: 9.1) == .wait(until: nil))
    }

    @Test func stopEndsEverything() {
        var waiting = connectedPlanner(interval: 2)
        _ = waiting.nextAction(now: 0)
        waiting.refreshed(now: 0.2)
        #expect(waiting.nextAction(now: 0.2) == .wait(until: 2))
        waiting.stop()
        #expect(waiting.nextAction(now: 0.3) == .stop)

        var backingOff = MonitorPlanner(interval: 2)
        _ = backingOff.nextAction(now: 0)
        backingOff.connectFailed(refused, now: 0)
        backingOff.stop()
        #expect(backingOff.nextAction(now: 0) == .stop)
        // It stays stopped, whatever comes after.
        backingOff.requestRefresh()
        #expect(backingOff.nextAction(now: 1) == .stop)
    }

    /// The console's first refresh sends the Activity pane's first rows ahead of it: once, after
    /// the first connection, and only when the Activity pane (idle sessions hidden) is shown.
    @Test func onlyTheFirstRefreshOfTheActivityPaneSendsFirstRowsAhead() {
        func firstRows(_ action: MonitorPlanner.Action) -> Int? {
            if case .refresh(let plan) = action { return plan.firstRows }
            return nil
        }
        let activityPane = SnapshotScope(idleSessions: false, statements: false, bloat: false)
        var planner = MonitorPlanner(interval: 2, scope: activityPane, firstRows: 19)
        #expect(planner.nextAction(now: 0) == .connect)
        planner.connectFailed(refused, now: 0)
        _ = planner.nextAction(now: 0)  // the loss reported
        #expect(planner.nextAction(now: 0.5) == .connect)
        planner.connected()
        #expect(firstRows(planner.nextAction(now: 0.5)) == 19, "a failed connect is not a refresh")
        planner.refreshed(now: 0.6)
        #expect(firstRows(planner.nextAction(now: 2.5)) == 0)
        planner.connectionLost(gone)
        _ = planner.nextAction(now: 2.6)
        #expect(planner.nextAction(now: 2.6) == .connect)
        planner.connected()
        #expect(firstRows(planner.nextAction(now: 2.6)) == 0, "a reconnect has a screen to keep showing")

        for scope in [statementsOnly, neither] {
            var other = MonitorPlanner(interval: 2, scope: scope, firstRows: 19)
            _ = other.nextAction(now: 0)
            other.connected()
            #expect(firstRows(other.nextAction(now: 0)) == 0, "not the Activity pane's default list")
            // Scope changes later do not bring them back either.
            other.setScope(activityPane)
            other.refreshed(now: 0.1)
            #expect(firstRows(other.nextAction(now: 0.1)) == 0)
        }
        var api = MonitorPlanner(interval: 2, scope: activityPane)
        _ = api.nextAction(now: 0)
        api.connected()
        #expect(firstRows(api.nextAction(now: 0)) == 0, "API users and commands get whole snapshots only")
    }
}

@Suite struct SnapshotScopeSectionsTests {
    @Test func theBooleansAndTheSectionsAreOneSetting() {
        var scope = SnapshotScope(statements: true, bloat: false)
        #expect(scope.sections == [.statements])
        scope.bloat = true
        #expect(scope.sections == [.statements, .bloat])
        scope.statements = false
        #expect(scope == SnapshotScope(sections: [.bloat]))
        // The booleans' defaults read what they name; `.everything` every section, slow ones too.
        #expect(SnapshotScope().sections == [.statements, .bloat])
        #expect(SnapshotScope.everything.sections == Set(SnapshotSection.allCases))
    }
}

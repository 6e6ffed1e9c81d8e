#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import PGTriageUI
import PGTriageCore

/// Key handling on `AppState`: pure `update`, no terminal.
@Suite struct AppStateTests {
    func shownPids(_ s: AppState) -> [Int32] { ActivityRows.rows(s).map(\.pid) }

    @Test func defaultOrderIsLongestRunningFirstWithIdleAndOwnBackendHidden() {
        let s = Fixtures.state()
        #expect(shownPids(s) == [101, 102, 103, 104])
        #expect(s.selectedPid == 101)
    }

    @Test func filterTypesLiveKeepsOnEnterAndClearsOnEscape() {
        var s = Fixtures.state()
        Fixtures.press([.char("/")], &s)
        #expect(s.filterEditing)
        Fixtures.press(Fixtures.chars("BO"), &s)
        #expect(s.activity.filter == "BO")
        #expect(shownPids(s) == [102])  // user bob, case-insensitive
        Fixtures.press([.backspace], &s)
        #expect(s.activity.filter == "B")
        #expect(shownPids(s) == [101, 102, 103, 104])  // "b": in "client backend", "balance", ...
        Fixtures.press(Fixtures.chars("ob"), &s)
        Fixtures.press([.enter], &s)
        #expect(!s.filterEditing)
        #expect(s.activity.filter == "Bob")
        #expect(shownPids(s) == [102])
        // While the input is closed, letters are commands again: "i" toggles idle, not the filter.
        Fixtures.press([.char("i")], &s)
        #expect(s.activity.filter == "Bob" && s.activity.showIdle)
        Fixtures.press([.escape], &s)
        #expect(s.activity.filter.isEmpty)
        #expect(shownPids(s).count == 5)
    }

    @Test func filterSearchesQueryTextAndEscapeWhileTypingClears() {
        var s = Fixtures.state()
        Fixtures.press([.char("/")] + Fixtures.chars("alter table"), &s)
        #expect(shownPids(s) == [103])
        Fixtures.press([.escape], &s)
        #expect(!s.filterEditing && s.activity.filter.isEmpty)
        #expect(shownPids(s) == [101, 102, 103, 104])
    }

    /// `/` on Locks filters the trees in place: a tree with a matching backend shows whole.
    @Test func locksFilterKeepsWholeTrees() {
        var s = Fixtures.state()
        Fixtures.press([.char("2"), .char("/")] + Fixtures.chars("alter table"), &s)
        #expect(s.pane == .locks && s.filterEditing)
        #expect(LockRows.shown(s).map(\.pid) == [101, 102, 103], "103 matches: its whole tree shows")
        Fixtures.press([.enter, .char("/")] + Fixtures.chars("zzz"), &s)
        #expect(LockRows.shown(s).isEmpty)
        Fixtures.press([.escape], &s)
        #expect(s.locks.filter.isEmpty && LockRows.shown(s).count == 3)
    }

    @Test func sortCyclesColumnsAndReverses() {
        var s = Fixtures.state()
        #expect(s.activity.sortColumn == .queryAge && s.activity.sortDescending)
        Fixtures.press([.char("s")], &s)
        #expect(s.activity.sortColumn == .query && !s.activity.sortDescending)
        #expect(shownPids(s) == [103, 104, 101, 102])  // alter, select, update ...0, update ...1
        Fixtures.press([.char("s")], &s)
        #expect(s.activity.sortColumn == .pid && !s.activity.sortDescending)
        #expect(shownPids(s) == [101, 102, 103, 104])
        Fixtures.press([.char("S")], &s)
        #expect(s.activity.sortDescending)
        #expect(shownPids(s) == [104, 103, 102, 101])
        Fixtures.press([.char("s")], &s)
        #expect(s.activity.sortColumn == .database)
        Fixtures.press(Array(repeating: .char("s"), count: 6), &s)  // user ... wait, xact age
        #expect(s.activity.sortColumn == .xactAge && s.activity.sortDescending)
        #expect(shownPids(s) == [101, 102, 103, 104])  // 300s, 41s, 12s, 0.4s
    }

    @Test func sortKeysOutsideActivityChangeNothing() {
        var s = Fixtures.state()
        Fixtures.press([.char("2"), .char("s"), .char("S")], &s)
        #expect(s.activity.sortColumn == .queryAge && s.activity.sortDescending)
    }

    @Test func paneSwitchingByNumberTabAndBackTab() {
        var s = Fixtures.state()
        Fixtures.press([.char("2")], &s)
        #expect(s.pane == .locks)
        Fixtures.press([.tab], &s)
        #expect(s.pane == .statements)
        Fixtures.press([.backTab, .backTab], &s)
        #expect(s.pane == .activity)
        Fixtures.press([.backTab], &s)
        #expect(s.pane == PaneRegistry.panes.last)
        Fixtures.press([.tab], &s)
        #expect(s.pane == .activity)
        Fixtures.press([.char("4")], &s)
        #expect(s.pane == .bloat)
    }

    @Test func markSeveralThenConfirmSendsOneEffectWithAllMarkedPids() {
        var s = Fixtures.state()
        Fixtures.press([.char(" ")], &s)  // marks 101, moves to 102
        #expect(s.selectedPid == 102)
        Fixtures.press([.down, .char(" ")], &s)  // marks 103
        #expect(s.marked == [101, 103])
        #expect(Fixtures.press([.char("K")], &s).isEmpty)
        #expect(s.pendingAction?.signal == .terminate)
        #expect(s.pendingAction?.targets.map(\.pid) == [101, 103])
        let effects = Fixtures.press([.char("y")], &s)
        #expect(effects == [.send(.terminate, pids: [101, 103])])
        #expect(s.pendingAction == nil)
        #expect(s.marked.isEmpty)

        // Results come back one by one; the service refreshes after the batch by itself.
        let first = update(&s, .service(.actionFinished(ActionResult(signal: .terminate, pid: 101, outcome: .signalled))))
        #expect(first.isEmpty)
        #expect(s.status?.text == "terminated pid 101 (1/2)")
        let last = update(&s, .service(.actionFinished(ActionResult(signal: .terminate, pid: 103, outcome: .signalled))))
        #expect(last.isEmpty)
        #expect(s.status?.text == "terminated 2 backends")
    }

    @Test func cancelWithoutMarksActsOnTheSelectedRowAndReportsProblems() {
        var s = Fixtures.state()
        Fixtures.press([.down], &s)
        Fixtures.press([.char("c")], &s)
        #expect(s.pendingAction?.targets.map(\.pid) == [102])
        #expect(Fixtures.press([.char("y")], &s) == [.send(.cancel, pids: [102])])
        let after = update(&s, .service(.actionFinished(ActionResult(signal: .cancel, pid: 102, outcome: .notFound))))
        #expect(after.isEmpty)  // no refresh after a cancel
        #expect(s.status == StatusMessage("pid 102 not found (already gone)", kind: .error, at: s.now))
    }

    /// An action the audit log could not record says so in the same status line as its result:
    /// a separate warning would be replaced by the result at once.
    @Test func anActionTheAuditLogCouldNotRecordSaysSoWithItsResult() {
        var s = Fixtures.state()
        _ = update(&s, .service(.actionFinished(ActionResult(signal: .terminate, pid: 101, outcome: .signalled,
                                                             auditFailure: "audit.log is a symbolic link: refused"))))
        #expect(s.status == StatusMessage("terminated pid 101; NOT in the audit log: audit.log is a symbolic link: refused",
                                          kind: .error, at: s.now))
        // In a batch, the last line still says it when an earlier result could not be recorded.
        Fixtures.press([.char(" "), .down, .char(" "), .char("K"), .char("y")], &s)
        _ = update(&s, .service(.actionFinished(ActionResult(signal: .terminate, pid: 101, outcome: .signalled, auditFailure: "disk full"))))
        _ = update(&s, .service(.actionFinished(ActionResult(signal: .terminate, pid: 103, outcome: .signalled))))
        #expect(s.status == StatusMessage("terminated 2 backends; NOT in the audit log: disk full", kind: .error, at: s.now))
    }

    /// A pane's key typed right after the pane's own (`8v`, before the section's first read)
    /// is not lost; where the section cannot be had, its list keys are not offered.
    @Test func aPanesKeysWorkBeforeItsFirstRead() {
        var s = Fixtures.state()
        #expect(s.snapshot?.replication == nil && s.snapshot?.tables == nil)
        Fixtures.press([.char("8"), .char("v")], &s)
        #expect(s.replication.view == .slots)
        Fixtures.press([.char("7"), .char("v")], &s)
        #expect(s.tables.view == .holders)
        // Enter on a row with no detail view (a sequence) says so.
        s.tables.view = .sequences
        Fixtures.press([.enter], &s)
        #expect(s.status?.text == "Enter: this row has no detail view (it shows all there is)")
        var unavailable = Fixtures.snapshot()
        unavailable.unavailable["tables"] = SectionUnavailable(code: "failed", message: "tables could not be read")
        var t = Fixtures.state(snapshot: unavailable)
        Fixtures.press([.char("7"), .char("v")], &t)
        #expect(t.tables.view == .tables)
    }

    /// A letter no layer takes says so, unless a message is still on the status line.
    @Test func aKeyThatDoesNothingHereSaysSo() {
        var s = Fixtures.state()
        Fixtures.press([.char("2"), .char("s")], &s)
        #expect(s.status?.text == "s: not a key of the Locks pane (? lists its keys)")
        s.status = StatusMessage("refused: read-only mode", kind: .error, at: s.now)
        Fixtures.press([.char("y")], &s)
        #expect(s.status?.text == "refused: read-only mode")
    }

    @Test func anyKeyButYDeclinesTheConfirmation() {
        var s = Fixtures.state()
        Fixtures.press([.char("K")], &s)
        #expect(s.pendingAction != nil)
        let effects = Fixtures.press([.char("n")], &s)
        #expect(effects.isEmpty)
        #expect(s.pendingAction == nil)
        // The declining key is swallowed: "q" declines, it does not quit.
        Fixtures.press([.char("K")], &s)
        #expect(Fixtures.press([.char("q")], &s).isEmpty)
        #expect(!s.quitting)
    }

    @Test func readOnlyRefusesEveryActionWithAMessage() {
        var s = Fixtures.state(readOnly: true)
        Fixtures.press([.char(" ")], &s)
        for key in [Key.char("K"), .char("c"), .function(9), .function(7)] {
            #expect(Fixtures.press([key], &s).isEmpty)
            #expect(s.pendingAction == nil)
            #expect(s.status?.kind == .error)
            #expect(s.status?.text.contains("read-only") == true)
        }
        #expect(Fixtures.press([.char("y")], &s).isEmpty)
    }

    @Test func neverOurOwnBackend() {
        // Our own backend shows up in the Locks tree (as a root): the guard still refuses it.
        var info = Fixtures.info
        info.ownPid = 101
        var snap = Fixtures.snapshot()
        snap.info = info
        var s = Fixtures.state(snapshot: snap)
        _ = update(&s, .service(.connected(target: "triage@db1:5432/shop", info: info)))
        #expect(!shownPids(s).contains(101))  // hidden from Activity
        Fixtures.press([.char("2")], &s)
        #expect(s.selectedPid == 101)
        #expect(Fixtures.press([.char("K"), .char("y")], &s).isEmpty)
        #expect(s.status?.text.contains("own backend") == true)
    }

    @Test func intervalStepsWithinBounds() {
        var s = Fixtures.state()
        #expect(s.interval == 2)
        var sent: [Effect] = []
        for _ in 0..<5 { sent += Fixtures.press([.char("+")], &s) }
        #expect(sent == [.setInterval(5), .setInterval(10), .setInterval(30), .setInterval(60)])
        #expect(s.interval == 60)
        #expect(s.status?.kind == .error)
        sent = []
        for _ in 0..<8 { sent += Fixtures.press([.char("-")], &s) }
        #expect(sent == [30, 10, 5, 2, 1, 0.5].map { Effect.setInterval($0) })
        #expect(s.interval == 0.5)

        var odd = AppState(connectionLabel: "x", interval: 3)
        #expect(Fixtures.press([.char("+")], &odd) == [.setInterval(5)])
        var odd2 = AppState(connectionLabel: "x", interval: 3)
        #expect(Fixtures.press([.char("-")], &odd2) == [.setInterval(2)])
        #expect(AppState(connectionLabel: "x", interval: 0.1).interval == 0.5)
        #expect(AppState(connectionLabel: "x", interval: 600).interval == 60)
    }

    @Test func pauseTogglesAndTellsTheService() {
        var s = Fixtures.state()
        #expect(Fixtures.press([.char("p")], &s) == [.setPaused(true)])
        #expect(s.paused)
        #expect(Fixtures.press([.char("p")], &s) == [.setPaused(false)])
        #expect(!s.paused)
    }

    @Test func idleToggle() {
        var s = Fixtures.state()
        #expect(!shownPids(s).contains(105))
        Fixtures.press([.char("i")], &s)
        #expect(shownPids(s).contains(105))
        #expect(!shownPids(s).contains(Fixtures.ownPid))
        Fixtures.press([.char("i")], &s)
        #expect(!shownPids(s).contains(105))
    }

    @Test func selectionFollowsThePidAcrossRefreshAndResort() {
        var s = Fixtures.state()
        Fixtures.press([.down, .down], &s)
        #expect(s.selectedPid == 103)
        // Next refresh: 104 now runs longest, so the order changes; 103 stays selected.
        var d = Fixtures.d
        d.queryStart = Fixtures.ago(900)
        _ = update(&s, .service(.snapshot(Fixtures.snapshot(activity: [Fixtures.a, Fixtures.b, Fixtures.c, d]))))
        #expect(shownPids(s) == [104, 101, 102, 103])
        #expect(s.selectedPid == 103)
        #expect(s.activity.selection.index == 3)
        // A re-sort keeps it too.
        Fixtures.press([.char("s"), .char("s")], &s)  // pid ascending
        #expect(s.selectedPid == 103)
        // When it ends, the selection stays at the same height.
        _ = update(&s, .service(.snapshot(Fixtures.snapshot(activity: [Fixtures.a, Fixtures.b, d], waits: [102: [101]]))))
        #expect(s.selectedPid == 104)
    }

    @Test func marksOfEndedBackendsAreDropped() {
        var s = Fixtures.state()
        Fixtures.press([.char(" "), .char(" ")], &s)
        #expect(s.marked == [101, 102])
        _ = update(&s, .service(.snapshot(Fixtures.snapshot(activity: [Fixtures.a, Fixtures.c], waits: [:]))))
        #expect(s.marked == [101])
    }

    @Test func locksSelectionMovesOverTreeRows() {
        var s = Fixtures.state()
        Fixtures.press([.char("2")], &s)
        #expect(s.locks.selection.key == [101])
        Fixtures.press([.down], &s)
        #expect(s.locks.selection.key == [101, 102])
        Fixtures.press([.end], &s)
        #expect(s.locks.selection.key == [101, 102, 103])
        Fixtures.press([.char("c")], &s)
        #expect(s.pendingAction?.targets.map(\.pid) == [103])
        Fixtures.press([.escape], &s)
        Fixtures.press([.home], &s)
        #expect(s.selectedPid == 101)
    }

    @Test func pagingClampsAndScrollKeepsTheSelectionVisible() {
        var many: [BackendActivity] = []
        for i in 0..<50 {
            many.append(BackendActivity(pid: Int32(1000 + i), database: "db", user: "u", state: "active",
                                        queryStart: Fixtures.ago(Double(100 - i)), query: "select \(i)"))
        }
        var s = Fixtures.state(snapshot: Fixtures.snapshot(activity: many, waits: [:]))
        let visible = Layout.listHeight(height: 24)
        #expect(visible == 18)
        Fixtures.press([.pageDown], &s)
        #expect(s.activity.selection.index == 18)
        #expect(s.activity.scroll == 1)
        Fixtures.press([.end], &s)
        #expect(s.activity.selection.index == 49)
        #expect(s.activity.scroll == 32)
        Fixtures.press([.pageUp, .pageUp, .pageUp, .pageUp], &s)
        #expect(s.activity.selection.index == 0)
        #expect(s.activity.scroll == 0)
    }

    @Test func detailOpensOnTheSelectedBackendAndNoticesWhenItEnds() {
        var s = Fixtures.state()
        Fixtures.press([.down, .enter], &s)
        #expect(s.detail?.pid == 102)
        #expect(s.detail?.isGone == false)
        _ = update(&s, .service(.snapshot(Fixtures.snapshot(activity: [Fixtures.a], waits: [:]))))
        #expect(s.detail?.isGone == true)
        #expect(s.detail?.lastSeen == Fixtures.b)
        // Keys that mean something on a pane do nothing here, "q" closes the detail only.
        Fixtures.press([.char("2"), .char("s")], &s)
        #expect(s.pane == .activity && s.activity.sortColumn == .queryAge)
        #expect(Fixtures.press([.char("q")], &s).isEmpty)
        #expect(s.detail == nil && !s.quitting)
    }

    @Test func detailFetchesTheWholeQueryTextWhenTheListHasItCut() {
        var a = Fixtures.a
        a.query = "select aaaa"
        a.queryIsCut = true
        var s = Fixtures.state(snapshot: Fixtures.snapshot(activity: [a], waits: [:]))
        Fixtures.press([.char("i")], &s)
        #expect(Fixtures.press([.enter], &s) == [.fetchQueryText(pid: 101)])
        _ = update(&s, .service(.queryText(pid: 999, text: "other", cutByServer: false)))
        #expect(s.detail?.fullQuery == nil)
        _ = update(&s, .service(.queryText(pid: 101, text: "select aaaa, bbbb from t", cutByServer: false)))
        #expect(s.detail?.fullQuery == .some("select aaaa, bbbb from t"))
        let screen = view(s).lines().joined(separator: "\n")
        #expect(screen.contains("select aaaa, bbbb from t"))
        // Same query on the next refresh: nothing to fetch. A new query: fetch again.
        #expect(update(&s, .service(.snapshot(Fixtures.snapshot(activity: [a], waits: [:])))).isEmpty)
        a.queryStart = Fixtures.ago(1)
        a.query = "select cccc"
        #expect(update(&s, .service(.snapshot(Fixtures.snapshot(activity: [a], waits: [:])))) == [.fetchQueryText(pid: 101)])
        #expect(s.detail?.fullQuery == nil)
        // An uncut query is read too: the locks the backend holds come with it.
        var t = Fixtures.state()
        #expect(Fixtures.press([.enter], &t) == [.fetchQueryText(pid: 101)])
    }

    /// What the root holds: the backends it holds up and the locks it has, in its detail view.
    @Test func theRootsDetailSaysWhomItBlocksAndWhatItHolds() {
        var s = Fixtures.state()
        Fixtures.press([.char("2"), .enter], &s)  // the Locks tree's root: 101
        #expect(s.detail?.pid == 101)
        #expect(s.detail?.blocks == [102])
        _ = update(&s, .service(.heldLocks(pid: 101, locks: [
            LockWait(lockType: "relation", mode: "RowExclusiveLock", relation: "public.accounts"),
            LockWait(lockType: "transactionid", mode: "ExclusiveLock"),
        ])))
        let screen = view(s).lines().joined(separator: "\n")
        #expect(screen.contains("blocks        102"))
        #expect(screen.contains("holds         RowExclusiveLock on public.accounts"))
        #expect(screen.contains("ExclusiveLock on transactionid"))
        // Another backend's locks do not land in this view.
        _ = update(&s, .service(.heldLocks(pid: 999, locks: [])))
        #expect(s.detail?.heldLocks?.count == 2)
    }

    @Test func terminateFromTheDetailView() {
        var s = Fixtures.state()
        Fixtures.press([.char(" "), .up, .down, .enter], &s)  // 101 marked, detail on 102
        #expect(s.detail?.pid == 102)
        Fixtures.press([.char("K")], &s)
        #expect(s.pendingAction?.targets.map(\.pid) == [102])  // the detail's backend, not the marks
        #expect(Fixtures.press([.char("y")], &s) == [.send(.terminate, pids: [102])])
    }

    @Test func helpOpensAndAnyKeyClosesItWithoutActing() {
        var s = Fixtures.state()
        Fixtures.press([.char("?")], &s)
        #expect(s.helpShown)
        #expect(Fixtures.press([.char("q")], &s).isEmpty)
        #expect(!s.helpShown && !s.quitting)
        Fixtures.press([.function(1)], &s)
        #expect(s.helpShown)
        #expect(Fixtures.press([.char("k")], &s).isEmpty)
        #expect(s.pendingAction == nil)
    }

    @Test func quitKeys() {
        for key in [Key.char("q"), .function(10)] {
            var s = Fixtures.state()
            #expect(Fixtures.press([key], &s) == [.quit])
            #expect(s.quitting)
        }
    }

    @Test func tooSmallIgnoresEverythingButQuit() {
        var s = Fixtures.state()
        _ = update(&s, .resize(width: 79, height: 24))
        #expect(s.isTooSmall)
        #expect(Fixtures.press([.char("k"), .char("y"), .char("2")], &s).isEmpty)
        #expect(s.pane == .activity && s.pendingAction == nil)
        _ = update(&s, .resize(width: 80, height: 24))
        #expect(!s.isTooSmall)
        #expect(Fixtures.press([.char("q")], &s) == [.quit])
    }

    @Test func connectionEvents() {
        var s = AppState(connectionLabel: "me@h:5432/db", now: Fixtures.t0)
        #expect(s.connection == .connecting)
        let error = PGError(kind: .connectionLost, message: "server closed the connection unexpectedly")
        _ = update(&s, .service(.connectionLost(error, attempt: 2, retryIn: 5)))
        #expect(s.connection == .reconnecting(error: error, attempt: 2, retryIn: 5, since: Fixtures.t0))
        _ = update(&s, .service(.connected(target: "me@h:5432/db", info: Fixtures.info)))
        #expect(s.connection == .connected(target: "me@h:5432/db", info: Fixtures.info))
        #expect(s.status?.text == "reconnected to me@h:5432/db")
        _ = update(&s, .service(.refreshFailed(PGError(kind: .server, message: "canceling statement due to statement timeout", sqlState: "57014"))))
        #expect(s.status?.kind == .error)
        #expect(s.status?.text == "refresh failed: canceling statement due to statement timeout (SQLSTATE 57014)")
    }

    @Test func statusMessagesExpire() {
        var s = Fixtures.state()
        Fixtures.press([.char("i")], &s)
        #expect(s.visibleStatus != nil)
        _ = update(&s, .tick(s.now.addingTimeInterval(StatusMessage.lifetime + 0.1)))
        #expect(s.visibleStatus == nil)
    }

    @Test func formatAges() {
        #expect(Format.age(0.44) == "0.4s")
        #expect(Format.age(9.96) == "10s")
        #expect(Format.age(12.7) == "12s")
        #expect(Format.age(184) == "3m04s")
        #expect(Format.age(7500) == "2h05m")
        #expect(Format.age(3 * 86_400 + 4 * 3600 + 59) == "3d04h")
        #expect(Format.age(200 * 86_400) == "200d")
        #expect(Format.age(-3) == "0.0s")
        #expect(Format.fixed(154.26, decimals: 1) == "154.3")
        #expect(Format.percent(0.9912) == "99.1%")
        #expect(Format.interval(0.5) == "0.5s" && Format.interval(2) == "2s")
        #expect(Format.oneLine("select\n  1,\t2 \u{1B}[2J from\r\nx") == "select 1, 2 from x")
    }

    /// `update` says what the service must read whenever the screen's needs change, and only
    /// then: idle sessions when Activity lists them, the pinned backend of the detail view, a
    /// pane's section while it is shown.
    /// A message about one pane does not stay to be read as about the next.
    @Test func switchingPanesClearsTheStatusMessage() {
        var s = Fixtures.state()
        Fixtures.press([.char("s")], &s)
        #expect(s.status?.text.hasPrefix("sort:") == true)
        Fixtures.press([.char("2")], &s)
        #expect(s.status == nil)
        Fixtures.press([.char("K"), .char("n")], &s)
        #expect(s.status?.text == "terminate not sent")
        Fixtures.press([.tab], &s)
        #expect(s.status == nil && s.pane == .statements)
    }

    @Test func scopeFollowsTheScreen() {
        var s = Fixtures.state()
        func scopes(_ keys: [Key]) -> [SnapshotScope] {
            keys.flatMap { update(&s, .key($0)) }.compactMap { if case .setScope(let scope) = $0 { return scope } else { return nil } }
        }
        // What lock waiters wait for (pg_locks) only where it is shown: the detail view, the Locks pane.
        #expect(s.scopeSent == SnapshotScope(idleSessions: false, pinnedPids: [], statements: false, bloat: false, lockWaits: false))
        #expect(scopes([.down]).isEmpty)
        #expect(scopes([.char("i")]) == [SnapshotScope(idleSessions: true, pinnedPids: [], statements: false, bloat: false, lockWaits: false)])
        let pid = s.selectedPid!
        #expect(scopes([.enter]) == [SnapshotScope(idleSessions: true, pinnedPids: [pid], statements: false, bloat: false, lockWaits: true)])
        #expect(scopes([.escape, .char("3")]) == [SnapshotScope(idleSessions: true, pinnedPids: [], statements: false, bloat: false, lockWaits: false),
                                                 SnapshotScope(idleSessions: false, pinnedPids: [], statements: true, bloat: false, lockWaits: false)])
        #expect(scopes([.char("4")]) == [SnapshotScope(idleSessions: false, pinnedPids: [], statements: false, bloat: true, lockWaits: false)])
        #expect(scopes([.char("2")]) == [SnapshotScope(idleSessions: false, pinnedPids: [], statements: false, bloat: false, lockWaits: true)])
        #expect(scopes([.char("4")]) == [SnapshotScope(idleSessions: false, pinnedPids: [], statements: false, bloat: true, lockWaits: false)])
        #expect(scopes([.char("4")]).isEmpty)
    }
}

/// A very long query in the detail view is wrapped once per text and width, not at every key
/// and frame (a 1 MB text made every key take half a second).
@Suite struct LongQueryDetailTests {
    @Test func theQueryIsWrappedOncePerTextAndWidth() throws {
        var s = Fixtures.state()
        Fixtures.press([.enter], &s)
        let pid = try #require(s.detail?.pid)
        let text = (0..<2000).map { "select \($0) from t where id = \($0);" }.joined(separator: "\n")
        _ = update(&s, .service(.queryText(pid: pid, text: text, cutByServer: false)))
        let first = try #require(s.detail?.wrappedQuery)
        #expect(first.width == DetailView.textArea(width: 80, height: 24).width)
        #expect(first.lines == TextView(text: text).wrappedLines(width: first.width))
        Fixtures.press([.pageDown, .pageDown, .down, .char("j")], &s)
        #expect(s.detail?.wrappedQuery === first, "keys do not wrap again")
        #expect(s.detail?.scroll ?? 0 > 0)
        let screen = view(s).lines()
        #expect(screen.contains { $0.contains("select") })
        _ = update(&s, .resize(width: 120, height: 30))
        let wider = try #require(s.detail?.wrappedQuery)
        #expect(wider !== first && wider.width == DetailView.textArea(width: 120, height: 30).width)
        // The list's copy until the whole text came: another text, wrapped again.
        _ = update(&s, .service(.snapshot(Fixtures.snapshot())))
        #expect(s.detail?.wrappedQuery === wider, "the same text after a refresh is not wrapped again")
    }
}

@Suite struct HeaderVersionTests {
    /// A packager's suffix would push the uptime off an 80-column header.
    @Test(arguments: [
        ("15.18 (Debian 15.18-0+deb12u1)", "15.18"),
        ("18.6", "18.6"),
        ("PostgreSQL 16.2 on x86_64-pc-linux-gnu, compiled by gcc", "PostgreSQL 16.2"),
        ("17beta1 (Ubuntu 17~beta1-1.pgdg22.04+1)", "17beta1"),
    ])
    func theVersionIsItsNumber(full: String, shown: String) {
        #expect(Header.versionNumber(full) == shown)
    }
}

@Suite struct LongStatusTests {
    /// A message longer than the status line takes the line above too: its end is not lost.
    @Test func aLongMessageTakesTwoLines() {
        var s = Fixtures.state()
        let text = "could not write the plan: permission denied writing /var/lib/somewhere/deep/pgtriage-plan-20270115.json"
        _ = update(&s, .planWritten(.failure(PlanWriteError(description: "permission denied writing /var/lib/somewhere/deep/pgtriage-plan-20270115.json"))))
        #expect(s.status?.text == text)
        let lines = view(s).lines()
        #expect((lines[22] + " " + lines[23]).replacingOccurrences(of: "  ", with: " ").contains("pgtriage-plan-20270115.json"))
        #expect(lines[22].hasPrefix("could not write the plan"))
        // A short one keeps to its line.
        _ = update(&s, .planWritten(.success(["/tmp/p.json", "/tmp/p.txt"])))
        #expect(view(s).lines()[23] == "plan written to /tmp/p.json (and .txt)")
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import PGTriageUI
import PGTriageCore

/// Screen tests: render the state into a MemoryBackend and compare the text, line by line
/// (ratatui's TestBackend style), and the styles where they carry meaning.
@Suite struct PaneScreenTests {
    /// Draws `view(state)` into a MemoryBackend of the state's size and returns it.
    func render(_ state: AppState) -> MemoryBackend {
        let backend = MemoryBackend(width: state.width, height: state.height)
        backend.draw(view(state))
        return backend
    }

    /// Compares whole screens line by line, so a failure names the line.
    /// Blank lines to pad an expected screen.
    func blank(_ n: Int) -> [String] { Array(repeating: "", count: n) }

    static let header = ScreenHeader.lines
    static let hints = "? help  / filter  s sort  Enter detail  c cancel  K kill  e explain  q quit"
    static let locksHints = "? help  Enter detail  c cancel  K kill  e explain  / filter  q quit"

    @Test func activityPaneAt80x24() {
        let lines = render(Fixtures.state()).lines()
        expectScreen(lines, Self.header + [
            " Activity — 4 of 5 backends (idle hidden) · sort: query age, largest first",
            "  PID DB   USER  STATE     WAIT           X.AGE Q.AGE QUERY",
            "  101 shop alice idle xact Client:Client… 5m00s 4m10s update accounts set balan…",
            "  102 shop bob   active    Lock:transact…   41s   40s update accounts set balan…",
            "  103 shop carol active    Lock:relation    12s   12s alter table accounts add …",
            "  104 shop dave  active                    0.4s  0.4s select count(*) from orde…",
        ] + blank(14) + [Self.hints])
    }

    @Test func activityStylesCarryMeaning() {
        let backend = render(Fixtures.state())
        // Row 5 (pid 101) is selected: the whole row in table.selected.
        #expect(backend.styleAt(x: 3, y: 5).role == .tableSelected)
        #expect(backend.styleAt(x: 60, y: 5).role == .tableSelected)
        // Row 6 (pid 102): waiting on a lock; its 41s transaction is fine, its state is "active".
        #expect(backend.styleAt(x: 17, y: 6).role == .stateWaiting)  // STATE: waiting wins over active
        #expect(backend.styleAt(x: 27, y: 6).role == .stateWaiting)  // WAIT
        // Move the selection away to see row 101's own colours: idle in transaction for 5 min.
        var s = Fixtures.state()
        Fixtures.press([.end], &s)
        let b2 = render(s)
        #expect(b2.styleAt(x: 17, y: 5).role == .stateIdleInTransaction)
        #expect(b2.styleAt(x: 42, y: 5).role == .ageCritical)  // X.AGE 5m00s > 60s idle in xact
        #expect(b2.styleAt(x: 54, y: 5).role == .textDim)  // query of an idle session is dim
        #expect(b2.styleAt(x: 48, y: 6).role == .ageWarning)  // Q.AGE 40s of an active query
        #expect(b2.styleAt(x: 48, y: 8).role == .tableSelected)  // 104, selected now
        // The sorted column's title is underlined.
        #expect(b2.styleAt(x: 48, y: 4).attributes.contains(.underline))
        #expect(!b2.styleAt(x: 42, y: 4).attributes.contains(.underline))
    }

    @Test func activityPaneWiderShowsApplicationAndClient() {
        let lines = render(Fixtures.state(width: 120, height: 24)).lines()
        #expect(Array(lines[3...8]) == [
            " Activity — 4 of 5 backends (idle hidden) · sort: query age, largest first",
            "  PID DB   USER  APP     CLIENT         STATE     WAIT               X.AGE Q.AGE QUERY",
            "  101 shop alice psql    10.0.0.5:53122 idle xact Client:ClientRead  5m00s 4m10s update accounts set balance = 0 where …",
            "  102 shop bob   app     10.0.0.6:40000 active    Lock:transactionid   41s   40s update accounts set balance = 1 where …",
            "  103 shop carol migrate local          active    Lock:relation        12s   12s alter table accounts add column note t…",
            "  104 shop dave  web     10.0.0.7:1234  active                        0.4s  0.4s select count(*) from orders",
        ])
        #expect(lines[0] == " triage@db1:5432/shop  PostgreSQL 15.18  up 3d04h"
            + String(repeating: " ", count: 49) + "every 2s  data 0s ago")
    }

    @Test func locksPaneShowsTheChainAsATree() {
        var s = Fixtures.state()
        Fixtures.press([.char("2")], &s)
        let lines = render(s).lines()
        expectScreen(lines, ScreenHeader.lines + [
            " Locks — 2 blocked by 1 root",
            "  PID       USER  WAITING FOR              AGE HELD QUERY",
            "  101       alice IDLE IN XACT (culprit) 5m00s    2 update accounts set balance…",
            "  └─ 102    bob   ShareLock on transact…   40s      update accounts set balance…",
            "     └─ 103 carol AccessExclusiveLock o…   12s      alter table accounts add co…",
        ] + blank(15) + [Self.locksHints])
    }

    @Test func locksPaneWiderAndStyles() {
        var s = Fixtures.state(width: 120, height: 24)
        Fixtures.press([.char("2"), .down], &s)
        let backend = render(s)
        #expect(Array(backend.lines()[4...7]) == [
            "  PID       USER  STATE     WAITING FOR                              AGE HELD QUERY",
            "  101       alice idle xact IDLE IN XACT (culprit)                 5m00s    2 update accounts set balance = 0 where id …",
            "  └─ 102    bob   active    ShareLock on transactionid               40s      update accounts set balance = 1 where id …",
            "     └─ 103 carol active    AccessExclusiveLock on public.accounts   12s      alter table accounts add column note text",
        ])
        #expect(backend.styleAt(x: 28, y: 5).role == .stateIdleInTransaction)  // the culprit marker
        #expect(backend.styleAt(x: 2, y: 5).role == .treeRoot)
        #expect(backend.styleAt(x: 6, y: 6).role == .tableSelected)  // 102 selected
        #expect(backend.styleAt(x: 28, y: 7).role == .stateWaiting)
    }

    @Test func locksPaneWithoutBlockingAndWithACycle() {
        var s = Fixtures.state(snapshot: Fixtures.snapshot(waits: [:]))
        Fixtures.press([.char("2")], &s)
        var lines = render(s).lines()
        #expect(lines[3] == " Locks — 0 blocked")
        #expect(lines[13] == "                      No blocking: nobody waits on a lock")

        // 102 and 103 wait for each other: a cycle, broken at the older (102) and marked.
        var b = Fixtures.b
        b.blockedBy = [103]
        var c = Fixtures.c
        c.lockWait = LockWait(lockType: "transactionid", mode: "ShareLock")
        s = Fixtures.state(snapshot: Fixtures.snapshot(activity: [Fixtures.a, b, c], waits: [102: [103], 103: [102]]))
        Fixtures.press([.char("2")], &s)
        lines = render(s).lines()
        #expect(Array(lines[3...6]) == [
            " Locks — 2 blocked by 1 root · CYCLE (deadlock in the making)",
            "  PID    USER  WAITING FOR              AGE HELD QUERY",
            "  102    bob   CYCLE: ShareLock on t…   40s    1 update accounts set balance = …",
            "  └─ 103 carol ShareLock on transact…   12s      alter table accounts add colum…",
        ])
    }

    @Test func limitationsShowAsANoteAtTheBottomOfThePane() {
        var snap = Fixtures.snapshot()
        snap.limitations["activity"] = "role triage sees other roles' queries as <insufficient privilege>: GRANT pg_read_all_stats TO triage"
        var s = Fixtures.state(snapshot: snap)
        var lines = render(s).lines()
        // Two lines where one would cut the fix at its end.
        #expect(Array(lines[21...22]) == [
            " note: role triage sees other roles' queries as <insufficient privilege>: GRANT",
            "       pg_read_all_stats TO triage",
        ])
        #expect(lines[5].hasPrefix("  101 shop alice"))
        Fixtures.press([.char("2")], &s)
        lines = render(s).lines()
        #expect(lines[21].hasPrefix(" note: role triage sees") && lines[22].hasSuffix("pg_read_all_stats TO triage"))
        // Wide enough for one line: one line.
        s = Fixtures.state(width: 120, snapshot: snap)
        lines = render(s).lines()
        #expect(lines[22] == " note: " + snap.limitations["activity"]!)
        #expect(!lines[21].contains("note"))
    }

    @Test func confirmationDialogForOneBackend() {
        var s = Fixtures.state()
        Fixtures.press([.char("K")], &s)
        let lines = render(s).lines()
        #expect(Array(lines[8...16]) == [
            "  ┌ Terminate ───────────────────────────────────────────────────────────────┐e…",
            "  │ Terminate pid 101?                                                       │",
            "  │ pg_terminate_backend: the session ends, its transaction rolls back.      │",
            "  │                                                                          │",
            "  │ pid 101  alice@shop  idle xact  xact 5m00s  query 4m10s                  │",
            "  │   update accounts set balance = 0 where id = 1                           │",
            "  │                                                                          │",
            "  │ y terminate    any other key: do nothing                                 │",
            "  └──────────────────────────────────────────────────────────────────────────┘",
        ])
        #expect(lines[23] == "y confirms · any other key does nothing")
    }

    @Test func confirmationDialogListsEveryMarkedBackend() {
        var s = Fixtures.state()
        Fixtures.press([.char(" "), .char(" "), .char(" "), .char("c")], &s)
        let lines = render(s).lines()
        #expect(Array(lines[7...18]) == [
            "* │ Cancel the running query of 3 backends?                                  │ …",
            "  │ pg_cancel_backend: the query stops, the session stays.                   │e…",
            "  │                                                                          │",
            "  │ pid 101  alice@shop  idle xact  xact 5m00s  query 4m10s                  │",
            "  │   update accounts set balance = 0 where id = 1                           │",
            "  │ pid 102  bob@shop  active  xact 41s  query 40s                           │",
            "  │   update accounts set balance = 1 where id = 1                           │",
            "  │ pid 103  carol@shop  active  xact 12s  query 12s                         │",
            "  │   alter table accounts add column note text                              │",
            "  │                                                                          │",
            "  │ y cancel    any other key: do nothing                                    │",
            "  └──────────────────────────────────────────────────────────────────────────┘",
        ])
    }

    @Test func confirmationDialogCutsALongListAndSaysHowManyMore() {
        var many: [BackendActivity] = []
        for i in 0..<12 {
            many.append(BackendActivity(pid: Int32(2000 + i), database: "db", user: "u", state: "active",
                                        queryStart: Fixtures.ago(Double(100 - i)), query: "select \(i)"))
        }
        var s = Fixtures.state(snapshot: Fixtures.snapshot(activity: many, waits: [:]))
        Fixtures.press(Array(repeating: .char(" "), count: 12) + [.char("K")], &s)
        let text = render(s).lines().joined(separator: "\n")
        #expect(text.contains("Terminate 12 backends?"))
        #expect(text.contains("pid 2000  u@db  active"))
        #expect(text.contains("... and 7 more"))
        #expect(!text.contains("pid 2011"))
        #expect(text.contains("y terminate"))
    }

    @Test func detailViewShowsEveryField() {
        var s = Fixtures.state()
        Fixtures.press([.down, .down, .enter], &s)
        let lines = render(s).lines()
        expectScreen(lines, Self.header + [
            "┌ pid 103 — Esc closes · c cancel · K terminate · e explain ───────────────────┐",
            "│ pid           103                                                            │",
            "│ state         active  (for 12s)                                              │",
            "│ database      shop                                                           │",
            "│ user          carol                                                          │",
            "│ application   migrate                                                        │",
            "│ client        local                                                          │",
            "│ backend type  client backend                                                 │",
            "│ wait event    Lock:relation                                                  │",
            "│ waiting for   AccessExclusiveLock on public.accounts                         │",
            "│ blocked by    102                                                            │",
            "│ backend age   1m40s                                                          │",
            "│ xact age      12s                                                            │",
            "│ query age     12s                                                            │",
            "│ state age     12s                                                            │",
            "│                                                                              │",
            "│ query                                                                        │",
            "│ alter table accounts add column note text                                    │",
            "│                                                                              │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "Esc close  ↑↓ scroll  c cancel  K terminate  e explain  ? help",
        ])
    }

    @Test func tooSmallScreenRecoversOnResize() {
        var s = Fixtures.state()
        _ = update(&s, .resize(width: 60, height: 20))
        var lines = render(s).lines()
        #expect(lines.count == 20)
        #expect(lines[9] == "         terminal too small: need 80x24, have 60x20")
        #expect(lines.enumerated().allSatisfy { $0.offset == 9 || $0.element.isEmpty })
        _ = update(&s, .resize(width: 30, height: 10))
        lines = render(s).lines()
        #expect(Array(lines[4...5]) == ["      terminal too small", "    need 80x24, have 30x10"])
        _ = update(&s, .resize(width: 80, height: 24))
        lines = render(s).lines()
        #expect(Array(lines[0...2]) == Self.header)
    }

    @Test func headerStates() {
        // Before anything arrived.
        let connecting = AppState(connectionLabel: "triage@db1:5432/shop", now: Fixtures.t0)
        var lines = render(connecting).lines()
        #expect(Array(lines[0...1]) == [
            " triage@db1:5432/shop" + String(repeating: " ", count: 50) + "every 2s",
            " connecting...",
        ])
        #expect(lines[13] == "                       Waiting for the first snapshot...")

        // Lost: the countdown runs on our clock, the old data stays with its age.
        var s = Fixtures.state()
        let error = PGError(kind: .connectionLost, message: "server closed the connection unexpectedly")
        _ = update(&s, .service(.connectionLost(error, attempt: 3, retryIn: 4)))
        _ = update(&s, .tick(Fixtures.now.addingTimeInterval(1.2)))
        lines = render(s).lines()
        #expect(Array(lines[0...1]) == [
            " triage@db1:5432/shop  PostgreSQL 15.18  up 3d04h         every 2s  data 1s ago",
            " reconnecting (attempt 3, next in 3s): server closed the connection unexpected…",
        ])

        // A refresh unanswered: said from the service's first word on, until the server answers.
        var frozen = Fixtures.state()
        _ = update(&frozen, .service(.serverNotAnswering(seconds: 4)))
        #expect(render(frozen).lines()[1] == " server not answering for 4s: cancel at 10s, new connection at 15s")
        _ = update(&frozen, .service(.snapshot(Fixtures.snapshot())))
        #expect(render(frozen).lines()[1].hasPrefix(" conn 12/100"))

        // A role that sees no other role's state: the counts by state are not its own sessions'.
        var limitedSnapshot = Fixtures.snapshot()
        limitedSnapshot.info.privileges = Privileges()
        let limited = Fixtures.state(snapshot: limitedSnapshot)
        #expect(render(limited).lines()[1] == " conn 12/100  active ?  idle-xact ?  waiting 2  tps 154.3  cache 99.1%")

        // Paused, a longer interval, read-only.
        var p = Fixtures.state(readOnly: true)
        Fixtures.press([.char("p"), .char("+")], &p)
        _ = update(&p, .tick(Fixtures.now.addingTimeInterval(64)))
        lines = render(p).lines()
        // Too long for 80 columns with "PostgreSQL": the version is shortened, nothing else.
        #expect(lines[0] == " triage@db1:5432/shop  PG 15.18  up 3d04h      PAUSED  every 5s  data 1m04s ago")
        // The tabs by their short titles, closer together, then READ-ONLY.
        #expect(lines[2] == "  1 Act  2 Lock  3 Stmt  4 Bloat  5 Plan  6 Idx  7 Tbl  8 Repl        READ-ONLY")
    }

    /// The first rows come before the first snapshot (a server with thousands of backends): the
    /// Activity pane lists them and says it reads the rest, the header counts only what it knows,
    /// the other panes still wait; the snapshot replaces them, and later first rows are dropped.
    @Test func theFirstRowsShowUntilTheFirstSnapshot() {
        var s = AppState(connectionLabel: "triage@db1:5432/shop", width: 80, height: 24, now: Fixtures.t0)
        _ = update(&s, .service(.connected(target: "triage@db1:5432/shop", info: Fixtures.info)))
        let first = Snapshot(capturedAt: Fixtures.t0, info: Fixtures.info,
                             summary: ServerSummary(startTime: Fixtures.summary.startTime, maxConnections: 10_050),
                             activity: [Fixtures.a, Fixtures.b], backendCount: 10_007, idleListed: false, blocking: BlockingForest())
        _ = update(&s, .service(.firstRows(first)))
        _ = update(&s, .tick(Fixtures.now))
        var lines = render(s).lines()
        #expect(Array(lines[0...1]) == [
            " triage@db1:5432/shop  PostgreSQL 15.18  up 3d04h                      every 2s",
            " backends 10007  max 10050  counting them by state...",
        ])
        #expect(Array(lines[3...6]) == [
            " Activity — first 2 of 10007 backends (oldest queries) · reading the rest...",
            "  PID DB   USER  APP  STATE     WAIT           X.AGE Q.AGE QUERY",
            "  101 shop alice psql idle xact Client:Client… 5m00s 4m10s update accounts set …",
            "  102 shop bob   app  active    Lock:transact…   41s   40s update accounts set …",
        ])
        Fixtures.press([.char("2")], &s)
        lines = render(s).lines()
        #expect(lines.contains { $0.contains("Waiting for the first snapshot...") }, "the Locks pane has no tree to show yet")

        Fixtures.press([.char("1")], &s)
        _ = update(&s, .service(.snapshot(Fixtures.snapshot())))
        #expect(s.firstRows == nil)
        _ = update(&s, .service(.firstRows(first)))
        #expect(s.firstRows == nil, "first rows after a snapshot are older news")
        lines = render(s).lines()
        #expect(lines[3] == " Activity — 4 of 5 backends (idle hidden) · sort: query age, largest first")

        // No backend in a transaction: nothing ahead of the snapshot (not "no active backends").
        var empty = AppState(connectionLabel: "triage@db1:5432/shop", width: 80, height: 24, now: Fixtures.t0)
        var none = first
        none.activity = []
        _ = update(&empty, .service(.firstRows(none)))
        #expect(empty.firstRows == nil)
    }

    /// An age of 10 to 59 minutes (or hours, days) takes six columns: the culprit's age is
    /// never cut, at 80 columns either.
    @Test func longAgesAreShownWhole() {
        var a = Fixtures.a
        a.xactStart = Fixtures.ago(692)  // 11m32s
        a.queryStart = Fixtures.ago(691)
        var s = Fixtures.state(snapshot: Fixtures.snapshot(activity: [a, Fixtures.b, Fixtures.c, Fixtures.d, Fixtures.e, Fixtures.own]))
        var lines = render(s).lines()
        #expect(lines[4] == "  PID DB   USER  STATE     WAIT            X.AGE  Q.AGE QUERY")
        #expect(lines[5] == "  101 shop alice idle xact Client:Client… 11m32s 11m31s update accounts set bal…")
        Fixtures.press([.char("2")], &s)
        lines = render(s).lines()
        #expect(lines.contains { $0.contains("11m32s") }, "\(lines.joined(separator: "\n"))")
    }

    @Test func statusLineShowsMessagesAndTheFilterInput() {
        var s = Fixtures.state(readOnly: true)
        Fixtures.press([.char("K")], &s)
        #expect(render(s).lines()[23] == "read-only mode (--read-only): terminate refused, nothing sent")
        #expect(render(s).styleAt(x: 0, y: 23).role == .statusError)
        Fixtures.press([.char("/")] + Fixtures.chars("alter"), &s)
        let lines = render(s).lines()
        #expect(lines[23] == "filter: alter█" + String(repeating: " ", count: 42) + "Enter keeps · Esc clears")
        #expect(lines[3] == " Activity — 1 of 5 backends (idle hidden) · filter \"alter\" · sort: query age, la")
        // One row left: the columns fit it, so the (short) client column has room again.
        #expect(lines[5] == "  103 shop carol local  active    Lock:relation   12s   12s alter table account…")
    }

    @Test func serverTextIsSanitised() {
        var evil = Fixtures.d
        evil.query = "select 1;\u{1B}[2J\nselect\u{7}\u{9B}31m 2 -- \u{1B}]0;owned\u{7}done"
        evil.application = "app\u{1B}[31mred\r\n"
        evil.user = "mal\u{0}lory"
        var s = Fixtures.state(width: 120, height: 24, snapshot: Fixtures.snapshot(activity: [evil], waits: [:]))
        var screens = [render(s).lines()]
        Fixtures.press([.enter], &s)
        screens.append(render(s).lines())
        Fixtures.press([.escape, .char("K")], &s)
        screens.append(render(s).lines())
        for lines in screens {
            for line in lines {
                #expect(!line.contains("\u{1B}") && !line.contains("[2J") && !line.contains("\n"), "\(line)")
                #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
            }
        }
        #expect(screens[0][5].hasSuffix("select 1; select 2 -- done"))
        #expect(screens[0][5].contains(" mallory appred "))
        #expect(screens[1].contains { $0.contains("select 1;") })
        #expect(screens[2].contains { $0.contains("select 1; select 2 -- done") })
    }

    @Test func wideCharactersTakeTheirWidth() {
        var wide = Fixtures.d
        wide.query = "select '日本語テキスト' from t"
        wide.user = "名前"
        let s = Fixtures.state(snapshot: Fixtures.snapshot(activity: [wide], waits: [:]))
        let backend = render(s)
        // USER is 4 columns wide: "名前" takes all four, and the columns after it stay aligned.
        #expect(backend.lines()[4] == "  PID DB   USER APP STATE     WAIT X.AGE Q.AGE QUERY")
        #expect(backend.lines()[5] == "  104 shop 名前 web active          0.4s  0.4s select '日本語テキスト' from t")
    }
}

/// Both ages of an Activity row take the worse verdict of the two.
@Suite struct RowAgeColourTests {
    @Test func theWorseOfTheTwoAgesColoursTheRow() {
        func cells(_ b: BackendActivity) -> [PaneCell] {
            ActivityPane.cells(b, columns: [.xactAge, .queryAge], now: Fixtures.t0)
        }
        // Idle in transaction for 300 s: critical by its transaction age; its last query too.
        #expect(cells(Fixtures.a).map(\.style) == [Style(.ageCritical), Style(.ageCritical)])
        // Active for 40 s in a 41 s transaction: warning by the query age; the transaction too.
        #expect(cells(Fixtures.b).map(\.style) == [Style(.ageWarning), Style(.ageWarning)])
        // A young query in a 400 s transaction: the row is critical.
        var young = Fixtures.b
        young.xactStart = Fixtures.ago(400)
        young.queryStart = Fixtures.ago(2)
        #expect(cells(young).map(\.style) == [Style(.ageCritical), Style(.ageCritical)])
        // Nothing old: plain.
        var fresh = Fixtures.b
        fresh.xactStart = Fixtures.ago(2)
        fresh.queryStart = Fixtures.ago(2)
        #expect(cells(fresh).map(\.style) == [Style(.default), Style(.default)])
    }
}

import Testing
@testable import PGTriageUI
import PGTriageCore

/// `?` is made from the bindings that dispatch the keys: on every pane, at 80x24, the help lists
/// every key that works there; and a key means the same on every pane.
@Suite struct HelpAndKeysTests {
    func screen(_ state: AppState) -> [String] { view(state).lines() }

    /// Each registered pane, in a state with data to show.
    static func statesOnEveryPane() -> [(Pane, AppState)] {
        var plan = Fixtures.state()
        plan.plan.show(PlanSamples.document(PlanSamples.cte))
        plan.pane = .plan
        return [
            (.activity, Fixtures.state()),
            (.locks, { var s = Fixtures.state(); Fixtures.press([.char("2")], &s); return s }()),
            (.statements, StatementFixtures.state()),
            (.bloat, BloatFixtures.state()),
            (.plan, plan),
            (.indexes, IndexesFixtures.state()),
            (.tables, TablesFixtures.state()),
            (.replication, ReplicationFixtures.state()),
        ]
    }

    /// Every page of the help, as the screen shows it.
    func helpPages(_ start: AppState) -> [[String]] {
        var s = start
        Fixtures.press([.char("?")], &s)
        var pages = [screen(s)]
        for _ in 1..<HelpContent.pageCount(s) {
            Fixtures.press([.pageDown], &s)
            pages.append(screen(s))
        }
        return pages
    }

    @Test func everyPaneIsTestedHere() {
        #expect(Self.statesOnEveryPane().map(\.0) == PaneRegistry.panes)
    }

    @Test(arguments: statesOnEveryPane().map(\.0))
    func helpListsEveryKeyOfThePaneAt80x24(pane: Pane) {
        let state = Self.statesOnEveryPane().first { $0.0 == pane }!.1
        #expect(state.pane == pane)
        let pages = helpPages(state)
        #expect(pages.count <= 2, "the help of \(pane) takes \(pages.count) pages at 80x24")
        for page in pages {
            #expect(page.count == 24)
            #expect(page.allSatisfy { DisplayWidth.of($0) <= 80 })
        }
        let text = pages.flatMap { $0 }.joined(separator: "\n")
        let listed = HelpContent.listed(state)
        #expect(listed.count >= 2, "\(pane): the pane's keys and the global ones")
        for layer in listed {
            #expect(text.contains(layer.title), "\(pane): section \(layer.title)")
            for binding in layer.bindings {
                let help = binding.help ?? ""
                // One line each, whole: the key, then its text.
                let line = DisplayWidth.fit(binding.label, toWidth: HelpContent.keyWidth) + " " + help
                #expect(text.contains(line), "\(pane): \(binding.label) \(help)")
            }
        }
    }

    @Test func activityHelpNamesTheWaysIntoExplainAndTerminate() {
        let text = helpPages(Fixtures.state()).flatMap { $0 }.joined(separator: "\n")
        for line in ["e          EXPLAIN its query", "a          EXPLAIN ANALYZE (asks y)", "x          EXPLAIN typed SQL",
                     "K  F9      terminate the backend", "↑↓ j k     move the selection"] {
            #expect(text.contains(line), "\(line)")
        }
    }

    @Test func activityHelpScreen() {
        var s = Fixtures.state()
        Fixtures.press([.char("?")], &s)
        expectScreen(screen(s), ScreenHeader.lines + [
            "┌ Keys on Activity — any key closes ───────────────────────────────────────────┐",
            "│ Activity                               ↑↓ j k     scroll; PgUp PgDn Space    │",
            "│ ↑↓ j k     move the selection          c  F7      cancel its query           │",
            "│ PgUp PgDn  a page up / down            K  F9      terminate it               │",
            "│ Home End   first / last row            e          EXPLAIN its query          │",
            "│ /  F4      filter (Enter keeps it)     a          EXPLAIN ANALYZE (asks y)   │",
            "│ s  F6      sort by the next column                                           │",
            "│ S          reverse the sort order      Every pane                            │",
            "│ i          show / hide idle sessions   1-8        show pane N (the tabs)     │",
            "│ Esc        clear filter, then marks    Tab S-Tab  next / previous pane       │",
            "│ Enter      detail: full query, fields  x          EXPLAIN typed SQL          │",
            "│ Space      mark / unmark a backend     p          pause / resume refreshing  │",
            "│ c  F7      cancel the query (marked)   +  -       interval (0.5s to 60s)     │",
            "│ K  F9      terminate the backend       r  F5      refresh now                │",
            "│ e          EXPLAIN its query           R          report to a file here      │",
            "│ a          EXPLAIN ANALYZE (asks y)    ?  F1      this help                  │",
            "│                                        q  F10     quit (a view: close it)    │",
            "│ Backend detail (Enter)                 Ctrl-L     repaint the screen         │",
            "│ Esc q      close the view                                                    │",
            "└──────────────────────────────────────────────────────────────────────────────┘",
            "",
        ])
    }

    /// A key of every pane that a pane takes for itself is not in its help, and indeed does the
    /// pane's thing there.
    @Test func shadowedGlobalKeysAreLeftOutOfThePanesHelp() {
        var bloat = BloatFixtures.state()
        let text = helpPages(bloat).flatMap { $0 }.joined(separator: "\n")
        #expect(!text.contains("EXPLAIN typed SQL") && text.contains("exact figures, pgstattuple"))
        Fixtures.press([.char("x")], &bloat)
        #expect(bloat.plan.input == nil && bloat.bloat.exact != nil)
        var activity = Fixtures.state()
        #expect(helpPages(activity).flatMap { $0 }.joined(separator: "\n").contains("EXPLAIN typed SQL"))
        Fixtures.press([.char("x")], &activity)
        #expect(activity.plan.input != nil)
    }

    /// The offline plan browser has no server and no other pane: its help does not offer them.
    @Test func theOfflineHelpLeavesOutWhatIsRefused() {
        let offline = AppState.offlinePlan(PlanSamples.document(PlanSamples.cte, source: "file p.json"), label: "plan p.json")
        let text = helpPages(offline).flatMap { $0 }.joined(separator: "\n")
        #expect(text.contains("every property of a node"))
        #expect(!text.contains("show pane N") && !text.contains("refresh now") && !text.contains("pause / resume"))
        #expect(text.contains("this help") && text.contains("quit"))
    }

    @Test func anyOtherKeyClosesTheHelpAndPageKeysTurnIt() {
        var s = Fixtures.state()
        Fixtures.press([.char("?")], &s)
        #expect(s.helpShown)
        Fixtures.press([.pageDown, .pageDown, .pageDown], &s)
        #expect(s.helpScroll == HelpContent.pageCount(s) - 1)
        Fixtures.press([.char("z")], &s)
        #expect(!s.helpShown && s.pane == .activity)
    }

    /// `k` moves up on every list and in every detail view; it never asks to terminate.
    @Test(arguments: statesOnEveryPane().map(\.0))
    func jAndKMoveEverywhere(pane: Pane) {
        var s = Self.statesOnEveryPane().first { $0.0 == pane }!.1
        let top = s
        Fixtures.press([.char("j")], &s)
        #expect(s != top, "\(pane): j moved nothing")
        Fixtures.press([.char("k")], &s)
        #expect(s.pendingAction == nil)
        // Back where it started: the selection (and the scroll) are the same again.
        #expect(PaneRegistry.feature(pane).selectedPid(s) == PaneRegistry.feature(pane).selectedPid(top))
        if pane == .plan { #expect(s.plan.selected == top.plan.selected) }
        if pane == .statements { #expect(s.statements.cursor.index == top.statements.cursor.index) }
        if pane == .bloat { #expect(s.bloat.cursor.index == top.bloat.cursor.index) }
        // In the pane's detail view too: j scrolls, k scrolls back, nothing is asked.
        Fixtures.press([.enter], &s)
        Fixtures.press([.char("j"), .char("k"), .char("k")], &s)
        #expect(s.pendingAction == nil, "\(pane): k in the detail view asked something")
    }

    @Test func terminateIsCapitalKInTheListAndTheDetailView() {
        var s = Fixtures.state()
        Fixtures.press([.char("K")], &s)
        #expect(s.pendingAction?.signal == .terminate)
        Fixtures.press([.char("n")], &s)
        Fixtures.press([.enter, .char("K")], &s)
        #expect(s.pendingAction?.signal == .terminate && s.pendingAction?.targets.first?.pid == s.detail?.pid)
        Fixtures.press([.char("n")], &s)
        Fixtures.press([.function(9)], &s)
        #expect(s.pendingAction?.signal == .terminate)
    }

    @Test func theStatusLineHintsComeFromTheBindings() {
        let s = Fixtures.state()
        let hints = KeyRouting.hints(s)
        #expect(hints.first?.keys.contains(.char("?")) == true)
        let last = screen(s).last ?? ""
        #expect(last.hasPrefix("? help  "))
        #expect(last.contains("K kill"))
    }
}

/// While an EXPLAIN runs, Esc over any pane's open view closes the view (Ctrl-C still cancels).
@Suite struct RunningExplainEscapeTests {
    @Test(arguments: [Pane.activity, .statements, .bloat, .indexes, .tables])
    func escClosesAnOpenViewRatherThanCancel(pane: Pane) {
        var s = HelpAndKeysTests.statesOnEveryPane().first { $0.0 == pane }!.1
        s.plan.running = RunningExplain(request: ExplainRequest(sql: "select 1"), origin: "typed SQL", startedAt: s.now)
        Fixtures.press([.enter], &s)
        #expect(KeyRouting.viewIsOpen(s), "\(pane): Enter opened no view")
        #expect(Fixtures.press([.escape], &s).isEmpty)
        #expect(!KeyRouting.viewIsOpen(s) && s.plan.running?.cancelling == false)
        #expect(Fixtures.press([.escape], &s) == [.explain(.cancel)])
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import PGTriageUI
@testable import PGTriageCore

/// The EXPLAIN flow on `AppState` (pure `update`): where a plan comes from, what is refused,
/// ANALYZE's confirmation, cancel, and the result landing on the Plan pane.
@Suite struct ExplainFlowTests {
    /// The request `update` asked the runtime to run, if any.
    func runRequest(_ effects: [Effect]) -> ExplainRequest? {
        for effect in effects { if case .explain(.run(let request)) = effect { return request } }
        return nil
    }

    /// Activity with the short query of pid 104 selected.
    func stateOn104() -> AppState {
        var s = Fixtures.state()
        Fixtures.press([.end], &s)
        #expect(s.selectedPid == 104)
        return s
    }

    @Test func eOnActivityExplainsTheQueryInItsDatabase() throws {
        var s = stateOn104()
        let effects = Fixtures.press([.char("e")], &s)
        let request = try #require(runRequest(effects))
        #expect(request.sql == Fixtures.d.query)
        #expect(request.database == "shop")
        #expect(!request.analyze && request.buffers && !request.queryIsCut)
        #expect(s.plan.running?.origin == "pid 104")
        #expect(StatusLine.line(s).left.text == "explaining pid 104… 0.0s (Esc/C-c cancels)")
        // A second one waits for the first.
        #expect(Fixtures.press([.char("e")], &s).isEmpty)
        #expect(s.status?.text == "an EXPLAIN is already running (Esc cancels it)")
    }

    @Test func eOnLocksExplainsTheSelectedBackend() throws {
        var backend = Fixtures.a
        backend.database = "billing"
        var s = Fixtures.state(snapshot: Fixtures.snapshot(activity: [backend, Fixtures.b, Fixtures.c]))
        Fixtures.press([.char("2")], &s)
        #expect(s.selectedPid == 101)
        let request = try #require(runRequest(Fixtures.press([.char("e")], &s)))
        #expect(request.database == "billing")
        #expect(request.sql == backend.query)
    }

    @Test func aCutQueryIsReadWholeFirstAndRefusedWhenTheServerCutIt() throws {
        var cut = Fixtures.d
        cut.query = "select count(*) from orders where note like 'aaaa"
        cut.queryIsCut = true
        var s = Fixtures.state(snapshot: Fixtures.snapshot(activity: [cut]))
        #expect(Fixtures.press([.char("e")], &s) == [.fetchQueryText(pid: 104)])
        #expect(s.plan.running == nil)
        // The whole text comes: that one is explained.
        let whole = "select count(*) from orders where note like 'aaaa%'"
        let effects = update(&s, .service(.queryText(pid: 104, text: whole, cutByServer: false)))
        #expect(runRequest(effects)?.sql == whole)
        #expect(runRequest(effects)?.database == "shop")

        // The server cut it (track_activity_query_size): refused, nothing sent.
        var s2 = Fixtures.state(snapshot: Fixtures.snapshot(activity: [cut]))
        Fixtures.press([.char("e")], &s2)
        let refused = update(&s2, .service(.queryText(pid: 104, text: cut.query, cutByServer: true)))
        #expect(refused.isEmpty)
        #expect(s2.status?.text == "query text was cut by track_activity_query_size: cannot explain a fragment")
        #expect(s2.status?.kind == .error)
        #expect(s2.plan.running == nil)
    }

    @Test func eInTheDetailViewUsesTheWholeTextItHas() throws {
        var cut = Fixtures.d
        cut.queryIsCut = true
        var s = Fixtures.state(snapshot: Fixtures.snapshot(activity: [cut]))
        Fixtures.press([.enter], &s)
        _ = update(&s, .service(.queryText(pid: 104, text: "select count(*) from orders o join x using (id)", cutByServer: false)))
        let request = try #require(runRequest(Fixtures.press([.char("e")], &s)))
        #expect(request.sql == "select count(*) from orders o join x using (id)")
        // The result closes the detail view and shows the plan.
        _ = update(&s, .service(.explainFinished(.success(PlanSamples.result(PlanSamples.nestedLoop, request: request)))))
        #expect(s.detail == nil && s.pane == .plan)
    }

    @Test func theResultOpensThePlanPane() throws {
        var s = stateOn104()
        let request = try #require(runRequest(Fixtures.press([.char("e")], &s)))
        _ = update(&s, .service(.explainFinished(.success(PlanSamples.result(PlanSamples.cte, request: request)))))
        #expect(s.pane == .plan)
        #expect(s.plan.running == nil)
        #expect(s.plan.document?.source == "pid 104 in shop")
        #expect(s.plan.document?.plan.nodes.count == 11)
        #expect(s.status?.text == "plan of pid 104: 6 findings, execution 43.5ms")
        #expect(view(s).lines()[3] == " Plan — pid 104 in shop · ANALYZE · 11 nodes")
    }

    @Test func analyzeAsksFirstAndRunsOnlyOnY() throws {
        var s = stateOn104()
        #expect(Fixtures.press([.char("a")], &s).isEmpty)
        let pending = try #require(s.plan.pendingAnalyze)
        #expect(pending.request.analyze)
        let screen = view(s).lines().joined(separator: "\n")
        #expect(screen.contains("EXPLAIN ANALYZE of pid 104?"))
        #expect(screen.contains("sequences still advance"))
        #expect(StatusLine.line(s).left.text == "y runs EXPLAIN ANALYZE (rolled back) · any other key: no")
        // Any other key: nothing runs.
        #expect(Fixtures.press([.char("n")], &s).isEmpty)
        #expect(s.plan.pendingAnalyze == nil && s.plan.running == nil)
        #expect(s.status?.text == "EXPLAIN ANALYZE not run")
        // y runs it.
        Fixtures.press([.char("a")], &s)
        let request = try #require(runRequest(Fixtures.press([.char("y")], &s)))
        #expect(request.analyze && request.wal && request.database == "shop")
        #expect(StatusLine.line(s).left.text.hasPrefix("explain analyze pid 104…"))
    }

    @Test func readOnlyRefusesAnalyzeButNotPlainExplain() throws {
        var s = Fixtures.state(readOnly: true)
        Fixtures.press([.end], &s)
        #expect(Fixtures.press([.char("a")], &s).isEmpty)
        #expect(s.plan.pendingAnalyze == nil)
        #expect(s.status?.text == "read-only mode (--read-only): EXPLAIN ANALYZE executes the statement, refused; e explains without running it")
        #expect(runRequest(Fixtures.press([.char("e")], &s))?.analyze == false)
    }

    @Test func escAndCtrlCCancelARunningExplain() throws {
        var s = stateOn104()
        Fixtures.press([.char("e")], &s)
        #expect(Fixtures.press([.escape], &s) == [.explain(.cancel)])
        #expect(s.plan.running?.cancelling == true)
        #expect(StatusLine.line(s).left.text == "cancelling the EXPLAIN of pid 104…")
        #expect(Fixtures.press([.escape], &s).isEmpty)  // once is enough
        _ = update(&s, .service(.explainFinished(.failure(.cancelled))))
        #expect(s.plan.running == nil)
        #expect(s.status?.text == "EXPLAIN of pid 104 cancelled (rolled back)")
        #expect(s.pane == .activity)
        // Ctrl-C cancels an EXPLAIN instead of quitting.
        Fixtures.press([.char("e")], &s)
        #expect(Fixtures.press([.ctrl("c")], &s) == [.explain(.cancel)])
        #expect(!s.quitting)
    }

    @Test func theUIKeepsRefreshingWhileAnExplainRuns() {
        var s = stateOn104()
        Fixtures.press([.char("e")], &s)
        var later = Fixtures.snapshot()
        later.summary.connections = 13
        _ = update(&s, .service(.snapshot(later)))
        #expect(s.snapshot?.summary.connections == 13)
        Fixtures.press([.char("2")], &s)
        #expect(s.pane == .locks)
        #expect(s.plan.running != nil)
    }

    @Test func xTypesSQLWithADatabaseAndAnAnalyzeToggle() throws {
        var s = Fixtures.state()
        Fixtures.press([.char("x")], &s)
        #expect(s.plan.input == ExplainInput())
        Fixtures.press(Fixtures.chars("select 1"), &s)
        #expect(StatusLine.line(s).left.text == "explain in shop: select 1 ")
        // Tab: the database field; typing goes there.
        Fixtures.press([.tab] + Fixtures.chars("other") + [.tab], &s)
        let request = try #require(runRequest(Fixtures.press([.enter], &s)))
        #expect(request.sql == "select 1" && request.database == "other" && !request.analyze)
        #expect(s.plan.input == nil)
        _ = update(&s, .service(.explainFinished(.failure(.cancelled))))

        // ^A asks for ANALYZE, which asks for y.
        Fixtures.press([.char("x")] + Fixtures.chars("select 2") + [.ctrl("a")], &s)
        #expect(StatusLine.line(s).left.text == "explain ANALYZE in shop: select 2 ")
        #expect(Fixtures.press([.enter], &s).isEmpty)
        #expect(s.plan.pendingAnalyze?.request.database == nil)  // the connection's
        let analyzed = try #require(runRequest(Fixtures.press([.char("y")], &s)))
        #expect(analyzed.analyze && analyzed.sql == "select 2")
    }

    @Test func refusalsSayWhyAndSendNothing() {
        var s = Fixtures.state()
        Fixtures.press([.char("x")] + Fixtures.chars("VACUUM orders"), &s)
        #expect(Fixtures.press([.enter], &s).isEmpty)
        #expect(s.status?.kind == .error)
        #expect(s.status?.text.hasPrefix("VACUUM cannot run inside a transaction block") == true)
        #expect(s.plan.input?.text == "VACUUM orders")  // kept, to be fixed
        Fixtures.press([.escape], &s)
        #expect(s.plan.input == nil)
        Fixtures.press([.char("x")] + Fixtures.chars("select 1; delete from t") + [.enter], &s)
        #expect(s.status?.text.contains("2 statements") == true)
        Fixtures.press([.escape], &s)
        // A refusal from the runner (after the server's version was known) shows the same way.
        _ = update(&s, .service(.explainFinished(.failure(.refused(ExplainRefusal(.needsParameters, "give a value for each"))))))
        #expect(s.status?.text == "give a value for each" && s.status?.kind == .error)
        // Idle sessions may have no text at all.
        var empty = Fixtures.d
        empty.query = ""
        var s2 = Fixtures.state(snapshot: Fixtures.snapshot(activity: [empty]))
        #expect(Fixtures.press([.char("e")], &s2).isEmpty)
        #expect(s2.status?.text == "pid 104 has no query text to explain")
        // A server error.
        _ = update(&s2, .service(.explainFinished(.failure(.server(PGError(kind: .server, message: "relation \"x\" does not exist"))))))
        #expect(s2.status?.text.hasPrefix("EXPLAIN of query failed") == true)
    }

    @Test func statementsGetAGenericPlanOn16AndAParameterPromptBefore() throws {
        let on16 = ExplainFlow.statementRequest(query: "select * from t where id = $1", database: "shop", serverVersion: 160_004)
        #expect(on16.genericPlan && !on16.analyze && on16.database == "shop")
        #expect(try on16.prepare(serverVersion: 160_004).usesGenericPlan)
        // 15: no GENERIC_PLAN; the input opens with the text, for values.
        var s = Fixtures.state()
        #expect(ExplainFlow.explainStatement(&s, query: "select * from t where id = $1", database: "shop").isEmpty)
        #expect(s.plan.input?.text == "select * from t where id = $1")
        #expect(s.plan.input?.database == "shop")
        // Without parameters it just runs.
        var s2 = Fixtures.state()
        let effects = ExplainFlow.explainStatement(&s2, query: "select count(*) from t", database: "shop")
        #expect(runRequest(effects)?.sql == "select count(*) from t")
        #expect(s2.plan.running?.origin == "statement")
    }

    @Test func rerunFromThePlanPane() throws {
        var s = stateOn104()
        let request = try #require(runRequest(Fixtures.press([.char("e")], &s)))
        _ = update(&s, .service(.explainFinished(.success(PlanSamples.result(PlanSamples.cte, request: request)))))
        Fixtures.press([.char("a")], &s)
        #expect(s.plan.pendingAnalyze?.origin == "pid 104")
        let again = try #require(runRequest(Fixtures.press([.char("y")], &s)))
        #expect(again.analyze && again.sql == request.sql && again.database == "shop")
    }

    @Test func theRuntimeCallsTheServiceAndShowsTheResult() throws {
        let backend = MemoryBackend(width: 80, height: 24)
        let service = ScriptedService()
        let runtime = ConsoleRuntime(backend: backend, service: service,
                                     state: AppState(connectionLabel: "triage@db1:5432/shop"),
                                     clock: { Fixtures.now }, tickMilliseconds: 250)
        runtime.start()
        service.emit(.connected(target: "triage@db1:5432/shop", info: Fixtures.info))
        service.emit(.snapshot(Fixtures.snapshot()))
        runtime.step()
        backend.pushKeys([.end, .char("e")])
        runtime.step()
        guard case .explain(let request)? = service.calls.last else {
            Issue.record("no explain call: \(service.calls)")
            return
        }
        #expect(request.database == "shop")
        #expect(backend.lines()[23] == "explaining pid 104… 0.0s (Esc/C-c cancels)")
        backend.pushKeys([.escape])
        runtime.step()
        #expect(service.calls.last == .cancelExplain)
        service.emit(.explainFinished(.success(PlanSamples.result(PlanSamples.sortSpill, request: request))))
        runtime.step()
        #expect(backend.lines()[3] == " Plan — pid 104 in shop · ANALYZE · 2 nodes")
    }

    /// The SQL line edits as a shell's does: the cursor moves by characters and words and stays
    /// in view, Ctrl-W takes a word, Up and Down recall what was run.
    @Test func theSQLLineHasACursorAndAHistory() {
        var s = Fixtures.state()
        Fixtures.press([.char("x")] + Fixtures.chars("select 1 from t"), &s)
        Fixtures.press(Array(repeating: Key.left, count: 6), &s)  // before "from"
        Fixtures.press(Fixtures.chars("+ 1 "), &s)
        #expect(s.plan.input?.text == "select 1 + 1 from t")
        Fixtures.press([.ctrl("w")], &s)
        #expect(s.plan.input?.text == "select 1 + from t")
        Fixtures.press([.home, .delete], &s)
        #expect(s.plan.input?.text == "elect 1 + from t" && s.plan.input?.cursor == 0)
        Fixtures.press([.char("s"), .end, .backspace, .char("u")], &s)
        #expect(s.plan.input?.text == "select 1 + from u")
        // A word at a time, over the punctuation between names, as readline's Alt-b and Alt-f.
        Fixtures.press(Fixtures.chars(" where t.a_b = 1"), &s)
        Fixtures.press([.wordLeft], &s)
        #expect(s.plan.input?.cursor == 32, "before the 1")
        Fixtures.press([.wordLeft], &s)
        #expect(s.plan.input?.cursor == 26, "before a_b, over \" = \"")
        Fixtures.press([.wordRight], &s)
        #expect(s.plan.input?.cursor == 29, "after a_b")
        Fixtures.press([.home, .wordRight, .wordRight], &s)
        #expect(s.plan.input?.cursor == 8, "after \"select 1\"")
        Fixtures.press([.end, .wordRight], &s)
        #expect(s.plan.input?.cursor == 33, "stays at the end")
        Fixtures.press([.ctrl("w"), .ctrl("w"), .ctrl("w"), .ctrl("w"), .backspace], &s)
        #expect(s.plan.input?.text == "select 1 + from u")
        // A long text keeps the cursor in view, the rest marked with "…".
        Fixtures.press(Fixtures.chars(" where " + String(repeating: "x", count: 120)), &s)
        Fixtures.press(Array(repeating: Key.left, count: 100), &s)
        let line = StatusLine.line(s).left.text
        #expect(DisplayWidth.of(line) <= 80)
        #expect(line.contains("…"))
        Fixtures.press([.ctrl("u")] + Fixtures.chars("select 2"), &s)
        _ = Fixtures.press([.enter], &s)  // runs it: into the history
        Fixtures.press([.char("x")] + Fixtures.chars("sel"), &s)
        Fixtures.press([.up], &s)
        #expect(s.plan.input?.text == "select 2")
        Fixtures.press([.down], &s)
        #expect(s.plan.input?.text == "sel", "the text being typed comes back")
    }
}

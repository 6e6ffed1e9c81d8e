import Testing
@testable import PGTriageUI
@testable import PGTriageCore

/// `i` in the plan browser: the index what-if on a scan's filter, offline (candidates only) and
/// online (a what-if request, its report over the plan), and `w` copying the DDL.
@Suite struct PlanWhatIfTests {
    /// The CTE sample: node 7 is `Seq Scan on public.customers c` with `Filter: (c.region = 'eu'::text)`.
    func state(offline: Bool) -> AppState {
        if offline {
            var s = AppState.offlinePlan(PlanSamples.document(PlanSamples.cte, source: "file cte.txt"), label: "plan cte.txt")
            s.plan.selected = 7
            return s
        }
        var s = Fixtures.state()
        let request = ExplainFlow.request(sql: "SELECT ...", database: "shop", analyze: true)
        s.plan.show(PlanSamples.document(PlanSamples.cte, source: "pid 42 in shop", request: request))
        s.pane = .plan
        s.plan.selected = 7
        return s
    }

    @Test func offlineShowsTheUntestedDDLAndCopiesIt() throws {
        var s = state(offline: true)
        #expect(Fixtures.press([.char("i")], &s).isEmpty)
        let whatIf = try #require(s.plan.whatIf)
        #expect(whatIf.nodeID == 7)
        #expect(whatIf.report.candidates.map(\.ddl) == ["CREATE INDEX ON public.customers (region)"])
        let lines = view(s).lines()
        expectScreen(Array(lines[3...8]), [
            "┌ index what-if — w copies the DDL · Esc closes ───────────────────────────────┐",
            "│ [7] Seq Scan on public.customers c                                           │",
            "│ no server behind this plan: the candidates are untested (pgtriage explain    │",
            "│ --what-if tests them with HypoPG)                                            │",
            "│ scan: Seq Scan on public.customers c                                         │",
            "│                                                                              │",
        ])
        #expect(lines[9] == "│ CREATE INDEX ON public.customers (region);                                   │")
        #expect(Fixtures.press([.char("w")], &s) == [.copyToClipboard(
            "-- index what-if\n-- for Seq Scan on public.customers c\nCREATE INDEX ON public.customers (region);\n")])
        Fixtures.press([.escape], &s)
        #expect(s.plan.whatIf == nil)
    }

    @Test func whileAnotherExplainRunsTheWhatIfIsRefusedAndTakesNothingOver() {
        var s = state(offline: false)
        #expect(!Fixtures.press([.char("e")], &s).isEmpty)
        #expect(s.plan.running != nil && s.plan.running?.whatIfNode == nil)
        #expect(Fixtures.press([.char("i")], &s).isEmpty)
        #expect(s.status?.text == "an EXPLAIN is already running (Esc cancels it)")
        #expect(s.plan.running?.whatIfNode == nil, "the running EXPLAIN is not a what-if")
    }

    @Test func aNodeWithoutAFilterSaysWhereItWorks() {
        var s = state(offline: true)
        s.plan.selected = 2  // Seq Scan on public.orders, no filter
        Fixtures.press([.char("i")], &s)
        #expect(s.plan.whatIf == nil)
        #expect(s.status?.text == PlanWhatIf.notATarget && s.status?.kind == .error)
    }

    @Test func onlineAsksForAPlainWhatIfAndShowsItsReportOverThePlan() throws {
        var s = state(offline: false)
        let document = s.plan.document
        let effects = Fixtures.press([.char("i")], &s)
        guard case .explain(.run(let request))? = effects.first else {
            Issue.record("no what-if asked: \(effects)")
            return
        }
        #expect(!request.analyze && request.format == .json && request.database == "shop")
        guard case .node(let target)? = request.whatIf else {
            Issue.record("no target: \(String(describing: request.whatIf))")
            return
        }
        #expect(target.relation == "customers" && target.schema == "public" && target.conditions == ["(c.region = 'eu'::text)"])
        #expect(s.plan.running?.whatIfNode == 7)

        var candidate = IndexCandidate(schema: "public", relation: "customers", columns: ["region"], nodeBefore: target.nodeTitle)
        candidate.costAfter = 30.5
        candidate.used = true
        candidate.sizeBytes = 65_536
        candidate.nodeAfter = "Bitmap Heap Scan on public.customers c"
        var result = PlanSamples.result(PlanSamples.cte, request: request)
        result.whatIf = IndexWhatIfReport(database: "shop", serverVersion: 150018, hypopg: .installed("1.3.1"),
                                          planCostBefore: 38698.43, candidates: [candidate])
        _ = update(&s, .service(.explainFinished(.success(result))))
        #expect(s.plan.document === document, "the plan browsed stays")
        #expect(s.plan.whatIf?.nodeID == 7)
        #expect(s.status?.text == "index what-if: 1 candidate, 1 used by the planner; w copies the DDL")
        let lines = view(s).lines()
        expectScreen(Array(lines[4...10]), [
            "│ [7] Seq Scan on public.customers c                                           │",
            "│ HypoPG 1.3.1 in shop: hypothetical indexes, plain EXPLAIN (never ANALYZE),   │",
            "│ then hypopg_reset()                                                          │",
            "│ plan cost before: 38698.43                                                   │",
            "│                                                                              │",
            "│ CREATE INDEX ON public.customers (region);                                   │",
            "│   cost 38698.43 -> 30.50 (-99.9 %), used, estimated size 64 kB               │",
        ])
        let copied = Fixtures.press([.char("w")], &s)
        #expect(copied == [.copyToClipboard("-- index what-if in shop\n-- for Seq Scan on public.customers c: cost 38698.43 -> 30.50, used, about 64 kB\nCREATE INDEX ON public.customers (region);\n")])
    }
}

/// Several plans in one input (a rule adds a statement): the browser keeps them all; `[` and `]`
/// move between them and the title says which is shown.
@Suite struct PlanSiblingsTests {
    static let rules = """
                                          QUERY PLAN
        ------------------------------------------------------------------------------
         Insert on log_a  (cost=0.00..0.10 rows=0 width=0)
           ->  Function Scan on generate_series g  (cost=0.00..0.10 rows=10 width=36)

         Insert on log_b  (cost=0.00..0.10 rows=0 width=0)
           ->  Function Scan on generate_series g  (cost=0.00..0.10 rows=10 width=36)
        (5 rows)
        """

    @Test func bracketsMoveBetweenThePlansOfAPaste() throws {
        let plans = try PlanParser.parseAll(Self.rules)
        #expect(plans.count == 2)
        var s = AppState.offlinePlans(plans.map { PlanDocument(plan: $0, source: "file rules.txt") }, label: "plan rules.txt")
        #expect(view(s).lines()[3].hasPrefix(" Plan — file rules.txt · plan 1 of 2 ([ ]) · plain EXPLAIN"))
        Fixtures.press([.down, .char("]")], &s)
        #expect(s.plan.document?.plan.root.title == "Insert on log_b")
        #expect(s.plan.selected == 0)
        #expect(view(s).lines()[3].hasPrefix(" Plan — file rules.txt · plan 2 of 2 ([ ])"))
        Fixtures.press([.char("]")], &s)
        #expect(s.plan.document?.plan.root.title == "Insert on log_a")
        Fixtures.press([.char("[")], &s)
        #expect(s.plan.siblingIndex == 1)
    }
}

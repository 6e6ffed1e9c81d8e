#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import PGTriageUI
@testable import PGTriageCore

/// The plan browser (pane 5) on captured plans: exact screens at 80x24 and wider, collapse and
/// expand, findings and the jump to their node, the node detail, search, writing the plan, and
/// the offline browser of `pgtriage plan FILE`.
@Suite struct PlanPaneTests {
    func planState(_ text: String, width: Int = 80, height: Int = 24) -> AppState {
        var s = Fixtures.state(width: width, height: height)
        s.plan.show(PlanSamples.document(text))
        s.pane = .plan
        return s
    }

    static let hints = "? help  ←→ fold  Enter node  f findings  / search  i what-if  w write  q quit"

    static let cteTree = [
        "  NODE                             TOTAL   SELF  %      ROWS EST× LOOPS HIT/READ",
        "  Hash Join  cond (t.customer_id… 43.4ms 0.25ms  1   222→333          1  18.1k/0",
        "! ├ CTE totals: HashAggregate     21.0ms 15.2ms 35 2000→2000          1    736/0",
        "· │ └ Seq Scan on public.orders   5.74ms 5.74ms 13 100k→100k          1    736/0",
        "  ├ InitPlan 3: Aggregate         0.74ms 0.15ms <1       1→1          1",
        "  │ └ CTE Scan on totals          0.59ms 0.00ms  0 2000→2000          1",
        "  ├ CTE Scan on totals t          21.6ms 0.50ms  1  667→1000          1    736/0",
        "  ├ Hash                          0.23ms 0.08ms <1   666→666          1     13/0",
        "· │ └ Seq Scan on public.custome… 0.15ms 0.15ms <1   666→666          1     13/0",
        "! └ SubPlan 2: Aggregate          21.3ms 1.67ms  4       1→1        333  17.3k/0",
        "·   └ Bitmap Heap Scan on public… 19.6ms 16.0ms 37     50→50        333  17.3k/0",
        "      └ Bitmap Index Scan on ord… 3.66ms 3.66ms  8     50→50        333    666/0",
    ]

    @Test func cteInitPlanSubPlanAt80x24() {
        expectScreen(view(planState(PlanSamples.cte)).lines(), ScreenHeader.lines + [
            " Plan — file sample.txt · ANALYZE · 11 nodes",
            " planning 0.189 ms  execution 43.5 ms  buffers shared hit=18065",
        ] + Self.cteTree + ["", "",
            " Findings (6) — f: select one to go to its node                     +3 more (f)",
            " warn [1] CTE totals: 48 % of the time (21.0 ms)",
            " warn [8] SubPlan 2: 49 % of the time (21.3 ms), runs 333 times",
            " info [9] Bitmap Heap Scan on public.orders o: 37 % of the time (16.0 ms self)",
            Self.hints,
        ])
    }

    @Test func nestedLoopsAt80x24DropTheIndexNameFirst() {
        let lines = view(planState(PlanSamples.nestedLoop)).lines()
        expectScreen(Array(lines[3...12]), [
            " Plan — file sample.txt · ANALYZE · 7 nodes",
            " planning 0.126 ms  execution 68.0 ms  buffers shared hit=110000",
            "  NODE                             TOTAL   SELF  %      ROWS EST× LOOPS HIT/READ",
            "  Aggregate                       67.9ms 5.77ms  8       1→1          1   110k/0",
            "  ├ InitPlan 1: Result            0.00ms 0.00ms <1       1→1          1",
            "· └ Nested Loop                   62.2ms 8.72ms 13  50k→100k   ↑2     1   110k/0",
            "·   ├ Nested Loop                 3.43ms 1.17ms  2 1000→2000   ↑2     1   6000/0",
            "    │ ├ Function Scan on generat… 0.26ms 0.26ms <1 1000→2000   ↑2     1",
            "    │ └ Index Only Scan on custo… 2.00ms 2.00ms  3       1→1       2000   6000/0",
            "!   └ Index Only Scan on orders o 50.0ms 50.0ms 74     50→50       2000   104k/0",
        ])
        #expect(lines[19] == " Findings (4) — f: select one to go to its node                     +1 more (f)")
    }

    @Test func wideScreensAddColumns() {
        let spill = view(planState(PlanSamples.sortSpill, width: 120)).lines()
        #expect(Array(spill[5...7]) == [
            // Room enough: the sort's detail whole ("external merge 3368kB disk"), not cut.
            "  NODE                              TOTAL   SELF  %      ROWS EST× LOOPS HIT/READ TEMP SORT/HASH                     I/O",
            "! Sort                             92.2ms 82.9ms 90 100k→100k          1    736/0 2663 external merge 3368kB disk 13.2ms",
            "· └ Seq Scan on orders             9.26ms 9.26ms 10 100k→100k          1    736/0",
        ])
        let parallel = view(planState(PlanSamples.parallelJSON, width: 130)).lines()
        #expect(Array(parallel[5...7]) == [
            "  NODE                                                                 TOTAL   SELF  % ROWS EST× LOOPS  HIT/READ   REMOVED WORKERS",
            "! Gather                                                              32.5ms 2.50ms  8  1→3   ↑3     1 1200/3400               1/2",
            "! └ Parallel Seq Scan on events_with_a_very_long_table_name_for_trun… 30.0ms 30.0ms 92  1→1          2 1200/3400 500k 100%",
        ])
        // At 80 columns the same plan keeps the essentials.
        let narrow = view(planState(PlanSamples.parallelJSON)).lines()
        #expect(narrow[7] == "! └ Parallel Seq Scan on events_with… 30.0ms 30.0ms 92  1→1          2 1200/3400")
    }

    @Test func heatAndFindingsCarryStyles() {
        var s = planState(PlanSamples.parallelJSON)
        let grid = view(s)
        // Row 6, the root, is selected; row 7 is the scan with 92 % of the time: critical
        // marker, title and self time.
        #expect(grid[2, 6].style.role == .tableSelected)
        #expect(grid[0, 7].style.role == .planCritical)
        #expect(grid[4, 7].style.role == .planCritical)
        #expect(grid[45, 7].style.role == .planCritical)
        #expect(grid[1, 20].style.role == .planCritical)  // "crit" in the findings
        #expect(grid[1, 21].style.role == .planWarning)   // "warn"
        Fixtures.press([.end], &s)
        let g2 = view(s)
        #expect(g2[45, 7].style.role == .tableSelected)
        #expect(g2[45, 6].style.role == .default)         // Gather's 2.50ms (8 %): no heat
        #expect(g2[0, 6].style.role == .planWarning)      // its warning (fewer workers)
    }

    @Test func collapseAndExpand() {
        var s = planState(PlanSamples.cte)
        Fixtures.press([.down, .left], &s)  // CTE totals: collapse
        #expect(s.plan.collapsed == [1])
        var lines = view(s).lines()
        #expect(lines[3] == " Plan — file sample.txt · ANALYZE · 11 nodes · 1 collapsed")
        #expect(lines[7] == "! ├ ▸CTE totals: HashAggreg… (+1) 21.0ms 15.2ms 35 2000→2000          1    736/0")
        #expect(lines[8] == "  ├ InitPlan 3: Aggregate         0.74ms 0.15ms <1       1→1          1")
        Fixtures.press([.left], &s)  // already collapsed: to the parent
        #expect(s.plan.selected == 0)
        Fixtures.press([.left], &s)  // the root folds everything
        lines = view(s).lines()
        #expect(lines[6].hasPrefix("  ▸Hash Join (+10)"))
        #expect(lines[7] == "")
        Fixtures.press([.right, .right], &s)  // unfold, then to the first child
        #expect(s.plan.selected == 1 && s.plan.collapsed == [1])
        Fixtures.press([.char("+")], &s)
        #expect(s.plan.collapsed.isEmpty)
        Fixtures.press([.char("-")], &s)
        #expect(s.plan.collapsed == [1])
        Fixtures.press([.char(" ")], &s)
        #expect(s.plan.collapsed.isEmpty)
        // A leaf cannot fold; `*` unfolds all.
        Fixtures.press([.down, .char("-"), .up, .up, .char("-"), .char("*")], &s)
        #expect(s.plan.collapsed.isEmpty)
        expectScreen(Array(view(s).lines()[5...16]), Self.cteTree)
    }

    @Test func findingsListJumpsToTheNode() {
        var s = planState(PlanSamples.cte)
        // Fold the Bitmap Heap Scan (9), then SubPlan 2 (8) above it.
        Fixtures.press([.end, .left, .char("-"), .up, .char("-")], &s)
        #expect(s.plan.collapsed == [8, 9])
        Fixtures.press([.char("f")], &s)
        #expect(s.plan.findingsFocused)
        #expect(s.plan.findingIndex == 1)  // the finding of the selected node
        let lines = view(s).lines()
        #expect(lines[16] == " Findings (6) — ↑↓ select · Enter goes to the node · Esc back to the tree")
        #expect(StatusLine.line(s).left.text == "? help  ↑↓ finding  Enter go to node  Esc tree  q quit")
        // Down to the third finding (Bitmap Heap Scan, node 9, folded away): it is revealed.
        Fixtures.press([.home, .down, .down], &s)
        #expect(s.plan.findingIndex == 2)
        #expect(s.plan.selected == 9)
        #expect(s.plan.collapsed == [9])  // its ancestors unfolded
        Fixtures.press([.enter], &s)
        #expect(!s.plan.findingsFocused && s.plan.selected == 9)
        // The tree has the keys again.
        Fixtures.press([.up], &s)
        #expect(s.plan.selected == 8)
        // F hides the findings; the tree gets their room.
        Fixtures.press([.char("F")], &s)
        #expect(!view(s).lines().contains { $0.hasPrefix(" Findings") })
    }

    @Test func nodeDetailShowsEveryPropertyUnknownOnesToo() {
        var s = planState(PlanSamples.parallelJSON)
        Fixtures.press([.down, .enter], &s)
        #expect(s.plan.detail == PlanNodeDetailState(nodeID: 1))
        let first = view(s).lines()
        expectScreen(Array(first[3...14]), [
            "┌ node [1] — Esc closes · ↑↓ PgUp PgDn scroll ─────────────────────────────────┐",
            "│ Parallel Seq Scan on events_with_a_very_long_table_name_for_truncation e     │",
            "│ under [0] Gather                                                             │",
            "│                                                                              │",
            "│ Analysis                                                                     │",
            "│ self time                30.0ms  (92.3 % of the time)                        │",
            "│ total time (all loops)   30.0ms                                              │",
            "│ self cost                10675.00  (91.4 % of the cost)                      │",
            "│ rows                     planned 1, actual 1 (per loop)                      │",
            "│ loops                    2                                                   │",
            "│ removed by filter        500000 (100.0 % of the rows read)                   │",
            "│ buffers (with children)  shared hit=1200 read=3400                           │",
        ])
        #expect(StatusLine.line(s).left.text == "Esc close  ↑↓ scroll  ? help")
        Fixtures.press([.end], &s)
        let end = view(s).lines().joined(separator: "\n")
        #expect(end.contains("│ Pgtriage Future Field"))
        #expect(end.contains("│   Answer                 42"))
        #expect(end.contains("│   Flags                  a, b"))
        #expect(end.contains("│ Worker 0"))
        #expect(end.contains("│ Actual Total Time        29.5"))
        // Keys other than those of the view do nothing; Esc closes it.
        Fixtures.press([.char("1")], &s)
        #expect(s.pane == .plan && s.plan.detail != nil)
        Fixtures.press([.escape], &s)
        #expect(s.plan.detail == nil)
        Fixtures.press([.char("d")], &s)
        #expect(s.plan.detail?.nodeID == 1)
    }

    @Test func searchTitlesAndConditions() {
        var s = planState(PlanSamples.cte)
        Fixtures.press([.char("/")] + Fixtures.chars("bitmap"), &s)
        #expect(s.plan.searchEditing && s.plan.selected == 9)
        #expect(StatusLine.line(s).left.text == "search: bitmap█")
        Fixtures.press([.enter], &s)
        #expect(!s.plan.searchEditing)
        #expect(view(s).lines()[3] == " Plan — search \"bitmap\" 1/2 · file sample.txt · ANALYZE · 11 nodes")
        Fixtures.press([.char("n")], &s)
        #expect(s.plan.selected == 10)
        Fixtures.press([.char("n")], &s)
        #expect(s.plan.selected == 9)  // wraps
        Fixtures.press([.char("N")], &s)
        #expect(s.plan.selected == 10)
        // Conditions too: the hash condition of the join, the filter of a scan.
        Fixtures.press([.escape, .char("/")] + Fixtures.chars("region = 'eu'") + [.enter], &s)
        #expect(s.plan.selected == 7)
        Fixtures.press([.char("/")] + Fixtures.chars("nothing like this") + [.enter], &s)
        #expect(s.status?.text == "no node matches \"nothing like this\"")
        Fixtures.press([.escape], &s)
        #expect(s.plan.search.isEmpty)
        // A match inside a folded subtree unfolds it.
        Fixtures.press([.home, .left, .char("/")] + Fixtures.chars("customers") + [.enter], &s)
        #expect(s.plan.selected == 7 && s.plan.collapsed.isEmpty)
    }

    @Test func plainExplainShowsCostsAndRows() {
        let plain = """
            Limit  (cost=25113.28..25113.33 rows=20 width=40)
              ->  Sort  (cost=25113.28..25238.28 rows=50000 width=40)
                    Sort Key: (sum(o.amount)) DESC
                    ->  HashAggregate  (cost=23157.00..23782.00 rows=50000 width=40)
                          Group Key: a.owner
                          ->  Seq Scan on orders o  (cost=0.00..3470.00 rows=200000 width=9)
            """
        let lines = view(planState(plain)).lines()
        expectScreen(Array(lines[3...9]), [
            " Plan — file sample.txt · plain EXPLAIN (estimates only) · 4 nodes",
            " estimated cost 25113.33 (no ANALYZE: no times)",
            "  NODE                                                              COST  % ROWS",
            "  Limit                                                             0.00  0   20",
            "  └ Sort                                                            1456  6  50k",
            "    └ HashAggregate                                                20312 81  50k",
            "      └ Seq Scan on orders o                                        3470 14 200k",
        ])
        #expect(lines[10] == "")  // no findings without ANALYZE
        var s = planState(plain)
        Fixtures.press([.char("f")], &s)
        #expect(s.status?.text == "no findings: plain EXPLAIN has no times or rows (a runs ANALYZE)")
    }

    @Test func emptyPaneSaysWhereAPlanComesFrom() {
        var s = Fixtures.state()
        Fixtures.press([.char("5")], &s)
        let lines = view(s).lines()
        #expect(lines[3] == " Plan")
        #expect(lines.contains { $0.contains("No plan yet: e on a query in Activity or Locks, x to type SQL") })
    }

    @Test func writeSavesJSONAndTextThatOpenAgain() throws {
        var s = planState(PlanSamples.cte)
        let effects = Fixtures.press([.char("w")], &s)
        guard case .explain(.save(let document))? = effects.first else {
            Issue.record("no save effect: \(effects)")
            return
        }
        let folder = "/tmp/pgtriage-plan-test-\(UInt32.random(in: 0...UInt32.max))"
        try FileSystem.makeDirectories(folder)
        defer {
            for stem in ["080000", "080000-2", "080000-3"] {
                unlink("\(folder)/pgtriage-plan-20270115-\(stem).json")
                unlink("\(folder)/pgtriage-plan-20270115-\(stem).txt")
            }
            rmdir(folder)
        }
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let paths = try ExplainEffects.save(document, directory: folder, date: date)
        #expect(paths == ["\(folder)/pgtriage-plan-20270115-080000.json", "\(folder)/pgtriage-plan-20270115-080000.txt"])
        // A second save the same second does not overwrite the first.
        let again = try ExplainEffects.save(document, directory: folder, date: date)
        #expect(again[0] == "\(folder)/pgtriage-plan-20270115-080000-2.json")
        for path in paths {
            let plan = try PlanParser.load(path: path)
            #expect(plan.nodes.count == 11)
            #expect(plan.nodes[9].title == "Bitmap Heap Scan on public.orders o")
        }
        // The runtime writes into the folder it is given and `update` says where.
        let answer = ExplainEffects.perform(.save(document), service: ScriptedService(), directory: { folder }, now: date)
        guard case .planWritten(.success(let third))? = answer else {
            Issue.record("no plan written: \(String(describing: answer))")
            return
        }
        #expect(third == ["\(folder)/pgtriage-plan-20270115-080000-3.json", "\(folder)/pgtriage-plan-20270115-080000-3.txt"])
        var state = s
        if let answer { _ = update(&state, answer) }
        #expect(state.status?.text == "plan written to \(folder)/pgtriage-plan-20270115-080000-3.json (and .txt)")
        _ = update(&state, .planWritten(.failure(PlanWriteError(description: "disk full"))))
        #expect(state.status?.text == "could not write the plan: disk full" && state.status?.kind == .error)
    }

    @Test func offlineBrowserOfASavedPlan() {
        var s = AppState.offlinePlan(PlanSamples.document(PlanSamples.sortSpill, source: "file spill.txt"),
                                     label: "plan spill.txt")
        let lines = view(s).lines()
        expectScreen(Array(lines[0...4]), [
            " plan spill.txt                                              offline: no server",
            " saved plan, text format  (pgtriage plan FILE: no server, nothing runs)",
            ScreenHeader.lines[2],
            " Plan — file spill.txt · ANALYZE · 2 nodes",
            " planning 0.043 ms  execution 97.1 ms  buffers shared hit=736, temp read=1254 …",
        ])
        #expect(lines[23] == "? help  ←→ fold  Enter node  f findings  / search  i what-if  w write  q quit")
        Fixtures.press([.char("1")], &s)
        #expect(s.pane == .plan)
        #expect(s.status?.text == "offline (pgtriage plan FILE): only the Plan pane, no server")
        Fixtures.press([.char("x")], &s)
        #expect(s.plan.input == nil)
        Fixtures.press([.char("e")], &s)
        #expect(s.status?.text == "this plan came from a file: nothing to run again")
        #expect(Fixtures.press([.char("q")], &s) == [.quit])
    }

    /// A plan of 2 000 nodes (a Limit over an Append of 999 partitions' bitmap scans): moving,
    /// folding and searching behave as on a small plan, and what the document keeps between keys
    /// (rows, matches, column widths) is what a rebuild from the plan gives.
    @Test func aTwoThousandNodePlanMovesFoldsAndSearches() throws {
        let document = PlanDocument(plan: try PlanParser.parse(PlanSynthetic.text(partitions: 999)), source: "file big.txt")
        var s = Fixtures.state(width: 100, height: 30)
        s.plan.show(document)
        s.pane = .plan
        var lines = view(s).lines()
        #expect(lines[3].hasPrefix(" Plan — file big.txt · ANALYZE · 2000 nodes"))
        #expect(lines[6].hasPrefix("  Limit "))
        #expect(lines[8].hasPrefix("    ├ Bitmap Heap Scan on m_1 "), "\(lines[8])")

        Fixtures.press([.end], &s)
        #expect(s.plan.selected == 1999)
        #expect(view(s).lines().contains { $0.hasPrefix("·     └ Bitmap Index Scan on m_999_a… (never executed) 0.00ms") })
        Fixtures.press([.home, .pageDown], &s)
        #expect(s.plan.selected == ExplainFlow.rows(s)[PlanPane.treeRows(s)].id)

        // Fold the Append: two rows; the selection inside it goes up to it.
        Fixtures.press([.end], &s)
        s.plan.collapsed = [1]
        ExplainFlow.normalize(&s)
        #expect(s.plan.selected == 1)
        #expect(ExplainFlow.rows(s).map(\.id) == [0, 1])
        #expect(ExplainFlow.rows(s)[1].hiddenCount == 1998)
        lines = view(s).lines()
        #expect(lines[7].hasPrefix("· └ ▸Append (+1998)"))
        #expect(lines[3].contains("2000 nodes · 1 collapsed"))

        // Fold every scan too, then unfold the Append: 1 + 1 + 999 rows.
        s.plan.collapsed = Set(document.plan.nodes[1].childIDs + [1])
        Fixtures.press([.char("+")], &s)
        #expect(ExplainFlow.rows(s).count == 1001)
        #expect(ExplainFlow.rows(s) == PlanRows.rows(document.plan, collapsed: s.plan.collapsed))

        // A search finds the index of one partition (not m_170's), unfolding what hides it.
        Fixtures.press([.char("/")] + Fixtures.chars("m_17_a") + [.enter], &s)
        let target = try #require(document.plan.nodes.first { $0.indexName == "m_17_a_idx" })
        #expect(s.plan.selected == target.id)
        #expect(!s.plan.collapsed.contains(target.parentID!))
        #expect(view(s).lines()[3].contains("search \"m_17_a\" 1/1"))
        #expect(document.matches("m_17_a") == [target.id])

        // n goes through the matches in plan order and wraps; N goes back.
        s.plan.search = "bitmap index scan on m_99"
        Fixtures.press([.home, .char("n")], &s)
        let expected = PlanRows.matches(document.plan, search: "bitmap index scan on m_99")
        #expect(expected.count == 11)  // m_99, m_990 ... m_999
        #expect(document.matches(s.plan.search) == expected)
        #expect(s.plan.selected == expected[0])
        for _ in 1..<expected.count { Fixtures.press([.char("n")], &s) }
        #expect(s.plan.selected == expected[10])
        Fixtures.press([.char("n")], &s)
        #expect(s.plan.selected == expected[0])
        Fixtures.press([.char("N")], &s)
        #expect(s.plan.selected == expected[10])

        // What a search looks in: conditions, filters, keys and names, not counts.
        #expect(["Filter", "Join Filter", "Index Cond", "Sort Key", "Relation Name", "Alias", "Schema"].allSatisfy(PlanRows.searched))
        #expect(!["Rows Removed by Filter", "Rows Removed by Index Recheck", "Output", "Node Type", "Actual Rows", ""].contains(where: PlanRows.searched))

        // The column widths kept by the document are those measured over every node.
        #expect(document.columns(width: 100).map(\.1) == PlanRows.columns(document, width: 100).map(\.1))
        #expect(document.widestCell(.rows) == document.plan.nodes.indices.map { id in
            PlanRows.cells(PlanRow(id: id, prefix: "", hasChildren: false, isCollapsed: false, hiddenCount: 0), document,
                           columns: [(.rows, 10)], matches: []).lines[0].displayWidth
        }.max())
    }
}

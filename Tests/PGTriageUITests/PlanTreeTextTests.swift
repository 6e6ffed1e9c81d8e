import Testing
@testable import PGTriageUI
@testable import PGTriageCore

/// What an on-call DBA needs on the tree's row itself: the node's condition, and numbers whole
/// when the screen has room.
@Suite struct PlanTreeTextTests {
    static let plan = """
        Hash Join  (cost=1.00..2000.00 rows=12200 width=8) (actual time=0.100..50.000 rows=12215 loops=1)
          Hash Cond: (o.account_id = a.id)
          ->  Seq Scan on orders o  (cost=0.00..1500.00 rows=12200 width=8) (actual time=0.010..40.000 rows=12215 loops=1)
                Filter: (amount > '99'::numeric)
                Rows Removed by Filter: 187785
          ->  Hash  (cost=0.50..0.50 rows=50 width=4) (actual time=0.050..0.050 rows=50 loops=1)
                ->  Index Scan using accounts_pkey on accounts a  (cost=0.29..0.50 rows=50 width=4) (actual time=0.010..0.020 rows=50 loops=1)
                      Index Cond: (id < 51)
        Planning Time: 0.100 ms
        Execution Time: 50.100 ms
        """

    func lines(width: Int) -> [String] {
        var s = Fixtures.state(width: width, height: 24)
        s.plan.show(PlanDocument(plan: try! PlanParser.parse(Self.plan), source: "file t.txt"))
        s.pane = .plan
        return view(s).lines()
    }

    @Test func conditionsShowOnTheRowWhenThereIsRoom() {
        let wide = lines(width: 160)
        #expect(wide[6].contains("Hash Join  cond (o.account_id = a.id)"), "\(wide[6])")
        #expect(wide[7].contains("Seq Scan on orders o  filter (amount > '99'::numeric)"), "\(wide[7])")
        #expect(wide[9].contains("Index Scan using accounts_pkey on accounts a  cond (id < 51)"), "\(wide[9])")
        // At 80 columns the title keeps its room; the condition shows as far as it fits.
        let narrow = lines(width: 80)
        expectScreen(Array(narrow[5...9]), [
            "  NODE                                    TOTAL   SELF  %        ROWS EST× LOOPS",
            "· Hash Join  cond (o.account_id = a.id)  50.0ms 9.95ms 20 12.2k→12.2k          1",
            "! ├ Seq Scan on orders o  filter (amoun… 40.0ms 40.0ms 80 12.2k→12.2k          1",
            "  └ Hash                                 0.05ms 0.03ms <1       50→50          1",
            "    └ Index Scan on accounts a           0.02ms 0.02ms <1       50→50          1",
        ])
    }

    @Test func numbersAreWholeWhenThereIsRoom() {
        let wide = lines(width: 160)
        #expect(wide[6].contains("12.2k→12.2k"), "\(wide[6])")
        #expect(!wide[6].contains("12.…"))
        #expect(wide[7].contains("188k 94%"), "\(wide[7])")
    }
}

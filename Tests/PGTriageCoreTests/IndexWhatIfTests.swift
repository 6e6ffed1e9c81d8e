import Testing
@testable import PGTriageCore

@Suite struct IndexWhatIfTests {
    let orders: Set<String> = ["id", "status", "flag", "created_at", "amount", "account_id", "Note", "order"]

    @Test func equalityRangeAndUnusableParts() {
        let found = IndexWhatIf.columns(
            in: "((status = 'late'::text) AND (created_at > '2026-01-01 00:00:00+00'::timestamp with time zone) AND flag AND (amount <> '3'::numeric))",
            tableColumns: orders)
        #expect(found.equality == ["status", "flag"])
        #expect(found.range == ["created_at"])
        #expect(found.unusable == ["amount <> '3'::numeric"])
    }

    @Test func qualifiedQuotedCastAndReversedSides() {
        let found = IndexWhatIf.columns(
            in: #"(((o."Note")::text = ANY ('{a,b}'::text[])) AND ('5'::numeric <= o.amount) AND (o.account_id IS NULL) AND (NOT o.flag))"#,
            tableColumns: orders)
        #expect(found.equality == ["Note", "account_id", "flag"])
        #expect(found.range == ["amount"])
        #expect(found.unusable.isEmpty)
    }

    @Test func orAndColumnToColumnAreNotIndexable() {
        let found = IndexWhatIf.columns(in: "(((status = 'a'::text) OR (status = 'b'::text)) AND (amount > (id)::numeric))", tableColumns: orders)
        #expect(found.equality.isEmpty && found.range.isEmpty)
        #expect(found.unusable.count == 2)
    }

    @Test func functionsOfConstantsAndParametersAreConstants() {
        let found = IndexWhatIf.columns(
            in: "((created_at > (now() - '1 day'::interval)) AND (account_id = $1) AND (id = (InitPlan 1).col1))", tableColumns: orders)
        #expect(found.range == ["created_at"])
        #expect(found.equality == ["account_id", "id"])
    }

    @Test func aQuotedReservedColumnStaysQuotedInTheDDL() {
        let found = IndexWhatIf.columns(in: #"("order" = 3)"#, tableColumns: orders)
        #expect(found.equality == ["order"])
        let c = IndexCandidate(schema: "public", relation: "Orders", columns: ["order", "status"], nodeBefore: "Seq Scan on Orders")
        #expect(c.ddl == #"CREATE INDEX ON public."Orders" ("order", status)"#)
    }

    @Test func equalityColumnsGoMostDistinctFirstThenRange() {
        let target = IndexWhatIfTarget(relation: "orders", conditions: [], nodeTitle: "Seq Scan on orders")
        let found = ConditionColumns(equality: ["flag", "status", "account_id"], range: ["created_at"])
        // flag: 2 values; status: 40; account_id: -0.25 of 100 000 rows = 25 000.
        let stats = [WhatIfColumnStats(name: "flag", nDistinct: 2), WhatIfColumnStats(name: "status", nDistinct: 40),
                     WhatIfColumnStats(name: "account_id", nDistinct: -0.25)]
        let made = IndexWhatIf.candidates(for: target, schema: "public", columns: found, stats: stats, rows: 100_000, existing: [])
        #expect(made.candidates.map(\.columns) == [["account_id", "status", "flag", "created_at"], ["account_id"], ["status"], ["flag"]])
        #expect(made.covered.isEmpty)
    }

    @Test func aCandidateCoveredByALeadingPrefixIsDropped() {
        let target = IndexWhatIfTarget(relation: "orders", conditions: [], nodeTitle: "Seq Scan on orders")
        let found = ConditionColumns(equality: ["account_id"], range: ["created_at"])
        let existing = [
            ExistingIndex(name: "orders_account_created", accessMethod: "btree", columns: ["account_id", "created_at", "id"], isPartial: false),
            ExistingIndex(name: "orders_created_brin", accessMethod: "brin", columns: ["created_at"], isPartial: false),
        ]
        let made = IndexWhatIf.candidates(for: target, schema: nil, columns: found, stats: [], rows: 0, existing: existing)
        #expect(made.candidates.map(\.columns) == [["created_at"]])
        #expect(made.covered.map(\.by) == ["orders_account_created", "orders_account_created"])
        // A prefix in another order, or a partial index, does not cover.
        let other = [ExistingIndex(name: "x", accessMethod: "btree", columns: ["created_at", "account_id"], isPartial: false),
                     ExistingIndex(name: "y", accessMethod: "btree", columns: ["account_id", "created_at"], isPartial: true)]
        let remade = IndexWhatIf.candidates(for: target, schema: nil, columns: found, stats: [], rows: 0, existing: other)
        #expect(remade.candidates.map(\.columns) == [["account_id", "created_at"], ["account_id"]])
        #expect(remade.covered.map(\.by) == ["x"])
    }

    @Test func targetsAreSeqScansWithAFilterOrScansThatRemoveMostRows() throws {
        let plan = try PlanParser.parse("""
            [{"Plan": {"Node Type": "Hash Join", "Total Cost": 10, "Plans": [
              {"Node Type": "Seq Scan", "Relation Name": "orders", "Alias": "o", "Filter": "(amount > '99'::numeric)", "Total Cost": 5},
              {"Node Type": "Seq Scan", "Relation Name": "accounts", "Alias": "a", "Total Cost": 5}]}}]
            """)
        #expect(IndexWhatIfTarget.of(plan.nodes[0]) == nil)
        let target = try #require(IndexWhatIfTarget.of(plan.nodes[1]))
        #expect(target.conditions == ["(amount > '99'::numeric)"])
        #expect(target.nodeTitle == "Seq Scan on orders o")
        #expect(IndexWhatIfTarget.of(plan.nodes[2]) == nil)
    }

    @Test func offlineReportShowsUntestedDDLAndHowToTestIt() {
        let target = IndexWhatIfTarget(relation: "orders", alias: "o", conditions: ["((o.status = 'late'::text) AND (o.amount > '99'::numeric))"],
                                       nodeTitle: "Seq Scan on orders o")
        let report = IndexWhatIf.offlineReport(target)
        #expect(report.candidates.map(\.ddl) == ["CREATE INDEX ON orders (status, amount)", "CREATE INDEX ON orders (status)", "CREATE INDEX ON orders (amount)"])
        #expect(report.howToGetHypoPG?.contains("explain --what-if") == true)
        #expect(report.clipboardText.contains("CREATE INDEX ON orders (status, amount);\n"))
    }

    @Test func jsonHasTheDocumentedShape() throws {
        var c = IndexCandidate(schema: "public", relation: "orders", columns: ["amount"], nodeBefore: "Seq Scan on orders o")
        c.costAfter = 120.5
        c.used = true
        c.sizeBytes = 2_605_056
        let report = IndexWhatIfReport(database: "shop", serverVersion: 150_000, hypopg: .installed("1.3.1"), planCostBefore: 4871, candidates: [c])
        let flat = report.jsonText.split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
        #expect(flat.hasPrefix(#"{"plan_cost_before": 4871,"candidates": [{"ddl": "CREATE INDEX ON public.orders (amount)","cost_after": 120.5,"used": true,"size_bytes": 2605056,"#))
        let missing = IndexWhatIfReport(database: "shop", serverVersion: 180_001, hypopg: .missing, planCostBefore: 10, candidates: [
            IndexCandidate(schema: nil, relation: "t", columns: ["a"], nodeBefore: "Seq Scan on t")])
        let missingFlat = missing.jsonText.split(separator: "\n").map { $0.drop { $0 == " " } }.joined()
        #expect(missingFlat.contains(#""cost_after": null,"used": null,"size_bytes": null"#))
        #expect(missing.howToGetHypoPG?.contains("postgresql-18-hypopg") == true)
    }
}

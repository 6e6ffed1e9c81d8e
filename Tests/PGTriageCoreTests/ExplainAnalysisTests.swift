import Testing
@testable import PGTriageCore

/// A plan node in JSON, for hand-made plans.
private func node(_ type: String, _ extra: String = "", rows: Double = 1, actualRows: Double = 1, loops: Double = 1,
                  time: Double, children: [String] = []) -> String {
    var text = #"{"Node Type": "\#(type)", "Startup Cost": 0, "Total Cost": 10, "Plan Rows": \#(rows), "Plan Width": 4, "#
        + #""Actual Startup Time": 0, "Actual Total Time": \#(time), "Actual Rows": \#(actualRows), "Actual Loops": \#(loops)"#
    if !extra.isEmpty { text += ", " + extra }
    if !children.isEmpty { text += #", "Plans": ["# + children.joined(separator: ", ") + "]" }
    return text + "}"
}

private func plan(_ root: String, execution: Double? = nil) throws -> Plan {
    try PlanParser.parse("[{\"Plan\": \(root)" + (execution.map { ", \"Execution Time\": \($0)" } ?? "") + "}]")
}

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= tolerance
}

@Suite struct ExplainAnalysisTests {
    @Test func selfTimeCountsLoopsAndSubtractsChildren() throws {
        let p = try plan(node("Nested Loop", #""Join Type": "Inner""#, time: 10, children: [
            node("Seq Scan", #""Relation Name": "a", "Parent Relationship": "Outer""#, actualRows: 1000, time: 2),
            node("Index Scan", #""Relation Name": "b", "Index Name": "b_pkey", "Parent Relationship": "Inner""#, loops: 2000, time: 0.0035),
        ]))
        let a = PlanAnalysis(plan: p)
        #expect(close(a[2].inclusiveTime, 7))
        #expect(close(a[2].selfTime, 7))
        #expect(close(a[1].selfTime, 2))
        #expect(close(a[0].selfTime, 1))
        #expect(close(a[2].selfShare, 0.7))
        #expect(a.findings.first?.kind == .slowNode && a.findings.first?.nodeID == 2 && a.findings.first?.severity == .warning)
        #expect(a.findings.contains { $0.kind == .nestedLoopManyLoops && $0.nodeID == 0 })
        #expect(a[1].misestimateFactor == 1000)  // 1 planned, 1000 read
        #expect(a[1].misestimateDirection == RowEstimateDirection.under)
        let misestimates = a.findings.filter { $0.kind == FindingKind.misestimate && $0.nodeID == 1 }
        #expect(misestimates.first?.severity == FindingSeverity.warning)
    }

    @Test func parallelWorkersAreAveragedNotSummed() throws {
        // Under a Gather with 2 workers launched, a node's time is a per-process average and its
        // loops count the leader and each worker (3).
        let p = try plan(node("Gather", #""Workers Planned": 4, "Workers Launched": 2"#, actualRows: 30, time: 30, children: [
            node("Seq Scan", #""Parallel Aware": true, "Relation Name": "t", "Parent Relationship": "Outer""#, rows: 10, actualRows: 10, loops: 3, time: 25),
        ]))
        let a = PlanAnalysis(plan: p)
        #expect(close(a[1].inclusiveTime, 25))
        #expect(close(a[1].selfTime, 25))
        #expect(close(a[0].selfTime, 5))
        #expect(a.findings.contains { $0.kind == .fewerWorkers && $0.nodeID == 0 })
        #expect(p.nodes[1].title == "Parallel Seq Scan on t")
    }

    @Test func cteAndInitPlansAreChargedOnceToTheNodeThatRanThem() throws {
        // CTE x (8 ms) is read by the CTE Scan (10 ms including the CTE); InitPlan 2 (3 ms) is
        // referred to by the Seq Scan's filter, which ran it (4 ms including it).
        let p = try plan(node("Hash Join", time: 20, children: [
            node("Aggregate", #""Parent Relationship": "InitPlan", "Subplan Name": "CTE x""#, time: 8),
            node("Result", #""Parent Relationship": "InitPlan", "Subplan Name": "InitPlan 2 (returns $1)""#, time: 3),
            node("CTE Scan", #""CTE Name": "x", "Alias": "x", "Parent Relationship": "Outer""#, time: 10),
            node("Hash", #""Parent Relationship": "Inner""#, time: 5, children: [
                node("Seq Scan", #""Relation Name": "t", "Filter": "(a > $1)", "Parent Relationship": "Outer""#, time: 4),
            ]),
        ]))
        let a = PlanAnalysis(plan: p)
        #expect(close(a[3].selfTime, 2))    // CTE Scan: 10 - 8
        #expect(close(a[5].selfTime, 1))    // Seq Scan: 4 - 3
        #expect(close(a[4].selfTime, 1))    // Hash: 5 - 4
        #expect(close(a[0].selfTime, 5))    // Hash Join: 20 - 10 - 5 (its InitPlans ran below it)
        #expect(close(a[1].selfTime, 8) && close(a[2].selfTime, 3))
        let sum = a.nodes.compactMap(\.selfTime).reduce(0, +)
        #expect(close(sum, 20))
        #expect(a.findings.contains { $0.kind == .subplanCost && $0.nodeID == 1 })
    }

    @Test func version17InitPlanReferences() throws {
        let p = try plan(node("Seq Scan", #""Relation Name": "t", "Filter": "(a > (InitPlan 1).col1)""#, time: 6, children: [
            node("Result", #""Parent Relationship": "InitPlan", "Subplan Name": "InitPlan 1""#, time: 2),
        ]))
        let a = PlanAnalysis(plan: p)
        #expect(close(a[0].selfTime, 4))
        #expect(close(a[1].selfTime, 2))
    }

    @Test func selfTimeNeverGoesBelowZero() throws {
        let p = try plan(node("Sort", time: 1, children: [node("Seq Scan", #""Relation Name": "t""#, time: 1.5)]))
        let a = PlanAnalysis(plan: p)
        #expect(a[0].selfTime == 0)
        #expect(a[1].selfTime == 1.5)
    }

    @Test func misestimateFactorAndDirection() throws {
        let over = try plan(node("Seq Scan", #""Relation Name": "t""#, rows: 50_000, actualRows: 20, time: 1))
        let a = PlanAnalysis(plan: over)
        #expect(a[0].misestimateFactor == 2500 && a[0].misestimateDirection == .over)
        #expect(a.findings.contains { $0.kind == .misestimate && $0.severity == .critical })
        let exact = PlanAnalysis(plan: try plan(node("Seq Scan", #""Relation Name": "t""#, rows: 0, actualRows: 0, time: 1)))
        #expect(exact[0].misestimateFactor == 1 && exact[0].misestimateDirection == .exact)
        let small = PlanAnalysis(plan: try plan(node("Seq Scan", #""Relation Name": "t""#, rows: 1, actualRows: 9, time: 1)))
        #expect(!small.findings.contains { $0.kind == .misestimate })
    }

    @Test func fewerRowsUnderALimitIsNoMisestimate() throws {
        let p = try plan(node("Limit", rows: 20, actualRows: 20, time: 5, children: [
            node("Sort", #""Parent Relationship": "Outer""#, rows: 50_000, actualRows: 20, time: 5, children: [
                node("Seq Scan", #""Relation Name": "t", "Parent Relationship": "Outer""#, rows: 50_000, actualRows: 50_000, time: 3),
            ]),
        ]))
        let a = PlanAnalysis(plan: p)
        #expect(a[1].mayStopEarly && a[1].misestimateFactor == 2500)
        #expect(!a.findings.contains { $0.kind == .misestimate })
        #expect(PlanReport.nodeLine(p.nodes[1], a[1]).contains("stopped early"))
    }

    @Test func spillsAndFiltersAndNeverExecuted() throws {
        let p = try plan(node("Hash Join", time: 10, children: [
            node("Sort", #""Sort Method": "external merge", "Sort Space Used": 3400, "Sort Space Type": "Disk", "Parent Relationship": "Outer""#, time: 4, children: [
                node("Seq Scan", #""Relation Name": "big", "Filter": "(x = 1)", "Rows Removed by Filter": 99000, "Parent Relationship": "Outer""#, actualRows: 1000, time: 2),
            ]),
            node("Hash", #""Hash Buckets": 4096, "Hash Batches": 32, "Original Hash Batches": 1, "Parent Relationship": "Inner""#, time: 3, children: [
                node("Seq Scan", #""Relation Name": "never", "Parent Relationship": "Outer""#, loops: 0, time: 0),
            ]),
        ]))
        let a = PlanAnalysis(plan: p)
        let kinds = Set(a.findings.map(\.kind))
        #expect(kinds.isSuperset(of: [.sortSpilled, .hashSpilled, .filterRemovesRows, .neverExecuted]))
        #expect(a[2].removedFraction == 0.99)
        #expect(a.findings.first { $0.kind == .filterRemovesRows }?.severity == .warning)
        #expect(a[4].neverExecuted)
        #expect(a[1].worstSeverity == .warning)
    }

    /// On every captured plan: the self times add up to the root's time within 1 %, none is
    /// negative, and every node has one.
    @Test func selfTimesAddUpOnEveryFixture() throws {
        for (name, text) in PlanFixtures.all {
            let p = try PlanParser.parse(text)
            let a = PlanAnalysis(plan: p)
            guard let total = a.totalTime, total > 0 else { continue }
            let selfTimes = a.nodes.compactMap(\.selfTime)
            #expect(selfTimes.count == p.nodes.count, "\(name)")
            #expect(selfTimes.allSatisfy { $0 >= 0 }, "\(name)")
            let sum = selfTimes.reduce(0, +)
            #expect(abs(sum - total) <= total * 0.01, "\(name): self times add up to \(sum), root \(total)")
            let shares = a.nodes.compactMap(\.selfShare).reduce(0, +)
            #expect(abs(shares - 1) <= 0.01, "\(name)")
        }
    }

    @Test func realPlansShowTheFindingsTheyShould() throws {
        func findings(_ name: String) throws -> [PlanFinding] {
            PlanAnalysis(plan: try PlanParser.parse(PlanFixtures.named(name))).findings
        }
        for major in [15, 18] {
            for format in ["json", "text"] {
                #expect(try findings("pg\(major)_sort-spill_\(format)").contains { $0.kind == .sortSpilled }, "\(major) \(format)")
                #expect(try findings("pg\(major)_hash-spill_\(format)").contains { $0.kind == .hashSpilled }, "\(major) \(format)")
                #expect(try findings("pg\(major)_join-aggregate_\(format)").contains { $0.kind == .filterRemovesRows }, "\(major) \(format)")
                #expect(try findings("pg\(major)_join-aggregate_\(format)").contains { $0.kind == .slowNode }, "\(major) \(format)")
                #expect(try findings("pg\(major)_nested-loop-misestimate_\(format)").contains { $0.kind == .nestedLoopManyLoops }, "\(major) \(format)")
                #expect(try findings("pg\(major)_cte-initplan-subplan_\(format)").contains { $0.kind == .subplanCost }, "\(major) \(format)")
            }
            let cte = try PlanParser.parse(PlanFixtures.named("pg\(major)_cte-initplan-subplan_json"))
            let analysis = PlanAnalysis(plan: cte)
            let scan = try #require(cte.nodes.first { $0.nodeType == "CTE Scan" && $0.alias == "t" })
            // The CTE's own work is not the CTE Scan's.
            #expect(analysis[scan.id].selfTime! < scan.actualTotalTime! / 2)
            let delete = try PlanParser.parse(PlanFixtures.named("pg\(major)_delete-trigger_json"))
            #expect(delete.triggers.first?.name == "orders_audit" && delete.triggers.first?.calls == 200)
            let insert = try PlanParser.parse(PlanFixtures.named("pg\(major)_insert-fk_text"))
            #expect(insert.triggers.first?.constraintName == "orders_customer_id_fkey")
        }
    }

    @Test func reportTextAndJSON() throws {
        let p = try PlanParser.parse(PlanFixtures.named("pg18_join-aggregate_json"))
        let a = PlanAnalysis(plan: p)
        let text = PlanReport.text(p, a)
        #expect(text.contains("[3] Seq Scan on orders o  self "))
        #expect(text.contains("Findings ("))
        let json = try PlanReport.json(p, a).encoded()
        #expect(json.contains("\"self_time_ms\""))
        #expect(json.contains("\"findings\""))
    }
}

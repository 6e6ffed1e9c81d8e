#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import PGTriageCore

/// Plans of thousands of nodes (made by `PlanSynthetic`, the shape bench/plan-parse times): the
/// text and JSON twins read to the same tree and analysis. Correctness only: speed is measured
/// by bench/plan-parse, not asserted here.
@Suite struct PlanLargeTests {
    static let partitions = 999  // 2 000 nodes

    @Test func aTwoThousandNodeTextPlanAndItsJSONTwinAreTheSameTree() throws {
        let text = try PlanParser.parse(PlanSynthetic.text(partitions: Self.partitions))
        let json = try PlanParser.parse(PlanSynthetic.json(partitions: Self.partitions))
        #expect(text.sourceFormat == .text && json.sourceFormat == .json)
        #expect(text.nodes.count == 2000 && PlanSynthetic.nodeCount(partitions: Self.partitions) == 2000)
        #expect(json.nodes.count == 2000)
        for (x, y) in zip(text.nodes, json.nodes) {
            let c = "node \(x.id) \(x.title) / \(y.title)"
            #expect(x.title == y.title && x.nodeType == y.nodeType, "\(c)")
            #expect(x.parentID == y.parentID && x.childIDs == y.childIDs && x.depth == y.depth, "\(c)")
            #expect(x.parentRelationshipText == y.parentRelationshipText, "\(c)")
            #expect(x.relationName == y.relationName && x.alias == y.alias && x.indexName == y.indexName, "\(c)")
            #expect(x.startupCost == y.startupCost && x.totalCost == y.totalCost && x.planRows == y.planRows, "\(c)")
            #expect(x.actualRows == y.actualRows && x.actualLoops == y.actualLoops && x.neverExecuted == y.neverExecuted, "\(c)")
            #expect(x.indexCond == y.indexCond && x.recheckCond == y.recheckCond, "\(c)")
            #expect(x.buffers == y.buffers, "\(c)")
            // Never executed: JSON says 0.000 ms where text says nothing (as PostgreSQL prints them).
            if !x.neverExecuted {
                #expect(x.actualStartupTime == y.actualStartupTime && x.actualTotalTime == y.actualTotalTime, "\(c)")
            }
        }
        #expect(text.executionTime == json.executionTime && text.executionTime != nil)

        for plan in [text, json] {
            #expect(plan.root.title == "Limit")
            #expect(plan.nodes[1].title == "Append" && plan.nodes[1].parentID == 0)
            #expect(plan.nodes[1].childIDs.count == Self.partitions)
            for (i, scan) in plan.nodes[1].childIDs.enumerated() {
                let heap = plan.nodes[scan]
                #expect(heap.title == "Bitmap Heap Scan on m_\(i + 1)" && heap.parentID == 1)
                #expect(heap.parentRelationship == .member)
                #expect(heap.childIDs == [scan + 1])
                #expect(plan.nodes[scan + 1].title == "Bitmap Index Scan on m_\(i + 1)_a_idx")
                #expect(plan.nodes[scan + 1].parentRelationship == .outer)
                #expect(heap.neverExecuted == (i >= 100))
            }
            #expect(plan.nodes.enumerated().allSatisfy { $0.offset == $0.element.id })
            #expect(plan.planningTime == 812.345)
            #expect(plan.planningBuffers?.sharedHit == 20 * Self.partitions)
        }

        let a = PlanAnalysis(plan: text), b = PlanAnalysis(plan: json)
        #expect(a.findings == b.findings)
        #expect(a.totalTime == b.totalTime && a.buffers == b.buffers)
        for (x, y) in zip(a.nodes, b.nodes) {
            #expect(x.selfTime == y.selfTime && x.selfBuffers == y.selfBuffers && x.mayStopEarly == y.mayStopEarly, "node \(x.id)")
        }
        // Under the Limit everything may stop early; the Limit itself may not.
        #expect(!a[0].mayStopEarly && a.nodes.dropFirst().allSatisfy(\.mayStopEarly))
        #expect(a.findings.filter { $0.kind == .neverExecuted }.count == 2 * (Self.partitions - 100))
        // Self time: the Append's total (1.6 ms) less its 100 scans' (0.014 ms each); a heap
        // scan's less its index scan's (0.006 ms).
        #expect(abs((a[1].selfTime ?? -1) - (1.61 - 100 * 0.014)) < 1e-9)
        #expect(abs((a[2].selfTime ?? -1) - 0.008) < 1e-9)
        #expect(abs((a[0].selfTime ?? -1) - 0.005) < 1e-9)
    }

    /// A thousand InitPlans under an Append, each read by one of its scans (`$n`): each one's
    /// time is charged to the scan that reads it, not to the Append they hang from.
    @Test func aThousandInitPlansAreChargedToTheScansThatReadThem() throws {
        let k = 1000
        var lines = ["Append  (cost=0.00..\(k).00 rows=\(k) width=4) (actual time=0.010..5.000 rows=\(k) loops=1)"]
        for i in 0..<k {
            lines.append("  InitPlan \(i + 1) (returns $\(i))")
            lines.append("    ->  Result  (cost=0.00..0.01 rows=1 width=4) (actual time=0.001..0.001 rows=1 loops=1)")
        }
        for i in 0..<k {
            lines.append("  ->  Seq Scan on t_\(i)  (cost=0.00..1.01 rows=1 width=4) (actual time=0.004..0.004 rows=1 loops=1)")
            lines.append("        Filter: (a = $\(i))")
        }
        lines.append("Execution Time: 5.100 ms")
        let plan = try PlanParser.parse(lines.joined(separator: "\n"))
        #expect(plan.nodes.count == 1 + 2 * k)
        let analysis = PlanAnalysis(plan: plan)
        for scan in plan.root.childIDs where plan.nodes[scan].nodeType == "Seq Scan" {
            #expect(abs((analysis[scan].selfTime ?? -1) - 0.003) < 1e-9, "\(plan.nodes[scan].title)")
        }
        #expect(abs((analysis[0].selfTime ?? -1) - (5.0 - Double(k) * 0.004)) < 1e-9)
    }

    /// The one-pass clean-up of plain input gives what the line-by-line one gives, and leaves
    /// framed, logged and `+`-marked input to it.
    @Test func plainInputIsCleanedUpAsLineByLine() {
        var inputs = PlanFixtures.all.map(\.text) + [
            "", "  \n\t\n", "Seq Scan on t  (cost=0.00..1.00 rows=1 width=4)   \n  Filter: (a = 1)\t \n\n",
            "  [ {\"Plan\": {\"Node Type\": \"Result\"}} ]  ", "é Seq Scan on t", "\u{00A0}[{\"Plan\": {}}]",
        ]
        inputs += inputs.map { $0.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "  \n") }
        var plain = 0
        for input in inputs {
            let all = PlanParser.normalizeLines(input)
            guard let fast = PlanParser.plainBody(input) else { continue }
            plain += 1
            #expect(all.count == 1, "\(input.prefix(80))")
            guard let general = all.first else { continue }
            #expect(fast.body == general.body && fast.isJSON == general.isJSON, "\(input.prefix(80))")
            #expect(general.extraProperties.isEmpty && general.warnings.isEmpty)
        }
        #expect(plain >= inputs.count / 2)
        for framed in ["QUERY PLAN\n----------\n Result\n(1 row)", "LOG:  duration: 1.0 ms  plan:\n\tResult", "[\n  {\"a\": \"x +\n  y\"}\n]"] {
            #expect(PlanParser.plainBody(framed) == nil)
        }
    }

    @Test func referencesAreWholeParameterNumbersAndInitPlanLabels() {
        var tokens = Set<String>()
        PlanExpressionScan.references(in: "((a = $1) AND (b = $10) AND (c = (InitPlan 2).col1)) OR $$3 OR $ OR (InitPlan x)", into: &tokens)
        #expect(tokens == ["$1", "$10", "(InitPlan 2)", "$3"])
        #expect(PlanExpressionScan.isReferenceToken("$1") && PlanExpressionScan.isReferenceToken("(InitPlan 12)"))
        #expect(!PlanExpressionScan.isReferenceToken("$1x") && !PlanExpressionScan.isReferenceToken("(InitPlan 1).col1"))
    }
}

/// Inputs over 50 MB are refused with one message before any parsing (a larger file is no plan a
/// person pasted or saved; reading it would take the terminal for minutes).
@Suite struct PlanInputLimitTests {
    @Test func aStringOverTheLimitIsRefused() {
        let big = String(repeating: "x", count: PlanParser.maximumInputBytes + 1)
        #expect(throws: PlanParseError(kind: .tooLarge, message: "the input is too large (51 MB): plans up to 50 MB are read")) {
            try PlanParser.parse(big)
        }
    }

    @Test func aFileOverTheLimitIsRefusedWithoutReadingIt() throws {
        let path = "/tmp/pgtriage-plan-limit-\(UInt32.random(in: 0...UInt32.max)).txt"
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        try #require(fd >= 0)
        defer { unlink(path) }
        // Sparse: 60 MB of size, nothing written.
        #expect(ftruncate(fd, off_t(60 * 1024 * 1024)) == 0)
        close(fd)
        do {
            _ = try PlanParser.load(path: path)
            Issue.record("a 60 MB file was read")
        } catch let error as PlanParseError {
            #expect(error.kind == .tooLarge)
            #expect(error.description == "the input is too large (60 MB): plans up to 50 MB are read")
        }
        // At the limit it is read (and is no plan: all zero bytes).
        let small = open(path, O_WRONLY | O_TRUNC)
        #expect(ftruncate(small, off_t(1000)) == 0)
        close(small)
        do {
            _ = try PlanParser.load(path: path)
            Issue.record("zero bytes read as a plan")
        } catch let error as PlanParseError {
            #expect(error.kind == .invalidText, "\(error)")
        }
    }
}

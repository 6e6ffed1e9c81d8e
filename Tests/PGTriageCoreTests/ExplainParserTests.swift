#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import PGTriageCore

/// The shape and numbers two plans must share to be "the same tree".
func expectSameTree(_ a: Plan, _ b: Plan, times: Bool, buffers: Bool, exactRows: Bool = true, costs: Bool = true, _ context: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.nodes.count == b.nodes.count, "\(context): \(a.nodes.count) vs \(b.nodes.count) nodes", sourceLocation: sourceLocation)
    for (x, y) in zip(a.nodes, b.nodes) {
        let c = "\(context) node \(x.id) \(x.title) / \(y.title)"
        #expect(x.nodeType == y.nodeType, "\(c)", sourceLocation: sourceLocation)
        #expect(x.title == y.title, "\(c)", sourceLocation: sourceLocation)
        #expect(x.parentID == y.parentID && x.childIDs == y.childIDs, "\(c)", sourceLocation: sourceLocation)
        #expect(x.relationName == y.relationName && x.alias == y.alias && x.indexName == y.indexName, "\(c)", sourceLocation: sourceLocation)
        #expect(x.subplanName == y.subplanName && x.cteName == y.cteName, "\(c)", sourceLocation: sourceLocation)
        #expect(x.joinType == y.joinType && x.strategy == y.strategy && x.parallelAware == y.parallelAware, "\(c)", sourceLocation: sourceLocation)
        if costs {
            #expect(x.startupCost == y.startupCost && x.totalCost == y.totalCost && x.planRows == y.planRows, "\(c)", sourceLocation: sourceLocation)
        }
        if exactRows {
            #expect(x.actualRows == y.actualRows && x.actualLoops == y.actualLoops, "\(c)", sourceLocation: sourceLocation)
        }
        #expect(x.workersPlanned == y.workersPlanned, "\(c)", sourceLocation: sourceLocation)
        #expect(x.filter == y.filter && x.indexCond == y.indexCond && x.hashCond == y.hashCond, "\(c)", sourceLocation: sourceLocation)
        #expect(x.sortMethod == y.sortMethod && x.sortKey == y.sortKey, "\(c)", sourceLocation: sourceLocation)
        if times {
            #expect(x.actualStartupTime == y.actualStartupTime && x.actualTotalTime == y.actualTotalTime, "\(c)", sourceLocation: sourceLocation)
            #expect(x.rowsRemovedByFilter == y.rowsRemovedByFilter, "\(c)", sourceLocation: sourceLocation)
            #expect(x.hashBatches == y.hashBatches && x.sortSpaceUsed == y.sortSpaceUsed && x.sortSpaceType == y.sortSpaceType, "\(c)", sourceLocation: sourceLocation)
            #expect(x.workersLaunched == y.workersLaunched, "\(c)", sourceLocation: sourceLocation)
            #expect(x.workers.count == y.workers.count, "\(c)", sourceLocation: sourceLocation)
        } else {
            #expect((x.actualTotalTime == nil) == (y.actualTotalTime == nil), "\(c)", sourceLocation: sourceLocation)
        }
        if buffers {
            #expect(x.buffers == y.buffers, "\(c): \(x.buffers.summary) vs \(y.buffers.summary)", sourceLocation: sourceLocation)
            #expect(x.ioReadTime == y.ioReadTime || (x.ioReadTime ?? 0) == (y.ioReadTime ?? 0), "\(c)", sourceLocation: sourceLocation)
        } else {
            #expect(x.buffers.isZero == y.buffers.isZero, "\(c)", sourceLocation: sourceLocation)
        }
    }
    if times {
        #expect(a.planningTime == b.planningTime && a.executionTime == b.executionTime, "\(context)", sourceLocation: sourceLocation)
        #expect(a.triggers.map(\.time) == b.triggers.map(\.time) && a.triggers.map(\.calls) == b.triggers.map(\.calls), "\(context)", sourceLocation: sourceLocation)
    }
    #expect(a.triggers.map(\.displayName) == b.triggers.map(\.displayName), "\(context)", sourceLocation: sourceLocation)
}

@Suite struct ExplainParserTests {
    static let jsonFixtures = PlanFixtures.all.filter { $0.name.hasSuffix("_json") && !$0.name.contains("psql") && !$0.name.contains("auto") }
    static let textFixtures = PlanFixtures.all.filter { $0.name.hasSuffix("_text") && !$0.name.contains("psql") && !$0.name.contains("auto") }

    @Test func everyFixtureParses() throws {
        #expect(PlanFixtures.all.count >= 40)
        for (name, text) in PlanFixtures.all {
            let plan = try PlanParser.parse(text)
            #expect(!plan.nodes.isEmpty, "\(name)")
            #expect(plan.isAnalyzed, "\(name)")
            let expected: PlanSourceFormat = name.hasSuffix("json") ? .json : .text
            #expect(plan.sourceFormat == expected, "\(name)")
            #expect(plan.rawText == text)
            #expect(!plan.nodes.contains { $0.nodeType == "?" }, "\(name)")
        }
    }

    /// Server JSON and server text of the same statement (two executions, same session settings).
    @Test func jsonAndTextFromTheServerReadToTheSameTree() throws {
        for (name, json) in Self.jsonFixtures {
            let textName = String(name.dropLast(5)) + "_text"
            guard let text = PlanFixtures.all.first(where: { $0.name == textName })?.text else { continue }
            let a = try PlanParser.parse(json), b = try PlanParser.parse(text)
            let parallel = a.nodes.contains { $0.nodeType.hasPrefix("Gather") }
            expectSameTree(a, b, times: false, buffers: false, exactRows: !parallel, name)
            #expect(a.settings.map(\.0) == b.settings.map(\.0), "\(name)")
        }
    }

    /// One execution, both ways: JSON written back as text (EXPLAIN's layout) reads to the
    /// identical tree, times and buffers included; and text written as JSON too.
    @Test func theSameExecutionAsJSONAndAsTextReadsTheSame() throws {
        for (name, json) in Self.jsonFixtures {
            let a = try PlanParser.parse(json)
            let text = PlanText.render(a)
            let b = try PlanParser.parse(text)
            expectSameTree(a, b, times: true, buffers: true, name + " (as text)\n" + text)
        }
        for (name, text) in Self.textFixtures {
            let a = try PlanParser.parse(text)
            let b = try PlanParser.parse(PlanText.json(a))
            expectSameTree(a, b, times: true, buffers: true, name + " (as JSON)")
        }
    }

    @Test func psqlFramingIsTakenOff() throws {
        for major in [15, 16, 18] {
            guard let framedJSON = PlanFixtures.all.first(where: { $0.name == "pg\(major)_join-aggregate_psql_json" })?.text,
                  let framedText = PlanFixtures.all.first(where: { $0.name == "pg\(major)_join-aggregate_psql_text" })?.text,
                  let json = PlanFixtures.all.first(where: { $0.name == "pg\(major)_join-aggregate_json" })?.text else { continue }
            let a = try PlanParser.parse(framedJSON), b = try PlanParser.parse(framedText), c = try PlanParser.parse(json)
            #expect(a.sourceFormat == .json && b.sourceFormat == .text)
            // Separate executions (psql ran each): the same shape and rows; the statistics may have moved.
            expectSameTree(a, b, times: false, buffers: false, costs: false, "psql \(major)")
            expectSameTree(c, b, times: false, buffers: false, costs: false, "psql vs runner \(major)")
            #expect(b.executionTime != nil && b.planningBuffers != nil)
            #expect(a.root.sortKey == ["(count(*)) DESC"])
        }
    }

    @Test func psqlWrappedLinesAreJoined() throws {
        // A terminal wrapped two long lines of a psql paste: JSON and text alike.
        let json = """
                  QUERY PLAN
            -----------------------
             [                    +
               {                  +
                 "Plan": {        +
                   "Node Type": "Seq S
            can",   +
                   "Relation Name": "orders", +
                   "Alias": "orders",+
                   "Plan Rows": 10  +
                 }                +
               }                  +
             ]
            (1 row)
            """
        let plan = try PlanParser.parse(json)
        #expect(plan.root.nodeType == "Seq Scan")
        #expect(plan.root.relationName == "orders")
        let text = """
             Seq Scan on orders  (cost=0.00..1736.00 rows=100000 width=16) (actual time=0.0
            10..9.972 rows=100000 loops=1)
               Filter: (status = 'open'::te
            xt)
               Rows Removed by Filter: 5
             Planning Time: 0.1 ms
            """
        let wrapped = try PlanParser.parse(text)
        #expect(wrapped.root.actualTotalTime == 9.972)
        #expect(wrapped.root.actualLoops == 1)
        #expect(wrapped.root.filter == "(status = 'open'::text)")
        #expect(wrapped.root.rowsRemovedByFilter == 5)
        #expect(wrapped.planningTime == 0.1)
    }

    @Test func autoExplainLogEntries() throws {
        for major in [15, 18] {
            for format in ["text", "json"] {
                guard let log = PlanFixtures.all.first(where: { $0.name == "pg\(major)_auto-explain_\(format)" })?.text else { continue }
                let plan = try PlanParser.parse(log)
                #expect(plan.root.nodeType == "ModifyTable")
                #expect(plan.root.operation == "Delete")
                #expect(plan.root.title == "Delete on orders")
                #expect(plan.nodes[1].indexName == "orders_pkey")
                #expect(plan.logDuration != nil)
                #expect(plan.queryText?.contains("DELETE FROM orders") == true)
            }
        }
        // A log line prefix with more entries after: only the plan's own lines are taken.
        let log = """
            2026-11-26 00:53:15.421 UTC [6556] app@db LOG:  duration: 2.5 ms  plan:
            \tQuery Text: SELECT *
            \t  FROM t
            \t  WHERE x = 1
            \tSeq Scan on t  (cost=0.00..1.01 rows=1 width=4) (actual time=0.010..0.020 rows=1 loops=1)
            \t  Filter: (x = 1)
            2026-11-26 00:53:16.000 UTC [6556] app@db LOG:  statement: SELECT 2
            """
        let plan = try PlanParser.parse(log)
        #expect(plan.nodes.count == 1)
        #expect(plan.queryText == "SELECT *\n  FROM t\n  WHERE x = 1")
        #expect(plan.logDuration == 2.5)
        #expect(plan.root.filter == "(x = 1)")
    }

    /// Shapes of 13-17 the fixtures may not hold: `$0` InitPlans, 13's I/O timings, workers, never
    /// executed, partitions, CRLF.
    @Test func olderAndRarerTextShapes() throws {
        let text = "Limit  (cost=1.00..2.00 rows=1 width=4) (actual time=0.100..5.000 rows=1 loops=1)\r\n"
            + "  Buffers: shared hit=10 read=5 dirtied=1 written=2, temp read=3 written=4\r\n"
            + "  I/O Timings: read=1.250 write=0.500\r\n"
            + "  InitPlan 1 (returns $0)\r\n"
            + "    ->  Result  (cost=0.00..0.01 rows=1 width=4) (actual time=0.001..0.002 rows=1 loops=1)\r\n"
            + "  ->  Gather  (cost=1000.00..2000.00 rows=10 width=4) (actual time=0.500..4.500 rows=1 loops=1)\r\n"
            + "        Workers Planned: 4\r\n"
            + "        Workers Launched: 2\r\n"
            + "        Params Evaluated: $0\r\n"
            + "        ->  Parallel Seq Scan on \"My Table\" m  (cost=0.00..10.00 rows=3 width=4) (actual time=0.200..3.000 rows=0 loops=3)\r\n"
            + "              Filter: (x = $0)\r\n"
            + "              Rows Removed by Filter: 3333\r\n"
            + "              Worker 0:  actual time=0.100..2.900 rows=0 loops=1\r\n"
            + "              Worker 1:  actual time=0.300..3.100 rows=1 loops=1\r\n"
            + "        ->  Hash Right Anti Join  (cost=1.00..2.00 rows=1 width=4) (never executed)\r\n"
            + "              Hash Cond: (a.id = b.id)\r\n"
            + "Planning Time: 0.050 ms\r\n"
            + "JIT:\r\n"
            + "  Functions: 4\r\n"
            + "  Options: Inlining false, Optimization false, Expressions true, Deforming true\r\n"
            + "  Timing: Generation 0.500 ms, Inlining 0.000 ms, Optimization 0.200 ms, Emission 3.000 ms, Total 3.700 ms\r\n"
            + "Execution Time: 5.100 ms\r\n"
        let plan = try PlanParser.parse(text)
        try #require(plan.nodes.map(\.nodeType) == ["Limit", "Result", "Gather", "Seq Scan", "Hash Join"])
        #expect(plan.nodes[1].subplanName == "InitPlan 1 (returns $0)")
        #expect(plan.nodes[1].parentRelationship == .initPlan)
        #expect(plan.nodes[2].parentRelationship == .outer)
        #expect(plan.root.buffers.sharedRead == 5 && plan.root.buffers.tempWritten == 4)
        #expect(plan.root.ioReadTime == 1.25 && plan.root.ioWriteTime == 0.5)
        let scan = plan.nodes[3]
        #expect(scan.parallelAware && scan.relationName == "My Table" && scan.alias == "m")
        #expect(scan.workers.count == 2 && scan.workers[1].actualTotalTime == 3.1)
        #expect(plan.nodes[4].neverExecuted && plan.nodes[4].joinType == "Right Anti")
        #expect(plan.jitFunctions == 4 && plan.jitTotalTime == 3.7)
        #expect(plan.executionTime == 5.1)
        let analysis = PlanAnalysis(plan: plan)
        // The InitPlan ran in the Gather (Params Evaluated), not in the Limit it hangs from.
        #expect(analysis[0].selfTime! > 0.49 && analysis[0].selfTime! < 0.51)
        #expect(analysis.findings.contains { $0.kind == .fewerWorkers && $0.nodeID == 2 })
        #expect(analysis.findings.contains { $0.kind == .neverExecuted && $0.nodeID == 4 })
        #expect(analysis.findings.contains { $0.kind == .filterRemovesRows && $0.nodeID == 3 })
    }

    @Test func errorsAreTypedWithAPosition() {
        let truncated = #"[{"Plan": {"Node Type": "Seq Scan", "Plan Rows": 1"#
        #expect {
            _ = try PlanParser.parse(truncated)
        } throws: { error in
            guard let error = error as? PlanParseError else { return false }
            return error.kind == .invalidJSON && error.line == 1 && error.description.contains("truncated")
        }
        #expect(throws: PlanParseError.self) { _ = try PlanParser.parse("") }
        #expect(throws: PlanParseError.self) { _ = try PlanParser.parse(#"{"a": 1}"#) }
        #expect(throws: PlanParseError.self) { _ = try PlanParser.parse("[]") }
        #expect(throws: PlanParseError.self) { _ = try PlanParser.parse("hello\nworld") }
        #expect(throws: PlanParseError.self) { _ = try PlanParser.parse(String(repeating: "[", count: 100_000)) }
    }

    /// Random truncations and byte mutations of real fixtures: a plan or a PlanParseError, never a
    /// crash or another error.
    @Test func fuzzedInputNeverCrashes() {
        var rng = SplitMix64(seed: 0x5eed_cafe)
        let sources = PlanFixtures.all.map { Array($0.text.utf8) }
        let alphabet = Array("{}[]\":,0123456789.-+eE \n\\tfnu ->(=)".utf8) + [0, 0xff, 0xc3]
        var parsed = 0, failed = 0
        for round in 0..<3000 {
            var bytes = sources[Int(rng.next() % UInt64(sources.count))]
            switch round % 4 {
            case 0:
                bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1))))
            case 1:
                for _ in 0..<(1 + Int(rng.next() % 4)) where !bytes.isEmpty {
                    bytes[Int(rng.next() % UInt64(bytes.count))] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                }
            case 2:
                if !bytes.isEmpty { bytes.remove(at: Int(rng.next() % UInt64(bytes.count))) }
                bytes = Array(bytes.prefix(Int(rng.next() % UInt64(bytes.count + 1))))
            default:
                bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: Int(rng.next() % UInt64(bytes.count + 1)))
            }
            do {
                let plan = try PlanParser.parse(String(decoding: bytes, as: UTF8.self))
                let analysis = PlanAnalysis(plan: plan)
                _ = PlanReport.text(plan, analysis)
                parsed += 1
            } catch is PlanParseError {
                failed += 1
            } catch {
                Issue.record("round \(round): unexpected error \(error)")
            }
        }
        #expect(parsed > 100 && failed > 100)
    }
}

/// A small deterministic generator for the fuzz test.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ExplainPlanFileTests {
    @Test func savedPlansOpenAgainAsTheSameTree() throws {
        let base = "/tmp/pgtriage-plan-test-\(UInt32.random(in: 0...UInt32.max))"
        defer { for suffix in [".json", ".txt"] { unlink(base + suffix) } }
        for name in ["pg18_cte-initplan-subplan_json", "pg15_parallel_text"] {
            let plan = try PlanParser.parse(PlanFixtures.named(name))
            let paths = try PlanFile.save(plan, to: base)
            #expect(paths.allSatisfy { $0.hasPrefix(base) })
            for path in paths {
                let again = try PlanParser.load(path: path)
                expectSameTree(plan, again, times: true, buffers: true, "\(name) -> \(path)")
            }
        }
        _ = try? PlanFile.save(PlanParser.parse(PlanFixtures.named("pg15_parallel_text")), to: base)
        #expect(throws: PlanParseError.self) { _ = try PlanParser.load(path: base + ".missing") }
    }

    /// The text file is psql's own output: the plan of the JSON twin, written as psql prints it,
    /// is the fixture psql printed, byte for byte.
    @Test func theTextFileIsWhatPsqlPrints() throws {
        let plan = try PlanParser.parse(PasteFixtures.named("json"))
        #expect(PlanFile.psqlText(plan) == PasteFixtures.named("text_border1_ascii") + "\n")
    }

    /// Saved plans carry the query text: in the JSON (as auto_explain's "Query Text") and as the
    /// statement psql echoes before the table; both read back with it.
    @Test func savedPlansCarryTheQueryText() throws {
        let base = "/tmp/pgtriage-plan-test-\(UInt32.random(in: 0...UInt32.max))"
        defer { for suffix in [".json", ".txt"] { unlink(base + suffix) } }
        let plan = try PlanParser.parse(PlanFixtures.named("pg18_cte-initplan-subplan_json"))
        let query = "WITH totals AS MATERIALIZED (SELECT 1)\nSELECT * FROM totals"
        let paths = try PlanFile.save(plan, queryText: query, to: base)
        for path in paths {
            let again = try PlanParser.load(path: path)
            #expect(again.queryText == query, "\(path)")
            expectSameTree(plan, again, times: true, buffers: true, path)
        }
        let text = try #require(FileSystem.read(paths[1]).map { String(decoding: $0, as: UTF8.self) })
        #expect(text.hasPrefix("EXPLAIN (ANALYZE, VERBOSE, BUFFERS, SETTINGS) WITH totals AS MATERIALIZED (SELECT 1)\nSELECT * FROM totals;\n"))
    }
}

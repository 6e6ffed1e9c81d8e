/// Large plans made up without a server, for tests of plans with thousands of nodes (the same
/// shape as bench/plan-parse generates): `EXPLAIN (ANALYZE, BUFFERS) SELECT * FROM m WHERE a = 42
/// LIMIT 100` over a table with P partitions m_1...m_P, each read by a Bitmap Heap Scan over a
/// Bitmap Index Scan. A Limit over an Append over the P scans: 2 + 2P nodes. The first
/// min(100, P) partitions give a row each (0.014 ms a scan), then the Limit stops and the rest
/// never execute.
enum PlanSynthetic {
    /// Partitions for about `nodes` nodes.
    static func partitions(nodes: Int) -> Int { max(1, (nodes - 2) / 2) }

    static func nodeCount(partitions: Int) -> Int { 2 + 2 * partitions }

    private static func ms(_ value: Double) -> String { PlanText.fixed(value, 3) }

    /// The default text format, as EXPLAIN prints it.
    static func text(partitions p: Int) -> String {
        let ran = min(100, p)
        let end = 0.016 * Double(ran) + 0.015
        var lines = [
            "Limit  (cost=4.31..\(PlanText.fixed(15.37 * 100 / Double(10 * p) + 4.31, 2)) rows=100 width=12) (actual time=0.020..\(ms(end)) rows=100 loops=1)",
            "  Buffers: shared hit=\(3 * ran)",
            "  ->  Append  (cost=4.31..\(PlanText.fixed(4.31 + 15.37 * Double(p), 2)) rows=\(10 * p) width=12) (actual time=0.019..\(ms(end - 0.005)) rows=100 loops=1)",
            "        Buffers: shared hit=\(3 * ran)",
        ]
        lines.reserveCapacity(4 + 7 * p + 4)
        for i in 1...p {
            let executed = i <= ran
            let heap = executed ? "(actual time=0.010..0.014 rows=1 loops=1)" : "(never executed)"
            let index = executed ? "(actual time=0.006..0.006 rows=1 loops=1)" : "(never executed)"
            lines.append("        ->  Bitmap Heap Scan on m_\(i) m_\(i)  (cost=4.31..15.37 rows=10 width=12) \(heap)")
            lines.append("              Recheck Cond: (a = 42)")
            if executed {
                lines.append("              Heap Blocks: exact=1")
                lines.append("              Buffers: shared hit=2")
            }
            lines.append("              ->  Bitmap Index Scan on m_\(i)_a_idx  (cost=0.00..4.31 rows=10 width=0) \(index)")
            lines.append("                    Index Cond: (a = 42)")
            if executed { lines.append("                    Buffers: shared hit=1") }
        }
        lines += ["Planning:", "  Buffers: shared hit=\(20 * p)", "Planning Time: 812.345 ms", "Execution Time: \(ms(end + 0.5)) ms"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// As EXPLAIN rounds: times to the microsecond, costs to 2 decimals.
    private static func rounded(_ value: Double, _ decimals: Double) -> Double { (value * decimals).rounded() / decimals }

    /// The same plan in FORMAT JSON.
    static func json(partitions p: Int) -> String {
        let ran = min(100, p)
        let end = 0.016 * Double(ran) + 0.015
        func buffers(_ hit: Int) -> [(String, PlanValue)] {
            ["Shared Hit Blocks", "Shared Read Blocks", "Shared Dirtied Blocks", "Shared Written Blocks",
             "Local Hit Blocks", "Local Read Blocks", "Local Dirtied Blocks", "Local Written Blocks",
             "Temp Read Blocks", "Temp Written Blocks"].map { ($0, .number($0 == "Shared Hit Blocks" ? Double(hit) : 0)) }
        }
        func actual(_ executed: Bool, _ startup: Double, _ total: Double) -> [(String, PlanValue)] {
            [("Actual Startup Time", .number(executed ? rounded(startup, 1000) : 0)), ("Actual Total Time", .number(executed ? rounded(total, 1000) : 0)),
             ("Actual Rows", .number(executed ? 1 : 0)), ("Actual Loops", .number(executed ? 1 : 0))]
        }
        var scans: [PlanValue] = []
        scans.reserveCapacity(p)
        for i in 1...p {
            let executed = i <= ran
            let index: [(String, PlanValue)] = [
                ("Node Type", .string("Bitmap Index Scan")), ("Parent Relationship", .string("Outer")),
                ("Parallel Aware", .bool(false)), ("Async Capable", .bool(false)), ("Index Name", .string("m_\(i)_a_idx")),
                ("Startup Cost", .number(0)), ("Total Cost", .number(4.31)), ("Plan Rows", .number(10)), ("Plan Width", .number(0)),
            ] + actual(executed, 0.006, 0.006) + [("Index Cond", .string("(a = 42)"))] + buffers(executed ? 1 : 0)
            let heap: [(String, PlanValue)] = [
                ("Node Type", .string("Bitmap Heap Scan")), ("Parent Relationship", .string("Member")),
                ("Parallel Aware", .bool(false)), ("Async Capable", .bool(false)),
                ("Relation Name", .string("m_\(i)")), ("Alias", .string("m_\(i)")),
                ("Startup Cost", .number(4.31)), ("Total Cost", .number(15.37)), ("Plan Rows", .number(10)), ("Plan Width", .number(12)),
            ] + actual(executed, 0.010, 0.014) + [
                ("Recheck Cond", .string("(a = 42)")), ("Rows Removed by Index Recheck", .number(0)),
                ("Exact Heap Blocks", .number(executed ? 1 : 0)), ("Lossy Heap Blocks", .number(0)),
            ] + buffers(executed ? 2 : 0) + [("Plans", .array([.object(index)]))]
            scans.append(.object(heap))
        }
        let append: [(String, PlanValue)] = [
            ("Node Type", .string("Append")), ("Parent Relationship", .string("Outer")), ("Parallel Aware", .bool(false)),
            ("Async Capable", .bool(false)), ("Startup Cost", .number(4.31)), ("Total Cost", .number(rounded(4.31 + 15.37 * Double(p), 100))),
            ("Plan Rows", .number(Double(10 * p))), ("Plan Width", .number(12)), ("Actual Startup Time", .number(0.019)),
            ("Actual Total Time", .number(rounded(end - 0.005, 1000))), ("Actual Rows", .number(100)), ("Actual Loops", .number(1)),
        ] + buffers(3 * ran) + [("Plans", .array(scans))]
        let limit: [(String, PlanValue)] = [
            ("Node Type", .string("Limit")), ("Parallel Aware", .bool(false)), ("Async Capable", .bool(false)),
            ("Startup Cost", .number(4.31)), ("Total Cost", .number(rounded(15.37 * 100 / Double(10 * p) + 4.31, 100))),
            ("Plan Rows", .number(100)), ("Plan Width", .number(12)), ("Actual Startup Time", .number(0.020)),
            ("Actual Total Time", .number(rounded(end, 1000))), ("Actual Rows", .number(100)), ("Actual Loops", .number(1)),
        ] + buffers(3 * ran) + [("Plans", .array([.object(append)]))]
        let document: PlanValue = .array([.object([
            ("Plan", .object(limit)), ("Planning", .object(buffers(20 * p))), ("Planning Time", .number(812.345)),
            ("Triggers", .array([])), ("Execution Time", .number(rounded(end + 0.5, 1000))),
        ])])
        return document.jsonText() + "\n"
    }
}

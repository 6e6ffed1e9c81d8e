/// Writes plans back out: a node's one-line title as EXPLAIN's text format shows it, and a whole
/// plan in that text format (for a plan read from JSON, when saving it as text) or as
/// EXPLAIN-shaped JSON (for a plan read from text).
public enum PlanText {
    /// `Parallel Seq Scan on public.orders o`, `Index Scan Backward using i on t`, `Hash Left Join`.
    public static func title(of node: PlanNode) -> String {
        let type = node.nodeType
        var name: String
        switch type {
        case "Aggregate":
            name = ["Plain": "Aggregate", "Sorted": "GroupAggregate", "Hashed": "HashAggregate", "Mixed": "MixedAggregate"][node.strategy ?? "Plain"] ?? "Aggregate"
            if let mode = node.partialMode, mode != "Simple" { name = mode + " " + name }
        case "SetOp":
            name = (node.strategy == "Hashed" ? "HashSetOp" : "SetOp") + (node.string("Command").map { " " + $0 } ?? "")
        case "Hash Join", "Merge Join":
            if let join = node.joinType, join != "Inner" { name = type.replacingFirstPlanText(" Join", with: " \(join) Join") } else { name = type }
        case "Nested Loop":
            if let join = node.joinType, join != "Inner" { name = "Nested Loop \(join) Join" } else { name = type }
        case "ModifyTable":
            name = node.operation ?? "ModifyTable"
        case "Foreign Scan" where node.operation != nil && node.operation != "Select":
            name = "Foreign " + (node.operation ?? "")
        case "Custom Scan":
            name = "Custom Scan (\(node.string("Custom Plan Provider") ?? "?"))"
        default:
            name = type
            if let mode = node.partialMode, mode != "Simple" { name = mode + " " + name }
        }
        if node.value("Async Capable")?.bool == true && type == "Foreign Scan" { name = "Async " + name }
        if node.parallelAware { name = "Parallel " + name }

        func relation() -> String? {
            guard let relation = node.relationName else { return nil }
            var text = (node.schema.map { quoteIdentifier($0) + "." } ?? "") + quoteIdentifier(relation)
            if let alias = node.alias, alias != relation { text += " " + quoteIdentifier(alias) }
            return text
        }
        switch type {
        case "Index Scan", "Index Only Scan":
            if node.scanDirection == "Backward" { name += " Backward" }
            if let index = node.indexName { name += " using " + quoteIdentifier(index) }
            if let relation = relation() { name += " on " + relation }
        case "Bitmap Index Scan":
            if let index = node.indexName { name += " on " + quoteIdentifier(index) }
        case "CTE Scan", "WorkTable Scan":
            if let cte = node.cteName {
                name += " on " + quoteIdentifier(cte)
                if let alias = node.alias, alias != cte { name += " " + quoteIdentifier(alias) }
            }
        case "Function Scan", "Table Function Scan", "Named Tuplestore Scan":
            let key = type == "Function Scan" ? "Function Name" : (type == "Table Function Scan" ? "Table Function Name" : "Tuplestore Name")
            if let function = node.string(key) {
                name += " on " + (node.schema.map { quoteIdentifier($0) + "." } ?? "") + quoteIdentifier(function)
                if let alias = node.alias, alias != function { name += " " + quoteIdentifier(alias) }
            } else if let alias = node.alias {
                name += " on " + quoteIdentifier(alias)
            }
        case "Subquery Scan", "Values Scan":
            if let alias = node.alias { name += " on " + quoteIdentifier(alias) }
        default:
            if let relation = relation() { name += " on " + relation }
        }
        return name
    }

    /// Double-quotes an identifier when PostgreSQL would (not lower-case letters, digits, _).
    static func quoteIdentifier(_ name: String) -> String {
        let plain = !name.isEmpty && name.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "_" }
            && !(name.first?.isNumber ?? false)
        if plain || name == "*VALUES*" || name.hasPrefix("*") { return plain ? name : "\"\(name)\"" }
        return "\"" + name.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// `value` with exactly `decimals` digits after the point (no Foundation formatting here).
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite, abs(value) < 1e15 else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        var text = (value < 0 && scaled != 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let fraction = Int64(scaled - Double(whole) * scale)
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: max(0, decimals - digits.count)) + digits
        }
        return text
    }

    // MARK: - Text format

    /// Keys shown in the node's title line rather than as properties.
    static let titleKeys: Set<String> = [
        "Node Type", "Strategy", "Partial Mode", "Operation", "Parent Relationship", "Subplan Name", "Custom Plan Provider",
        "Parallel Aware", "Async Capable", "Join Type", "Scan Direction", "Index Name", "Relation Name", "Schema", "Alias",
        "CTE Name", "Function Name", "Table Function Name", "Tuplestore Name", "Command", "Startup Cost", "Total Cost", "Plan Rows",
        "Plan Width", "Actual Startup Time", "Actual Total Time", "Actual Rows", "Actual Loops", "Workers",
        "Original Hash Buckets", "Original Hash Batches", "Sort Space Type", "Sort Space Used", "Hash Buckets", "Hash Batches",
        "Peak Memory Usage", "HashAgg Batches", "Disk Usage", "Planned Partitions", "Cache Hits", "Cache Misses",
        "Cache Evictions", "Cache Overflows", "Exact Heap Blocks", "Lossy Heap Blocks", "Target Tables", "Storage", "Maximum Storage",
        "WAL Records", "WAL FPI", "WAL Bytes", "WAL Buffers Full",
    ]
    static let bufferKeys = ["Shared Hit Blocks", "Shared Read Blocks", "Shared Dirtied Blocks", "Shared Written Blocks",
                             "Local Hit Blocks", "Local Read Blocks", "Local Dirtied Blocks", "Local Written Blocks",
                             "Temp Read Blocks", "Temp Written Blocks"]
    static let ioKeys = ["I/O Read Time", "I/O Write Time", "Shared I/O Read Time", "Shared I/O Write Time",
                         "Local I/O Read Time", "Local I/O Write Time", "Temp I/O Read Time", "Temp I/O Write Time"]

    /// The plan in EXPLAIN's text format (close to what the server prints; used to save a plan
    /// read from JSON as text). Plans read from text are written as they came.
    public static func render(_ plan: Plan) -> String {
        if plan.sourceFormat == .text, !plan.rawText.isEmpty { return plan.rawText }
        return render(fromTree: plan)
    }

    /// The text format made from the tree, whatever the plan was read from.
    public static func render(fromTree plan: Plan) -> String {
        let verbose = plan.nodes.contains { $0.value("Output") != nil }
        var lines: [String] = []
        func header(_ node: PlanNode) -> String {
            var text = title(of: node)
            if let startup = node.startupCost, let total = node.totalCost {
                text += "  (cost=\(fixed(startup, 2))..\(fixed(total, 2)) rows=\(PlanValue.format((node.planRows ?? 0).rounded())) width=\(PlanValue.format(node.planWidth ?? 0)))"
            }
            if node.neverExecuted {
                text += " (never executed)"
            } else if let loops = node.actualLoops {
                let rows = node.actualRows ?? 0
                let rowsText = rows == rows.rounded() ? PlanValue.format(rows) : fixed(rows, 2)
                if let startup = node.actualStartupTime, let total = node.actualTotalTime {
                    text += " (actual time=\(fixed(startup, 3))..\(fixed(total, 3)) rows=\(rowsText) loops=\(PlanValue.format(loops)))"
                } else {
                    text += " (actual rows=\(rowsText) loops=\(PlanValue.format(loops)))"
                }
            }
            return text
        }
        func propertyLines(_ lookup: (String) -> PlanValue?, _ keys: [(String, PlanValue)], nodeType: String?) -> [String] {
            var out: [String] = []
            for (key, value) in keys where !titleKeys.contains(key) && !bufferKeys.contains(key) && !ioKeys.contains(key)
                && !(key == "Inner Unique" && !verbose) {  // the text format shows it with VERBOSE only
                out.append("\(key): \(value.description)")
            }
            if let method = lookup("Sort Method") {
                _ = method
            }
            if let used = lookup("Sort Space Used"), let type = lookup("Sort Space Type")?.string {
                if let index = out.firstIndex(where: { $0.hasPrefix("Sort Method: ") }) {
                    out[index] += "  \(type): \(used.description)kB"
                }
            }
            if let buckets = lookup("Hash Buckets") {
                var line = "Buckets: \(buckets.description)"
                if let original = lookup("Original Hash Buckets"), original != buckets { line += " (originally \(original.description))" }
                if let batches = lookup("Hash Batches") {
                    line += "  Batches: \(batches.description)"
                    if let original = lookup("Original Hash Batches"), original != batches { line += " (originally \(original.description))" }
                }
                if let memory = lookup("Peak Memory Usage") { line += "  Memory Usage: \(memory.description)kB" }
                out.append(line)
            } else if let batches = lookup("HashAgg Batches") {
                var line = lookup("Planned Partitions").map { "Planned Partitions: \($0.description)  " } ?? ""
                line += "Batches: \(batches.description)"
                if let memory = lookup("Peak Memory Usage") { line += "  Memory Usage: \(memory.description)kB" }
                if let disk = lookup("Disk Usage") { line += "  Disk Usage: \(disk.description)kB" }
                out.append(line)
            } else if let hits = lookup("Cache Hits") {
                var line = "Hits: \(hits.description)  Misses: \(lookup("Cache Misses")?.description ?? "0")"
                line += "  Evictions: \(lookup("Cache Evictions")?.description ?? "0")  Overflows: \(lookup("Cache Overflows")?.description ?? "0")"
                if let memory = lookup("Peak Memory Usage") { line += "  Memory Usage: \(memory.description)kB" }
                out.append(line)
            }
            if let exact = lookup("Exact Heap Blocks") {
                var line = "Heap Blocks: exact=\(exact.description)"
                if let lossy = lookup("Lossy Heap Blocks"), lossy.double != 0 { line += " lossy=\(lossy.description)" }
                out.append(line)
            }
            if let storage = lookup("Storage") {
                out.append("Storage: \(storage.description)  Maximum Storage: \(lookup("Maximum Storage")?.description ?? "0")kB")
            }
            let buffers = PlanBuffers.from(lookup)
            if !buffers.isZero { out.append("Buffers: " + buffers.summary) }
            let io = ioKeys.compactMap { key in lookup(key).map { (key, $0) } }.filter { ($0.1.double ?? 0) != 0 }
            if !io.isEmpty {
                let hasTemp = io.contains { $0.0.hasPrefix("Temp") }
                var groups: [(String, [String])] = []
                for (key, value) in io {
                    let scope = key.hasPrefix("Shared") ? "shared" : key.hasPrefix("Local") ? "local" : key.hasPrefix("Temp") ? "temp" : (hasTemp ? "shared/local" : "")
                    let item = (key.hasSuffix("Read Time") ? "read=" : "write=") + fixed(value.double ?? 0, 3)
                    if let index = groups.firstIndex(where: { $0.0 == scope }) { groups[index].1.append(item) } else { groups.append((scope, [item])) }
                }
                out.append("I/O Timings: " + groups.map { ($0.0.isEmpty ? "" : $0.0 + " ") + $0.1.joined(separator: " ") }.joined(separator: ", "))
            }
            if let records = lookup("WAL Records") {
                out.append("WAL: records=\(records.description) fpi=\(lookup("WAL FPI")?.description ?? "0") bytes=\(lookup("WAL Bytes")?.description ?? "0")")
            }
            _ = nodeType
            return out
        }
        func walk(_ id: Int, nameColumn: Int, arrow: Bool) {
            let node = plan.nodes[id]
            let pad = String(repeating: " ", count: max(0, nameColumn - (arrow ? 4 : 0)))
            lines.append(pad + (arrow ? "->  " : "") + header(node))
            let propertyPad = String(repeating: " ", count: nameColumn + 2)
            for line in propertyLines(node.value, node.properties, nodeType: node.nodeType) { lines.append(propertyPad + line) }
            if let targets = node.value("Target Tables")?.array {
                for target in targets {
                    let relation = target["Relation Name"]?.string ?? "?"
                    let alias = target["Alias"]?.string
                    lines.append(propertyPad + "\(target["Operation"]?.string ?? "Update") on \(quoteIdentifier(relation))" + (alias.map { $0 != relation ? " " + quoteIdentifier($0) : "" } ?? ""))
                }
            }
            for worker in node.workers {
                var workerLines: [String] = []
                if let loops = worker.loops {
                    if loops == 0 {
                        workerLines.append("never executed")
                    } else if let startup = worker.value("Actual Startup Time")?.double, let total = worker.actualTotalTime {
                        workerLines.append("actual time=\(fixed(startup, 3))..\(fixed(total, 3)) rows=\(PlanValue.format(worker.actualRows ?? 0)) loops=\(PlanValue.format(loops))")
                    } else {
                        workerLines.append("actual rows=\(PlanValue.format(worker.actualRows ?? 0)) loops=\(PlanValue.format(loops))")
                    }
                }
                let rest = worker.properties.filter { !["Worker Number", "Actual Startup Time", "Actual Total Time", "Actual Rows", "Actual Loops"].contains($0.0) }
                workerLines.append(contentsOf: propertyLines(worker.value, rest, nodeType: node.nodeType))
                guard let first = workerLines.first else { continue }
                lines.append(propertyPad + "Worker \(worker.number):  " + first)
                for line in workerLines.dropFirst() { lines.append(propertyPad + "  " + line) }
            }
            for child in node.childIDs {
                if let name = plan.nodes[child].subplanName {
                    lines.append(propertyPad + name)
                    walk(child, nameColumn: nameColumn + 8, arrow: true)
                } else {
                    walk(child, nameColumn: nameColumn + 6, arrow: true)
                }
            }
        }
        walk(0, nameColumn: 0, arrow: false)
        for (key, value) in plan.properties {
            switch key {
            case "Planning":
                let buffers = PlanBuffers.from { value[$0] }
                if !buffers.isZero { lines.append("Planning:"); lines.append("  Buffers: " + buffers.summary) }
            case "Planning Time", "Execution Time":
                lines.append("\(key): \(fixed(value.double ?? 0, 3)) ms")
            case "Triggers":
                for trigger in plan.triggers {
                    var line = "Trigger " + (trigger.constraintName.map { "for constraint \($0)" } ?? trigger.name)
                    if let relation = trigger.relation { line += " on \(relation)" }
                    line += ":"
                    if let time = trigger.time { line += " time=\(fixed(time, 3))" }
                    line += " calls=\(PlanValue.format(trigger.calls ?? 0))"
                    lines.append(line)
                }
            case "JIT":
                lines.append("JIT:")
                if let functions = value["Functions"] { lines.append("  Functions: \(functions.description)") }
                if let options = value["Options"]?.members {
                    lines.append("  Options: " + options.map { "\($0.0) \($0.1.description)" }.joined(separator: ", "))
                }
                if let timing = value["Timing"]?.members {
                    lines.append("  Timing: " + timing.map { name, value in
                        let ms = value.double ?? value["Total"]?.double ?? 0
                        return "\(name) \(fixed(ms, 3)) ms"
                    }.joined(separator: ", "))
                }
            case "Settings":
                let items = (value.members ?? []).map { "\($0.0) = '\($0.1.description)'" }
                if !items.isEmpty { lines.append("Settings: " + items.joined(separator: ", ")) }
            case "Query Text", "Duration":
                continue  // auto_explain's, not EXPLAIN's: the query is echoed before the plan
            default:
                if value.members == nil && value.array == nil { lines.append("\(key): \(value.description)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - JSON

    /// The plan as EXPLAIN (FORMAT JSON) shapes it: `[ { "Plan": {...}, "Planning Time": ... } ]`.
    /// Plans read from JSON are written as they came.
    public static func json(_ plan: Plan) -> String {
        if plan.sourceFormat == .json, !plan.rawText.isEmpty { return plan.rawText }
        func nodeValue(_ id: Int) -> PlanValue {
            let node = plan.nodes[id]
            var members = node.properties
            if !node.childIDs.isEmpty { members.append(("Plans", .array(node.childIDs.map(nodeValue)))) }
            return .object(members)
        }
        let top: PlanValue = .array([.object([("Plan", nodeValue(0))] + plan.properties)])
        return top.jsonText() + "\n"
    }
}

/// The analysed plan for people (`pgtriage plan FILE --print`) and for scripts (`--json`).
public enum PlanReport {
    /// The summary line: planning and execution time, buffers, triggers, JIT.
    public static func summary(_ plan: Plan, _ analysis: PlanAnalysis) -> String {
        var parts: [String] = []
        if let planning = plan.planningTime { parts.append("planning \(PlanAnalysis.ms(planning))") }
        if let execution = plan.executionTime { parts.append("execution \(PlanAnalysis.ms(execution))") }
        else if let duration = plan.logDuration { parts.append("duration \(PlanAnalysis.ms(duration))") }
        else if let total = analysis.totalTime { parts.append("plan time \(PlanAnalysis.ms(total))") }
        if !plan.isAnalyzed, let cost = analysis.totalCost { parts.append("estimated cost \(PlanText.fixed(cost, 2)) (no ANALYZE: no times)") }
        if !analysis.buffers.isZero { parts.append("buffers " + analysis.buffers.summary) }
        if let planning = plan.planningBuffers, !planning.isZero { parts.append("planning buffers " + planning.summary) }
        let triggers = plan.triggers
        if !triggers.isEmpty {
            parts.append("triggers " + triggers.map { t in
                "\(t.constraintName ?? t.name) \(PlanValue.format(t.calls ?? 0)) calls" + (t.time.map { " " + PlanAnalysis.ms($0) } ?? "")
            }.joined(separator: ", "))
        }
        if let functions = plan.jitFunctions {
            parts.append("JIT \(functions) functions" + (plan.jitTotalTime.map { " " + PlanAnalysis.ms($0) } ?? ""))
        }
        return parts.joined(separator: "  ")
    }

    /// One line per node with what the browser shows in its columns.
    public static func nodeLine(_ node: PlanNode, _ a: NodeAnalysis) -> String {
        var parts: [String] = ["[\(node.id)] " + (node.subplanName.map { "\($0): " } ?? "") + node.title]
        if a.neverExecuted {
            parts.append("never executed")
        } else {
            if let own = a.selfTime {
                parts.append("self \(PlanAnalysis.ms(own))" + (a.selfShare.map { " (\(PlanText.fixed($0 * 100, 1)) %)" } ?? ""))
            } else if let cost = a.selfCost {
                parts.append("self cost \(PlanText.fixed(cost, 2))" + (a.selfCostShare.map { " (\(PlanText.fixed($0 * 100, 1)) %)" } ?? ""))
            }
            if let inclusive = a.inclusiveTime { parts.append("total \(PlanAnalysis.ms(inclusive))") }
            var rows = "rows \(PlanAnalysis.count(node.planRows ?? 0))"
            if let actual = node.actualRows {
                rows += " -> \(PlanAnalysis.count(actual))"
                if let factor = a.misestimateFactor, factor >= 2, let direction = a.misestimateDirection {
                    rows += direction == .over && a.mayStopEarly
                        ? " (stopped early)" : " (\(PlanAnalysis.count(factor.rounded()))x \(direction.rawValue))"
                }
            }
            parts.append(rows)
            if let loops = node.actualLoops, loops != 1 { parts.append("loops \(PlanAnalysis.count(loops))") }
        }
        if !node.buffers.isZero { parts.append("buffers " + node.buffers.summary) }
        let io = [node.ioReadTime.flatMap { $0 > 0 ? "read \(PlanAnalysis.ms($0))" : nil },
                  node.ioWriteTime.flatMap { $0 > 0 ? "write \(PlanAnalysis.ms($0))" : nil }].compactMap { $0 }
        if !io.isEmpty { parts.append("I/O " + io.joined(separator: " ")) }
        if let removed = a.rowsRemoved, removed > 0 {
            parts.append("removed \(PlanAnalysis.count(removed))" + (a.removedFraction.map { " (\(PlanText.fixed($0 * 100, 0)) %)" } ?? ""))
        }
        if let recheck = node.rowsRemovedByIndexRecheck, recheck > 0 { parts.append("recheck removed \(PlanAnalysis.count(recheck * (node.actualLoops ?? 1)))") }
        if let method = node.sortMethod {
            parts.append("sort \(method)" + (node.sortSpaceUsed.map { " \(node.sortSpaceType ?? "") \(PlanValue.format($0)) kB" } ?? ""))
        }
        if let batches = node.hashBatches {
            parts.append("hash buckets \(node.hashBuckets ?? 0) batches \(batches)" + (node.peakMemoryUsage.map { " \(PlanValue.format($0)) kB" } ?? ""))
        }
        if let batches = node.hashAggBatches, batches > 1 { parts.append("hashagg batches \(batches)" + (node.diskUsage.map { " disk \(PlanValue.format($0)) kB" } ?? "")) }
        if let planned = node.workersPlanned { parts.append("workers \(node.workersLaunched.map(String.init) ?? "?")/\(planned)") }
        if let severity = a.worstSeverity, severity > .info { parts.append("<\(severity)>") }
        return parts.joined(separator: "  ")
    }

    /// The whole report: summary, tree, findings.
    public static func text(_ plan: Plan, _ analysis: PlanAnalysis) -> String {
        var lines: [String] = []
        lines.append("Plan (\(plan.sourceFormat.rawValue)): " + summary(plan, analysis))
        for warning in plan.warnings { lines.append("note: \(warning)") }
        for node in plan.nodes {
            lines.append(String(repeating: "  ", count: node.depth) + nodeLine(node, analysis[node.id]))
        }
        lines.append("")
        if analysis.findings.isEmpty {
            lines.append(plan.isAnalyzed ? "Findings: none" : "Findings: none (plain EXPLAIN: run with ANALYZE for times, rows and spills)")
        } else {
            lines.append("Findings (\(analysis.findings.count)):")
            for finding in analysis.findings {
                let level = finding.severity.description
                lines.append("  " + level + String(repeating: " ", count: max(1, 9 - level.count)) + "[\(finding.nodeID)] " + finding.message)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON text with members in the order the report lists them (JSONEncoder would shuffle them).
    public static func jsonText(_ value: JSONValue) -> String {
        func convert(_ value: JSONValue) -> PlanValue {
            switch value {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .number(let number): return number.isFinite ? .number(number) : .null
            case .integer(let number): return .number(Double(number))
            case .string(let text): return .string(text)
            case .array(let items): return .array(items.map(convert))
            case .object(let members): return .object(members.map { ($0.0, convert($0.1)) })
            }
        }
        return convert(value).jsonText() + "\n"
    }

    static func buffersJSON(_ b: PlanBuffers) -> JSONValue {
        .object([
            ("shared_hit", .integer(Int64(b.sharedHit))), ("shared_read", .integer(Int64(b.sharedRead))),
            ("shared_dirtied", .integer(Int64(b.sharedDirtied))), ("shared_written", .integer(Int64(b.sharedWritten))),
            ("local_hit", .integer(Int64(b.localHit))), ("local_read", .integer(Int64(b.localRead))),
            ("local_dirtied", .integer(Int64(b.localDirtied))), ("local_written", .integer(Int64(b.localWritten))),
            ("temp_read", .integer(Int64(b.tempRead))), ("temp_written", .integer(Int64(b.tempWritten))),
        ])
    }

    /// The report as JSON (schema in docs/explain.md): plan summary, nodes in pre-order with
    /// their analysis and every property, findings.
    public static func json(_ plan: Plan, _ analysis: PlanAnalysis) -> JSONValue {
        let nodes: [JSONValue] = plan.nodes.map { node in
            let a = analysis[node.id]
            return .object([
                ("id", .integer(Int64(node.id))),
                ("parent_id", .optional(node.parentID)),
                ("depth", .integer(Int64(node.depth))),
                ("title", .string(node.title)),
                ("node_type", .string(node.nodeType)),
                ("relation", .optional(node.relationName)),
                ("schema", .optional(node.schema)),
                ("alias", .optional(node.alias)),
                ("index", .optional(node.indexName)),
                ("parent_relationship", .optional(node.parentRelationshipText)),
                ("subplan_name", .optional(node.subplanName)),
                ("startup_cost", .optional(node.startupCost)),
                ("total_cost", .optional(node.totalCost)),
                ("self_cost", .optional(a.selfCost)),
                ("plan_rows", .optional(node.planRows)),
                ("actual_rows", .optional(node.actualRows)),
                ("loops", .optional(node.actualLoops)),
                ("actual_total_time_ms", .optional(node.actualTotalTime)),
                ("inclusive_time_ms", .optional(a.inclusiveTime)),
                ("self_time_ms", .optional(a.selfTime)),
                ("self_share", .optional(a.selfShare)),
                ("misestimate_factor", .optional(a.misestimateFactor)),
                ("misestimate_direction", .optional(a.misestimateDirection?.rawValue)),
                ("rows_removed", .optional(a.rowsRemoved)),
                ("removed_fraction", .optional(a.removedFraction)),
                ("never_executed", .bool(a.neverExecuted)),
                ("may_stop_early", .bool(a.mayStopEarly)),
                ("buffers", node.hasBuffers ? buffersJSON(node.buffers) : .null),
                ("self_buffers", node.hasBuffers ? buffersJSON(a.selfBuffers) : .null),
                ("io_read_time_ms", .optional(node.ioReadTime)),
                ("io_write_time_ms", .optional(node.ioWriteTime)),
                ("workers_planned", .optional(node.workersPlanned)),
                ("workers_launched", .optional(node.workersLaunched)),
                ("worst_severity", .optional(a.worstSeverity?.description)),
                ("properties", .object(node.properties.map { ($0.0, $0.1.jsonValue) })),
            ])
        }
        let findings: [JSONValue] = analysis.findings.map { f in
            .object([
                ("severity", .string(f.severity.description)), ("kind", .string(f.kind.rawValue)),
                ("node_id", .integer(Int64(f.nodeID))), ("message", .string(f.message)), ("value", .number(f.value)),
            ])
        }
        let triggers: [JSONValue] = plan.triggers.map { t in
            .object([("name", .string(t.name)), ("constraint", .optional(t.constraintName)), ("relation", .optional(t.relation)),
                     ("time_ms", .optional(t.time)), ("calls", .optional(t.calls))])
        }
        return .object([
            ("source_format", .string(plan.sourceFormat.rawValue)),
            ("analyzed", .bool(plan.isAnalyzed)),
            ("planning_time_ms", .optional(plan.planningTime)),
            ("execution_time_ms", .optional(plan.executionTime)),
            ("total_time_ms", .optional(analysis.totalTime)),
            ("total_cost", .optional(analysis.totalCost)),
            ("buffers", buffersJSON(analysis.buffers)),
            ("triggers", .array(triggers)),
            ("jit_functions", .optional(plan.jitFunctions)),
            ("jit_time_ms", .optional(plan.jitTotalTime)),
            ("warnings", .array(plan.warnings.map(JSONValue.string))),
            ("nodes", .array(nodes)),
            ("findings", .array(findings)),
        ])
    }
}

import PGTriageCore

/// `Enter` (or `d`) on a plan node: what the analysis says about it, then every property EXPLAIN
/// gave (unknown ones too, in their order), then its parallel workers. Scrollable.
public enum PlanNodeDetail {
    static let labelWidth = 24

    static func field(_ name: String, _ value: String, _ style: Style = Style(.headerValue), indent: Int = 0) -> TextLine {
        let pad = String(repeating: " ", count: indent)
        return TextLine([
            TextSpan(DisplayWidth.fit(pad + name, toWidth: max(labelWidth, indent + 2)) + " ", style: Style(.textDim)),
            TextSpan(value, style: style),
        ])
    }

    static func section(_ title: String) -> TextLine { TextLine(title, style: Style(.helpSection, [.bold])) }

    /// A property as lines: scalars and lists on one line; objects one member a line, indented.
    static func propertyLines(_ key: String, _ value: PlanValue, indent: Int) -> [TextLine] {
        switch value {
        case .object(let members):
            return [field(key, "", indent: indent)] + members.flatMap { propertyLines($0.0, $0.1, indent: indent + 2) }
        case .array(let items) where items.contains(where: { $0.members != nil }):
            var out = [field(key, "", indent: indent)]
            for (i, item) in items.enumerated() {
                if let members = item.members {
                    out.append(field("[\(i)]", "", indent: indent + 2))
                    out += members.flatMap { propertyLines($0.0, $0.1, indent: indent + 4) }
                } else {
                    out.append(field("[\(i)]", item.description, indent: indent + 2))
                }
            }
            return out
        default:
            return [field(key, value.description, indent: indent)]
        }
    }

    static func lines(_ document: PlanDocument, nodeID: Int) -> [TextLine] {
        let plan = document.plan
        guard nodeID >= 0, nodeID < plan.nodes.count else { return [TextLine("no such node")] }
        let node = plan.nodes[nodeID]
        let a = document.analysis[nodeID]
        var out: [TextLine] = []
        out.append(TextLine(PlanRows.label(node), style: Style(.planNode, [.bold])))
        if let parent = node.parentID {
            out.append(TextLine("under [\(parent)] " + PlanRows.label(plan.nodes[parent]), style: Style(.textDim)))
        }
        out.append(TextLine(""))
        out.append(section("Analysis"))
        if a.neverExecuted { out.append(field("executed", "never", Style(.textDim))) }
        if let own = a.selfTime {
            let share = a.selfShare.map { "  (" + PlanText.fixed($0 * 100, 1) + " % of the time)" } ?? ""
            out.append(field("self time", PlanRows.ms(own) + share, PlanRows.heat(a.selfShare)))
        }
        if let inclusive = a.inclusiveTime { out.append(field("total time (all loops)", PlanRows.ms(inclusive))) }
        if let cost = a.selfCost {
            let share = a.selfCostShare.map { "  (" + PlanText.fixed($0 * 100, 1) + " % of the cost)" } ?? ""
            out.append(field("self cost", PlanText.fixed(cost, 2) + share))
        }
        var rows = "planned \(PlanValue.format(node.planRows ?? 0))"
        if let actual = node.actualRows { rows += ", actual \(PlanValue.format(actual)) (per loop)" }
        out.append(field("rows", rows))
        if let factor = a.misestimateFactor, let direction = a.misestimateDirection, direction != .exact {
            var text = PlanText.fixed(factor, factor < 10 ? 1 : 0) + "x " + (direction == .under ? "underestimated (more rows came)" : "overestimated (fewer rows came)")
            if direction == .over && a.mayStopEarly { text += "; a parent may stop reading early, so this is no misestimate" }
            out.append(field("estimate error", text))
        }
        if let loops = node.actualLoops { out.append(field("loops", PlanValue.format(loops))) }
        if let removed = a.rowsRemoved, removed > 0 {
            let fraction = a.removedFraction.map { " (" + PlanText.fixed($0 * 100, 1) + " % of the rows read)" } ?? ""
            out.append(field("removed by filter", PlanValue.format(removed) + fraction))
        }
        if node.hasBuffers {
            out.append(field("buffers (with children)", node.buffers.isZero ? "none" : node.buffers.summary))
            out.append(field("buffers (own)", a.selfBuffers.isZero ? "none" : a.selfBuffers.summary))
        }
        let findings = document.analysis.findings.filter { $0.nodeID == nodeID }
        if !findings.isEmpty {
            out.append(TextLine(""))
            out.append(section("Findings"))
            for finding in findings { out.append(PlanPane.findingLine(finding)) }
        }
        out.append(TextLine(""))
        out.append(section("Properties (as EXPLAIN gave them)"))
        for (key, value) in node.properties { out += propertyLines(key, value, indent: 0) }
        for worker in node.workers {
            out.append(TextLine(""))
            out.append(section("Worker \(worker.number)"))
            for (key, value) in worker.properties { out += propertyLines(key, value, indent: 0) }
        }
        return out
    }

    static func area(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: Layout.headerHeight, width: width, height: height - Layout.headerHeight - 1)
    }

    static func view(_ document: PlanDocument, _ detail: PlanNodeDetailState) -> TextView {
        TextView(lines: lines(document, nodeID: detail.nodeID), offset: detail.scroll)
    }

    static func maxScroll(_ document: PlanDocument, _ detail: PlanNodeDetailState, width: Int, height: Int) -> Int {
        view(document, detail).maxOffset(for: area(width: width, height: height).inset(dx: 2, dy: 1))
    }

    static func render(_ state: AppState, _ document: PlanDocument, _ detail: PlanNodeDetailState, grid: inout ScreenGrid) {
        let outer = area(width: state.width, height: state.height)
        let title = "node [\(detail.nodeID)] — Esc closes · ↑↓ PgUp PgDn scroll"
        let frame = Box(title: title, borderStyle: Style(.border), titleStyle: Style(.borderTitle, [.bold]), fillStyle: .plain)
        grid.render(frame, in: outer)
        grid.render(view(document, detail), in: outer.inset(dx: 2, dy: 1))
    }
}

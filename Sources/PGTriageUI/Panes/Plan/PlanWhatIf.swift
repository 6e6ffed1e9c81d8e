import PGTriageCore

/// The index what-if view (`i` on a scan in the plan browser): the candidate indexes for the
/// node's filter and, where HypoPG is installed, the plan's cost before and after each. The
/// console never builds an index: `w` copies the DDL (OSC 52), as the Indexes pane does.
public struct PlanWhatIfState: Sendable, Equatable {
    public var nodeID: Int
    public var report: IndexWhatIfReport
    public var scroll = 0
}

enum PlanWhatIf {
    static let notATarget = "i (index what-if) works on a Seq Scan with a Filter, or a scan whose filter or recheck removes most rows"

    /// `i`: offline, the candidates from the condition alone; online, a what-if run on the
    /// EXPLAIN session (its result opens the view).
    static func start(_ state: inout AppState) -> [Effect] {
        guard let document = state.plan.document, let node = PlanPane.selectedNode(state) else { return [] }
        guard let target = IndexWhatIfTarget.of(node, findings: document.analysis.findings) else {
            ExplainFlow.error(&state, notATarget)
            return []
        }
        if state.plan.offline || document.request == nil {
            state.plan.whatIf = PlanWhatIfState(nodeID: node.id, report: IndexWhatIf.offlineReport(target))
            return []
        }
        guard let request = document.request else { return [] }
        let effects = ExplainFlow.start(&state, request.asWhatIf(.node(target)), origin: "index what-if on [\(node.id)]")
        if !effects.isEmpty { state.plan.running?.whatIfNode = node.id }  // started (not refused: one runs already)
        return effects
    }

    /// The what-if finished: show it over the plan it was asked on.
    static func arrived(_ state: inout AppState, _ report: IndexWhatIfReport, nodeID: Int?) {
        state.plan.whatIf = PlanWhatIfState(nodeID: nodeID ?? state.plan.selected, report: report)
        let used = report.candidates.filter { $0.used == true }.count
        if report.hypopg.isInstalled {
            ExplainFlow.info(&state, "index what-if: \(ReportFormat.n(report.candidates.count, "candidate")), \(used) used by the planner; w copies the DDL")
        } else {
            ExplainFlow.info(&state, "index what-if: HypoPG is not installed, candidates untested; w copies the DDL")
        }
    }

    static func lines(_ state: PlanWhatIfState, document: PlanDocument?) -> [TextLine] {
        var out: [TextLine] = []
        if let document, state.nodeID >= 0, state.nodeID < document.plan.nodes.count {
            out.append(TextLine("[\(state.nodeID)] " + PlanRows.label(document.plan.nodes[state.nodeID]), style: Style(.planNode, [.bold])))
        }
        for line in state.report.lines {
            if line.hasPrefix("CREATE INDEX") {
                out.append(TextLine(line, style: Style(.headerValue, [.bold])))
            } else if line.hasPrefix("HypoPG is not") || line.hasPrefix("no server") {
                out.append(TextLine(line, style: Style(.planWarning)))
            } else {
                out.append(TextLine(line))
            }
        }
        return out
    }

    static func area(width: Int, height: Int) -> Rect { PlanNodeDetail.area(width: width, height: height) }

    static func view(_ state: PlanWhatIfState, document: PlanDocument?) -> TextView {
        TextView(lines: lines(state, document: document), offset: state.scroll)
    }

    static func maxScroll(_ state: AppState) -> Int {
        guard let whatIf = state.plan.whatIf else { return 0 }
        return view(whatIf, document: state.plan.document).maxOffset(for: area(width: state.width, height: state.height).inset(dx: 2, dy: 1))
    }

    static func render(_ state: AppState, _ whatIf: PlanWhatIfState, grid: inout ScreenGrid) {
        let outer = area(width: state.width, height: state.height)
        let frame = Box(title: "index what-if — w copies the DDL · Esc closes", borderStyle: Style(.border),
                        titleStyle: Style(.borderTitle, [.bold]), fillStyle: .plain)
        grid.render(frame, in: outer)
        grid.render(view(whatIf, document: state.plan.document), in: outer.inset(dx: 2, dy: 1))
    }

    static let layer = DetailKeys.layer("Index what-if (i)", DetailKeys.Access(
        scroll: { $0.plan.whatIf?.scroll ?? 0 },
        setScroll: { state, to in state.plan.whatIf?.scroll = to },
        maxScroll: { maxScroll($0) },
        close: { $0.plan.whatIf = nil }
    ), actions: [
        KeyBinding([.char("w"), .char("W")], "w", help: "copy the DDL (OSC 52)", hint: "copy SQL") { state, _ in
            guard let report = state.plan.whatIf?.report else { return [] }
            guard !report.candidates.isEmpty else {
                ExplainFlow.error(&state, "no candidate index to copy")
                return []
            }
            return [.copyToClipboard(report.clipboardText)]
        },
    ])
}

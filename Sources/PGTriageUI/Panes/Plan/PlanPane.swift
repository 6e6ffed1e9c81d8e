import PGTriageCore

/// Pane 5: the plan browser. A title, the summary line (planning and execution time, buffers,
/// triggers, JIT), the collapsible tree with a column per figure, and the findings at the bottom.
public enum PlanPane {
    /// Where the parts of the pane go in `area` (the body below the header, above the status line).
    struct Regions: Equatable {
        var title: Rect
        var summary: Rect
        /// The tree's column header plus its rows.
        var tree: Rect
        /// The findings' title line plus their rows (empty when hidden or none).
        var findings: Rect
        var treeRows: Int { max(0, tree.height - 1) }
        var findingRows: Int { max(0, findings.height - 1) }
    }

    static func bodyArea(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: Layout.paneTitleY, width: width, height: height - Layout.paneTitleY - 1)
    }

    static func regions(_ plan: PlanState, area: Rect) -> Regions {
        let (title, afterTitle) = area.splitTop(1)
        let (summary, rest) = afterTitle.splitTop(1)
        var findingsHeight = 0
        if plan.findingsShown, let count = plan.document?.analysis.findings.count, count > 0 {
            let wanted = plan.findingsFocused ? max(3, rest.height / 2 - 1) : 3
            findingsHeight = 1 + min(count, wanted)
            // The tree keeps its header and four rows.
            findingsHeight = max(0, min(findingsHeight, rest.height - 5))
            if findingsHeight == 1 { findingsHeight = 0 }
        }
        let (tree, findings) = rest.splitBottom(findingsHeight)
        return Regions(title: title, summary: summary, tree: tree, findings: findings)
    }

    /// Tree rows visible at this terminal size (what PgUp/PgDn move by).
    static func treeRows(_ state: AppState) -> Int {
        max(1, regions(state.plan, area: bodyArea(width: state.width, height: state.height)).treeRows)
    }

    static func findingRows(_ state: AppState) -> Int {
        max(1, regions(state.plan, area: bodyArea(width: state.width, height: state.height)).findingRows)
    }

    /// "search "seq" 1/3 · pid 4242 in shop · ANALYZE · 9 nodes · 2 collapsed".
    static func titleDetails(_ plan: PlanState, _ document: PlanDocument) -> String {
        var parts: [String] = []
        // The search first: it is what the user is doing (a long source would push it out).
        if !plan.search.isEmpty {
            let matches = document.matches(plan.search)
            if let at = matches.firstIndex(of: plan.selected) {
                parts.append("search \"\(plan.search)\" \(at + 1)/\(matches.count)")
            } else {
                parts.append("search \"\(plan.search)\": \(matches.count) match" + (matches.count == 1 ? "" : "es"))
            }
        }
        parts.append(document.source)
        if plan.siblings.count > 1 { parts.append("plan \(plan.siblingIndex + 1) of \(plan.siblings.count) ([ ])") }
        parts.append(document.plan.isAnalyzed ? "ANALYZE" : "plain EXPLAIN (estimates only)")
        parts.append("\(document.plan.nodes.count) node" + (document.plan.nodes.count == 1 ? "" : "s"))
        if !plan.collapsed.isEmpty { parts.append("\(plan.collapsed.count) collapsed") }
        return "— " + parts.joined(separator: " · ")
    }

    static func render(_ state: AppState, area: Rect, grid: inout ScreenGrid) {
        let plan = state.plan
        guard let document = plan.document else {
            PaneDraw.title("Plan", details: "", y: area.y, width: area.width, grid: &grid)
            let rest = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
            let text: String
            if let running = plan.running {
                text = "explaining \(running.origin)… (Esc cancels)"
            } else if plan.offline {
                text = "No plan"
            } else {
                text = "No plan yet: e on a query in Activity or Locks, x to type SQL"
            }
            PaneDraw.centred(text, in: rest, style: Style(.textDim), grid: &grid)
            return
        }
        let r = regions(plan, area: area)
        PaneDraw.title("Plan", details: titleDetails(plan, document), y: r.title.y, width: area.width, grid: &grid)
        var summary = PlanReport.summary(document.plan, document.analysis)
        if summary.isEmpty { summary = "no timing" }
        for warning in document.plan.warnings { summary += "  note: " + warning }
        putTruncated(TextLine(summary, style: Style(.planDetail)), x: area.x + 1, y: r.summary.y, width: area.width - 2, grid: &grid)

        let visibleRows = document.visibleRows(collapsed: plan.collapsed)
        let rows = visibleRows.rows
        let columns = document.columns(width: area.width)
        let visible = r.treeRows
        let selectedIndex = ExplainFlow.rowIndex(visibleRows, of: plan.selected) ?? 0
        let top = Table.scrollOffset(selected: selectedIndex, offset: plan.scroll, rowCount: rows.count, visibleRows: visible)
        let shown = rows.dropFirst(top).prefix(visible)
        // Only the rows on screen are highlighted: the set is of those, not of every match.
        let allMatches = document.matches(plan.search)
        let matches = allMatches.isEmpty ? Set<Int>() : Set(shown.map(\.id)).intersection(allMatches)
        let table = Table(
            columns: columns.map { column, width in
                TableColumn(column.title, width: .fixed(width), alignment: column == .node || column == .marker || column == .sortHash ? .left : .right)
            },
            rows: shown.map { row in TableRow(styled: PlanRows.cells(row, document, columns: columns, matches: matches).lines) },
            selected: selectedIndex - top, offset: 0)
        grid.render(table, in: r.tree)
        renderFindings(plan, document, area: r.findings, grid: &grid)
    }

    /// "crit [3] Seq Scan on orders o: filter removes 90 % of the rows it reads (90000 removed)".
    static func findingLine(_ finding: PlanFinding) -> TextLine {
        let word: String
        switch finding.severity {
        case .critical: word = "crit"
        case .warning: word = "warn"
        case .info: word = "info"
        }
        return TextLine([
            TextSpan(word, style: PlanRows.severityStyle(finding.severity)),
            TextSpan(" [\(finding.nodeID)] ", style: Style(.planDetail)),
            TextSpan(finding.message),
        ])
    }

    static func renderFindings(_ plan: PlanState, _ document: PlanDocument, area: Rect, grid: inout ScreenGrid) {
        guard area.height >= 2 else { return }
        let findings = document.analysis.findings
        let hint = plan.findingsFocused ? "↑↓ select · Enter goes to the node · Esc back to the tree" : "f: select one to go to its node"
        grid.fill(area.row(0), style: Style(.title))
        let used = grid.put("Findings (\(findings.count))", x: area.x + 1, y: area.y, maxWidth: area.width - 1, style: Style(.title, [.bold]))
        grid.put(" — " + hint, x: area.x + 1 + used, y: area.y, maxWidth: area.width - 1 - used, style: Style(.title))
        let rows = area.height - 1
        let top = plan.findingsFocused
            ? Table.scrollOffset(selected: plan.findingIndex, offset: plan.findingsScroll, rowCount: findings.count, visibleRows: rows)
            : 0
        for (i, finding) in findings.dropFirst(top).prefix(rows).enumerated() {
            let y = area.y + 1 + i
            let selected = plan.findingsFocused && top + i == plan.findingIndex
            if selected {
                grid.fill(Rect(x: area.x, y: y, width: area.width, height: 1), style: Style(.tableSelected))
                putTruncated(TextLine(findingLine(finding).text, style: Style(.tableSelected)), x: area.x + 1, y: y, width: area.width - 2, grid: &grid)
            } else {
                putTruncated(findingLine(finding), x: area.x + 1, y: y, width: area.width - 2, grid: &grid)
            }
        }
        if !plan.findingsFocused, findings.count > rows, rows > 0 {
            let more = " +\(findings.count - rows) more (f) "
            let w = DisplayWidth.of(more)
            grid.put(more, x: area.maxX - w, y: area.y, maxWidth: w, style: Style(.title))
        }
    }
}

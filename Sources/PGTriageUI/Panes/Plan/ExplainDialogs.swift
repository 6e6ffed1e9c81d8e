#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// What EXPLAIN puts over the screen: the ANALYZE confirmation; and
/// what it puts on the status line: the SQL input, the search input, the running EXPLAIN.
public enum ExplainDialogs {
    /// Overlays, drawn after the pane and its detail view.
    static func render(_ state: AppState, grid: inout ScreenGrid) {
        if let pending = state.plan.pendingAnalyze { renderAnalyzeConfirmation(state, pending, grid: &grid) }
    }

    static func analyzeLines(_ pending: PendingAnalyze) -> [TextLine] {
        let request = pending.request
        let sql = Format.oneLine(request.sql)
        return [
            TextLine("EXPLAIN ANALYZE of \(pending.origin)?", style: Style(.dialogDanger, [.bold])),
            TextLine("  " + (sql.count > 300 ? String(sql.prefix(300)) + "…" : sql), style: Style(.textDim)),
            TextLine(""),
            TextLine(request.analyzeConfirmation),
        ]
    }

    static func renderAnalyzeConfirmation(_ state: AppState, _ pending: PendingAnalyze, grid: inout ScreenGrid) {
        let body = Rect(x: 0, y: Layout.headerHeight, width: state.width, height: state.height - Layout.headerHeight - 1)
        let dialog = Dialog(title: "EXPLAIN ANALYZE", lines: analyzeLines(pending),
                            footer: "y: run it (rolled back)   any other key: no", danger: true,
                            minWidth: 40, maxWidth: min(76, body.width - 2))
        grid.render(dialog, in: body)
    }

    /// The status line while EXPLAIN owns it (input, search, confirmation, running), else nil.
    static func statusLine(_ state: AppState) -> (left: TextLine, right: TextLine, style: Style)? {
        let plan = state.plan
        if let input = plan.input {
            let db = input.database.isEmpty ? ExplainFlow.connectionDatabase(state) ?? "(connection's)" : input.database
            var spans = [TextSpan("explain ", style: Style(.filter, [.bold]))]
            spans.append(TextSpan(input.analyze ? "ANALYZE " : "", style: Style(.statusWarning, [.bold])))
            spans.append(TextSpan("in ", style: Style(.filter)))
            spans.append(TextSpan(db + (input.editingDatabase ? "█" : ""), style: Style(.filter, input.editingDatabase ? [.bold, .underline] : [])))
            spans.append(TextSpan(": ", style: Style(.filter)))
            // The end of a long text stays in view.
            let room = max(10, state.width - 50)
            var text = input.text
            if text.count > room { text = "…" + String(text.suffix(room - 1)) }
            spans.append(TextSpan(text + (input.editingDatabase ? "" : "█"), style: Style(.filter)))
            return (TextLine(spans), TextLine("Enter runs · Tab db · ^A analyze · Esc", style: Style(.filter)), Style(.filter))
        }
        if plan.searchEditing {
            return (TextLine([
                TextSpan("search: ", style: Style(.filter, [.bold])),
                TextSpan(plan.search + "█", style: Style(.filter)),
            ]), TextLine("Enter keeps · Esc clears · n N next/prev", style: Style(.filter)), Style(.filter))
        }
        if plan.pendingAnalyze != nil {
            return (TextLine("y runs EXPLAIN ANALYZE (rolled back) · any other key: no", style: Style(.statusWarning, [.bold])),
                    TextLine([]), Style(.status))
        }
        if let running = plan.running, !state.filterEditing, state.pendingAction == nil {
            let seconds = max(0, state.now.timeIntervalSince(running.startedAt))
            let what = running.request.analyze ? "explain analyze" : "explaining"
            let text = running.cancelling
                ? "cancelling the EXPLAIN of \(running.origin)…"
                : "\(what) \(running.origin)… \(Format.age(seconds)) (Esc/C-c cancels)"
            return (TextLine(text, style: Style(.statusInfo, [.bold])), TextLine([]), Style(.status))
        }
        return nil
    }
}

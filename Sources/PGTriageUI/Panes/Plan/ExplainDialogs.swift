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

    /// The SQL around the cursor in `room` columns, the cursor shown reversed (a block at the
    /// end), "…" where the text goes on.
    static func inputWindow(_ input: ExplainInput, room: Int) -> [TextSpan] {
        let characters = Array(Sanitizer.clean(input.text))
        let cursor = min(max(0, input.cursor), characters.count)
        let cells = characters.count + 1  // the cursor may sit past the end
        var start = 0
        if cells > room { start = min(max(0, cursor - room * 2 / 3), cells - room) }
        let end = min(characters.count, start + room)
        var spans: [TextSpan] = []
        var before = String(characters[start..<min(cursor, end)])
        if start > 0 { before = "…" + before.dropFirst() }
        spans.append(TextSpan(before, style: Style(.filter)))
        if input.editingDatabase {
            spans.append(TextSpan(String(characters[min(cursor, end)..<end]), style: Style(.filter)))
            return spans
        }
        spans.append(TextSpan(cursor < characters.count ? String(characters[cursor]) : " ", style: Style(.filter, [.reverse])))
        var after = cursor + 1 <= end ? String(characters[(cursor + 1)..<end]) : ""
        if end < characters.count, !after.isEmpty { after = after.dropLast() + "…" }
        spans.append(TextSpan(after, style: Style(.filter)))
        return spans
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
            // The cursor always in view: the window of the text around it that fits.
            let used = spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
            let room = max(10, state.width - used - 1)
            // The keys while the text leaves room for them; the text first once it grows.
            let keys = "Enter runs · Tab db · ^A analyze · ↑ history · Esc"
            let showKeys = input.text.count + 2 + keys.count + 2 <= room
            spans += inputWindow(input, room: showKeys ? room - keys.count - 2 : room)
            return (TextLine(spans), TextLine(showKeys ? keys : "", style: Style(.filter)), Style(.filter))
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

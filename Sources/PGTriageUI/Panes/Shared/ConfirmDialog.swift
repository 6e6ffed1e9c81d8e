#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The question before a cancel or terminate: who, doing what, for how long. `y` confirms.
public enum ConfirmDialog {
    static func question(_ p: PendingAction) -> String {
        let n = p.targets.count
        let who = n == 1 ? "pid \(p.targets[0].pid)" : "\(n) backends"
        switch p.signal {
        case .cancel: return "Cancel the running query of \(who)?"
        case .terminate: return "Terminate \(who)?"
        }
    }

    static func consequence(_ signal: BackendSignal) -> String {
        switch signal {
        case .cancel: return "pg_cancel_backend: the query stops, the session stays."
        case .terminate: return "pg_terminate_backend: the session ends, its transaction rolls back."
        }
    }

    /// "pid 4242  alice@shop  idle xact  xact 3m04s  query 12s".
    static func targetLine(_ b: BackendActivity, now: Date) -> TextLine {
        var spans = [TextSpan("pid \(b.pid)", style: Style(.dialogTitle, [.bold]))]
        spans.append(TextSpan("  \(b.user ?? "?")@\(b.database ?? "?")", style: Style(.dialog)))
        spans.append(TextSpan("  " + (b.state == nil ? "?" : Format.state(b.state)), style: Style(stateRole(b))))
        if let x = b.xactAge(at: now) { spans.append(TextSpan("  xact \(Format.age(x))", style: Style(.dialog))) }
        if let q = b.queryAge(at: now) { spans.append(TextSpan("  query \(Format.age(q))", style: Style(.dialog))) }
        return TextLine(spans)
    }

    static func queryLine(_ b: BackendActivity) -> TextLine {
        let q = Format.oneLine(b.query)
        return TextLine("  " + (q.isEmpty ? "(no query text)" : q), style: Style(.textDim))
    }

    static func render(_ state: AppState, _ pending: PendingAction, grid: inout ScreenGrid) {
        let body = Rect(x: 0, y: Layout.headerHeight, width: state.width, height: state.height - Layout.headerHeight - 1)
        let width = min(body.width - 4, 76)
        // Fixed lines: question, consequence, blank, ..., blank, footer; two lines per target.
        let fixed = 5
        let maxHeight = body.height - 2
        let roomForAll = max(1, (maxHeight - 2 - fixed) / 2)
        let roomWithMoreLine = max(1, (maxHeight - 2 - fixed - 1) / 2)
        let shown = pending.targets.count <= roomForAll ? pending.targets.count : roomWithMoreLine
        let more = pending.targets.count - shown
        let height = min(maxHeight, 2 + fixed + shown * 2 + (more > 0 ? 1 : 0))
        let area = body.centered(width: width, height: height)
        let danger = pending.signal == .terminate
        let frame = Box(
            title: danger ? "Terminate" : "Cancel",
            borderStyle: Style(danger ? .dialogDangerBorder : .dialogBorder, [.bold]),
            titleStyle: Style(danger ? .dialogDanger : .dialogTitle, [.bold]),
            fillStyle: Style(.dialog))
        grid.render(frame, in: area)
        let inner = frame.inner(area).inset(dx: 1, dy: 0)
        var lines: [TextLine] = [
            TextLine(question(pending), style: Style(danger ? .dialogDanger : .dialogTitle, [.bold])),
            TextLine(consequence(pending.signal), style: Style(.dialog)),
            TextLine(""),
        ]
        for b in pending.targets.prefix(shown) {
            lines.append(targetLine(b, now: pending.capturedAt))
            lines.append(queryLine(b))
        }
        if more > 0 { lines.append(TextLine("  ... and \(more) more", style: Style(.dialog))) }
        lines.append(TextLine(""))
        let verb = danger ? "terminate" : "cancel"
        lines.append(TextLine([
            TextSpan("y", style: Style(.statusKey, [.bold])), TextSpan(" \(verb)    ", style: Style(.dialog)),
            TextSpan("any other key", style: Style(.statusKey, [.bold])), TextSpan(": do nothing", style: Style(.dialog)),
        ]))
        for (i, line) in lines.prefix(inner.height).enumerated() {
            putTruncated(line, x: inner.x, y: inner.y + i, width: inner.width, grid: &grid)
        }
    }
}

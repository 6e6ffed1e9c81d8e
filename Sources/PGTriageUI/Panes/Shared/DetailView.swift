#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// `Enter`: one backend, every field and its whole query text (as the snapshot has it).
public enum DetailView {
    static let labelWidth = 14

    static func field(_ name: String, _ value: String, _ style: Style = Style(.headerValue)) -> TextLine {
        TextLine([
            TextSpan(DisplayWidth.fit(name, toWidth: labelWidth), style: Style(.textDim)),
            TextSpan(value, style: style),
        ])
    }

    static func lines(_ detail: DetailState, maintenance: TextLine? = nil) -> [TextLine] {
        let b = detail.lastSeen
        let now = detail.capturedAt
        var out: [TextLine] = []
        if detail.isGone {
            out.append(TextLine("This backend has ended: the last refresh no longer lists it.", style: Style(.textError, [.bold])))
            out.append(TextLine(""))
        }
        func age(_ a: Double?) -> String { a.map { Format.age($0) } ?? "-" }
        let stateText = (b.state ?? "-") + (b.stateAge(at: now).map { "  (for \(Format.age($0)))" } ?? "")
        out.append(field("pid", String(b.pid)))
        out.append(field("state", stateText, Style(stateRole(b), [.bold])))
        out.append(field("database", b.database ?? "-"))
        out.append(field("user", b.user ?? "-"))
        out.append(field("application", b.application.isEmpty ? "-" : b.application))
        out.append(field("client", b.client ?? "-"))
        out.append(field("backend type", b.backendType))
        let wait = Format.wait(type: b.waitEventType, event: b.waitEvent)
        out.append(field("wait event", wait.isEmpty ? "-" : wait, b.isWaitingOnLock ? Style(.stateWaiting) : Style(.headerValue)))
        if let maintenance { out.append(maintenance) }
        if let lock = b.lockWait { out.append(field("waiting for", lock.summary, Style(.stateWaiting))) }
        if !b.blockedBy.isEmpty {
            out.append(field("blocked by", b.blockedBy.map(String.init).joined(separator: ", "), Style(.stateWaiting)))
        }
        out.append(field("backend age", age(b.backendAge(at: now))))
        out.append(field("xact age", age(b.xactAge(at: now))))
        out.append(field("query age", age(b.queryAge(at: now))))
        out.append(field("state age", age(b.stateAge(at: now))))
        out.append(TextLine(""))
        var text = b.query
        let note: String
        switch detail.fullQuery {
        case .some(.some(let full)):
            text = full
            note = detail.fullQueryCutByServer ? "  (cut by the server: track_activity_query_size)" : ""
        case .some(.none):
            note = b.queryIsCut ? "  (cut; the backend ended before the whole text was read)" : ""
        case .none:
            note = b.queryIsCut ? "  (cut; reading the whole text...)" : ""
        }
        out.append(TextLine([TextSpan("query", style: Style(.textDim)), TextSpan(note, style: Style(.ageWarning))]))
        if text.isEmpty { text = "(none)" }
        out.append(contentsOf: TextView(text: text).lines)
        return out
    }

    static func area(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: Layout.headerHeight, width: width, height: height - Layout.headerHeight - 1)
    }

    static func view(_ detail: DetailState, maintenance: TextLine? = nil) -> TextView {
        TextView(lines: lines(detail, maintenance: maintenance), offset: detail.scroll)
    }

    /// The running VACUUM/ANALYZE/CREATE INDEX/CLUSTER of the backend, from the Tables section.
    static func maintenance(_ state: AppState, _ detail: DetailState) -> TextLine? {
        TablesPane.maintenanceLine(state, pid: detail.pid)
    }

    static func maxScroll(_ detail: DetailState, width: Int, height: Int, maintenance: TextLine? = nil) -> Int {
        let inner = area(width: width, height: height).inset(dx: 2, dy: 1)
        return view(detail, maintenance: maintenance).maxOffset(for: inner)
    }

    static func render(_ state: AppState, _ detail: DetailState, grid: inout ScreenGrid) {
        let outer = area(width: state.width, height: state.height)
        let title = "pid \(detail.pid) — Esc closes · c cancel · K terminate · e explain"
        let frame = Box(title: title, borderStyle: Style(.border), titleStyle: Style(.borderTitle, [.bold]),
                        fillStyle: .plain)
        grid.render(frame, in: outer)
        grid.render(view(detail, maintenance: maintenance(state, detail)), in: outer.inset(dx: 2, dy: 1))
    }
}

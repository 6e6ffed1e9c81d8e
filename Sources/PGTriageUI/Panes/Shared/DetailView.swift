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

    /// Every line but the query text: the fields (with the backend's running maintenance, when
    /// the Tables pane has read it), then the "query" label.
    static func headerLines(_ detail: DetailState, maintenance: TextLine? = nil) -> [TextLine] {
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
        if !detail.blocks.isEmpty {
            out.append(field("blocks", detail.blocks.map(String.init).joined(separator: ", "), Style(.treeRoot, [.bold])))
        }
        if let held = detail.heldLocks {
            let shown = 8
            for (i, lock) in held.prefix(shown).enumerated() {
                out.append(field(i == 0 ? "holds" : "", lock.summary))
            }
            if held.count > shown { out.append(field("", "… and \(held.count - shown) more")) }
            if held.isEmpty { out.append(field("holds", "no lock but its own", Style(.textDim))) }
        }
        out.append(field("backend age", age(b.backendAge(at: now))))
        out.append(field("xact age", age(b.xactAge(at: now))))
        out.append(field("query age", age(b.queryAge(at: now))))
        out.append(field("state age", age(b.stateAge(at: now))))
        out.append(TextLine(""))
        let note: String
        switch detail.fullQuery {
        case .some(.some):
            note = detail.fullQueryCutByServer ? "  (cut by the server: track_activity_query_size)" : ""
        case .some(.none):
            note = b.queryIsCut ? "  (cut; the backend ended before the whole text was read)" : ""
        case .none:
            note = b.queryIsCut ? "  (cut; reading the whole text...)" : ""
        }
        out.append(TextLine([TextSpan("query", style: Style(.textDim)), TextSpan(note, style: Style(.ageWarning))]))
        return out
    }

    /// The query text the view shows: the whole text once read, else the list's copy.
    static func queryText(_ detail: DetailState) -> String {
        var text = detail.lastSeen.query
        if case .some(.some(let full)) = detail.fullQuery { text = full }
        return text.isEmpty ? "(none)" : text
    }

    /// The query wrapped at `width`: the copy kept in the state when it is for this text and
    /// width (see `rewrap`), else wrapped now.
    static func wrappedQuery(_ detail: DetailState, width: Int) -> [TextLine] {
        let text = queryText(detail)
        if let kept = detail.wrappedQuery, kept.width == width, kept.source == text { return kept.lines }
        return TextView(text: text).wrappedLines(width: width)
    }

    /// Wraps the query once per text and width, after each message (a 1 MB query took half a
    /// second to wrap, at every key and every frame). Comparing the kept text with the shown one
    /// is immediate while both are the same string.
    static func rewrap(_ state: inout AppState) {
        guard let detail = state.detail else { return }
        let width = textArea(width: state.width, height: state.height).width
        let text = queryText(detail)
        if let kept = detail.wrappedQuery, kept.width == width, kept.source == text { return }
        state.detail?.wrappedQuery = WrappedText(source: text, width: width, lines: TextView(text: text).wrappedLines(width: width))
    }

    static func area(width: Int, height: Int) -> Rect {
        Rect(x: 0, y: Layout.headerHeight, width: width, height: height - Layout.headerHeight - 1)
    }

    static func textArea(width: Int, height: Int) -> Rect { area(width: width, height: height).inset(dx: 2, dy: 1) }

    /// Lines already wrapped to the text area's width.
    static func view(_ detail: DetailState, width: Int, maintenance: TextLine? = nil) -> TextView {
        let header = TextView(lines: headerLines(detail, maintenance: maintenance)).wrappedLines(width: width)
        return TextView(lines: header + wrappedQuery(detail, width: width), offset: detail.scroll, wrap: false)
    }

    /// The running VACUUM/ANALYZE/CREATE INDEX/CLUSTER of the backend, from the Tables section.
    static func maintenance(_ state: AppState, _ detail: DetailState) -> TextLine? {
        TablesPane.maintenanceLine(state, pid: detail.pid)
    }

    static func maxScroll(_ detail: DetailState, width: Int, height: Int, maintenance: TextLine? = nil) -> Int {
        let inner = textArea(width: width, height: height)
        return view(detail, width: inner.width, maintenance: maintenance).maxOffset(for: inner)
    }

    static func render(_ state: AppState, _ detail: DetailState, grid: inout ScreenGrid) {
        let outer = area(width: state.width, height: state.height)
        let title = "pid \(detail.pid) — Esc closes · c cancel · K terminate · e explain"
        let frame = Box(title: title, borderStyle: Style(.border), titleStyle: Style(.borderTitle, [.bold]),
                        fillStyle: .plain)
        grid.render(frame, in: outer)
        let inner = textArea(width: state.width, height: state.height)
        grid.render(view(detail, width: inner.width, maintenance: maintenance(state, detail)), in: inner)
    }
}

/// A text wrapped at a width, kept in the state so it is wrapped once (compared by identity:
/// the state stays cheap to compare).
public final class WrappedText: Sendable, Equatable {
    public let source: String
    public let width: Int
    public let lines: [TextLine]

    init(source: String, width: Int, lines: [TextLine]) {
        self.source = source
        self.width = width
        self.lines = lines
    }

    public static func == (lhs: WrappedText, rhs: WrappedText) -> Bool { lhs === rhs }
}

/// The frame of every detail view but the backend's: over the body, a title naming what it shows
/// and its keys, the lines scrolled.
enum DetailBox {
    static func maxScroll(_ lines: [TextLine], width: Int, height: Int) -> Int {
        TextView(lines: lines).maxOffset(for: DetailView.textArea(width: width, height: height))
    }

    static func render(title: String, lines: [TextLine], scroll: Int, state: AppState, grid: inout ScreenGrid) {
        let frame = Box(title: title, borderStyle: Style(.border), titleStyle: Style(.borderTitle, [.bold]), fillStyle: .plain)
        grid.render(frame, in: DetailView.area(width: state.width, height: state.height))
        grid.render(TextView(lines: lines, offset: scroll), in: DetailView.textArea(width: state.width, height: state.height))
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// When ages turn yellow (`age.warning`) and red (`age.critical`). Documented in docs/usage.md.
public enum AgeThresholds {
    /// A running query (state active): its query age.
    public static let activeQuery = (warning: 10.0, critical: 60.0)
    /// An idle-in-transaction session: its transaction age (locks held, vacuum held back, nothing done).
    public static let idleInTransaction = (warning: 10.0, critical: 60.0)
    /// Any other open transaction.
    public static let transaction = (warning: 60.0, critical: 300.0)
    /// A backend waiting on a lock: how long it has waited (Locks pane).
    public static let lockWait = (warning: 10.0, critical: 60.0)

    /// One colour for both ages of a row: the worse of the transaction age against its limits
    /// and, for a running query, the query age against its own. Both ages change at every
    /// refresh; one style for the two keeps the terminal from being sent two colour changes per
    /// row (docs/performance.md), and the row says at a glance that something in it is old.
    static func rowRole(_ b: BackendActivity, xactAge: Double?, queryAge: Double?) -> StyleRole? {
        let xactLimits = b.isIdleInTransaction ? idleInTransaction : transaction
        let roles = [role(xactAge, xactLimits), b.isActive ? role(queryAge, activeQuery) : nil]
        if roles.contains(.ageCritical) { return .ageCritical }
        if roles.contains(.ageWarning) { return .ageWarning }
        return nil
    }

    static func role(_ age: Double?, _ limits: (warning: Double, critical: Double)) -> StyleRole? {
        guard let age else { return nil }
        if age >= limits.critical { return .ageCritical }
        if age >= limits.warning { return .ageWarning }
        return nil
    }
}

/// The role for a backend's state: idle in transaction and lock waits stand out.
func stateRole(_ b: BackendActivity) -> StyleRole {
    if b.isWaitingOnLock { return .stateWaiting }
    switch b.state {
    case "active": return .stateActive
    case "idle": return .stateIdle
    case "idle in transaction": return .stateIdleInTransaction
    case "idle in transaction (aborted)": return .stateIdleInTransactionAborted
    default: return .stateOther
    }
}

/// Pane 1: what runs, for how long, waiting on what.
public enum ActivityPane {
    /// Columns for this width and these rows. Text columns are as wide as their longest value
    /// (between the title and a cap); the query gets the rest. Application and client are added
    /// only when the query keeps at least 20 columns (a query cut shorter tells little); the
    /// detail view (Enter) always has them. The sorted column's title is underlined.
    static func columns(
        width: Int, rows: [BackendActivity], sort: ActivityColumn, now: Date
    ) -> [(ActivityColumn, PaneColumn)] {
        func fit(_ c: ActivityColumn, _ values: [String], cap: Int) -> Int {
            min(cap, max(c.title.count, values.map { DisplayWidth.of(Sanitizer.clean($0)) }.max() ?? 0))
        }
        func col(_ c: ActivityColumn, _ w: Int, _ a: TextAlignment = .left) -> (ActivityColumn, PaneColumn) {
            (c, PaneColumn(title: c.title, width: w, alignment: a))
        }
        let wide = width >= 100
        var chosen: [(ActivityColumn, PaneColumn)] = [
            col(.pid, fit(.pid, rows.map { String($0.pid) }, cap: 7), .right),
            col(.database, fit(.database, rows.map { $0.database ?? "" }, cap: wide ? 16 : 10)),
            col(.user, fit(.user, rows.map { $0.user ?? "" }, cap: wide ? 16 : 10)),
            col(.state, 9),
            col(.wait, fit(.wait, rows.map { Format.wait(type: $0.waitEventType, event: $0.waitEvent) }, cap: wide ? 20 : 14)),
            col(.xactAge, Format.ageColumnWidth(rows.map { Format.age($0.xactAge(at: now)) }), .right),
            col(.queryAge, Format.ageColumnWidth(rows.map { Format.age($0.queryAge(at: now)) }), .right),
        ]
        func used(_ cols: [(ActivityColumn, PaneColumn)]) -> Int { PaneDraw.used(cols.map(\.1.width)) }
        let minQuery = 20
        let optional: [(ActivityColumn, Int)] = [
            (.application, fit(.application, rows.map(\.application), cap: 16)),
            (.client, fit(.client, rows.map { $0.client ?? "" }, cap: 21)),
        ]
        for (c, w) in optional where width - used(chosen) - (w + 1) >= minQuery {
            let at = chosen.firstIndex { $0.0 == .state }!
            chosen.insert(col(c, w), at: at)
        }
        chosen.append(col(.query, max(1, width - used(chosen))))
        return chosen
    }

    static func cells(_ b: BackendActivity, columns: [ActivityColumn], now: Date) -> [PaneCell] {
        let xact = b.xactAge(at: now), query = b.queryAge(at: now)
        let ageStyle = Style(AgeThresholds.rowRole(b, xactAge: xact, queryAge: query) ?? .default)
        return columns.map { c in
            switch c {
            case .pid: return PaneCell(String(b.pid))
            case .database: return PaneCell(b.database ?? "")
            case .user: return PaneCell(b.user ?? "")
            case .application: return PaneCell(b.application, Style(.textDim))
            case .client: return PaneCell(b.client ?? "", Style(.textDim))
            case .state: return PaneCell(Format.state(b.state), Style(stateRole(b)))
            case .wait:
                let text = Format.wait(type: b.waitEventType, event: b.waitEvent)
                return PaneCell(text, b.isWaitingOnLock ? Style(.stateWaiting) : Style(.textDim))
            case .xactAge:
                return PaneCell(xact == nil ? "" : Format.age(xact), ageStyle)
            case .queryAge:
                return PaneCell(query == nil ? "" : Format.age(query), ageStyle)
            case .query:
                return PaneCell(b.query, b.isActive ? .plain : Style(.textDim))  // made one line by the table
            }
        }
    }

    /// "3 of 40 backends (idle hidden) · sort: query age, largest first · filter "abc"".
    static func titleDetails(_ state: AppState, shown: Int) -> String {
        let activity = state.activity
        if state.snapshot == nil, state.firstRows != nil {
            return "— first \(shown) of \(ActivityRows.total(state)) backends (oldest queries) · reading the rest..."
        }
        var parts = ["\(shown) of \(ActivityRows.total(state)) backends" + (activity.showIdle ? "" : " (idle hidden)")]
        if !activity.filter.isEmpty { parts.append("filter \"\(activity.filter)\"") }  // before what may be cut
        parts.append("sort: \(activity.sortDescription)")
        if !state.marked.isEmpty { parts.append("\(state.marked.count) marked") }
        return "— " + parts.joined(separator: " · ")
    }

    /// Draws the pane into `area` (title, column header, rows).
    static func render(_ state: AppState, area: Rect, grid: inout ScreenGrid) {
        let rows = ActivityRows.rows(state)
        PaneDraw.title("Activity", details: state.activitySnapshot == nil ? "" : titleDetails(state, shown: rows.count),
                       y: area.y, width: area.width, grid: &grid)
        let columns = columns(width: area.width, rows: rows, sort: state.activity.sortColumn,
                              now: state.activitySnapshot?.capturedAt ?? state.now)
        var list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        if let note = state.snapshot?.limitations["activity"] { PaneDraw.note(note, under: &list, leaving: 3, grid: &grid) }
        guard let snapshot = state.activitySnapshot else {
            PaneDraw.centred(waitingText(state), in: list.splitTop(1).rest, style: Style(.textDim), grid: &grid)
            return
        }
        let visible = list.height - 1
        let (sel, top) = listWindow(state.activity.selection, scroll: state.activity.scroll, keys: rows.map { [$0.pid] }, visible: visible)
        let kinds = columns.map(\.0)
        let shown = rows.dropFirst(top).prefix(visible)
        PaneDraw.table(
            columns: columns.map(\.1), rows: shown.map { cells($0, columns: kinds, now: snapshot.capturedAt) },
            rowCount: rows.count, top: top, selected: rows.isEmpty ? nil : sel.index,
            marked: { state.marked.contains(rows[$0].pid) }, sortedColumn: kinds.firstIndex(of: state.activity.sortColumn),
            area: list, grid: &grid)
        if rows.isEmpty {
            let text: String
            if !state.activity.filter.isEmpty { text = "No backend matches \"\(state.activity.filter)\" (Esc clears the filter)" }
            else if !state.activity.showIdle { text = "No active backends (i shows idle sessions)" }
            else { text = "No backends" }
            PaneDraw.centred(text, in: list.splitTop(1).rest, style: Style(.textDim), grid: &grid)
        }
    }

    static func waitingText(_ state: AppState) -> String {
        switch state.connection {
        case .reconnecting: return "No data: the server is unreachable (see the header)"
        default: return "Waiting for the first snapshot..."
        }
    }
}

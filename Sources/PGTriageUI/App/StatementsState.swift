#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// Columns of the Statements pane, in display order; `s` cycles through them. The numbers are
/// per-second rates over the last interval, or totals since the last reset (`t`).
public enum StatementColumn: Int, CaseIterable, Sendable, Hashable {
    case share, time, calls, mean, rows, hit, read, temp, wal, plan, user, database, query

    public func title(totals: Bool) -> String {
        switch self {
        case .share: return "TIME%"
        case .time: return totals ? "TOTAL" : "MS/S"
        case .calls: return totals ? "CALLS" : "CALLS/S"
        case .mean: return "MEAN"
        case .rows: return totals ? "ROWS" : "ROWS/S"
        case .hit: return "HIT%"
        case .read: return totals ? "READ" : "READ/S"
        case .temp: return totals ? "TEMP" : "TEMP/S"
        case .wal: return totals ? "WAL" : "WAL/S"
        case .plan: return totals ? "PLAN" : "PLAN/S"
        case .user: return "USER"
        case .database: return "DB"
        case .query: return "QUERY"
        }
    }

    /// The name the title line and the status line use for the sort.
    public var sortName: String {
        switch self {
        case .share: return "time share"
        case .time: return "exec time"
        case .calls: return "calls"
        case .mean: return "mean time"
        case .rows: return "rows"
        case .hit: return "hit ratio"
        case .read: return "reads"
        case .temp: return "temp written"
        case .wal: return "WAL"
        case .plan: return "plan time"
        case .user: return "user"
        case .database: return "database"
        case .query: return "query"
        }
    }

    public var isText: Bool { self == .user || self == .database || self == .query }

    /// Numbers start largest first, except the hit ratio (the worst first); text A to Z.
    var defaultDescending: Bool { !isText && self != .hit }
}

/// `Enter` on a statement: the row as last seen, so an entry that disappears stays readable.
public struct StatementDetailState: Sendable, Equatable {
    public var key: StatementKey
    public var lastSeen: StatementRow
    public var scroll: Int = 0
    /// The whole normalised text once the service has answered (`.some(nil)`: it could not).
    public var fullText: String?? = nil
    public var fullTextRequested = false
}

/// The Statements pane's own state: one property of `AppState`.
public struct StatementsState: Sendable, Equatable {
    public var sortColumn: StatementColumn = .share
    public var sortDescending = true
    /// Cumulative totals since the last reset instead of per-second rates.
    public var totals = false
    /// Show statements run inside functions (toplevel = false; pg_stat_statements 1.9+).
    public var showNested = false
    public var filter = ""
    public var cursor = ListCursor<StatementKey>()
    /// What the list's rows depend on besides the snapshot (`AppState.statementRows`).
    var rowsKey: [String] { ["\(sortColumn)", "\(sortDescending)", "\(totals)", "\(showNested)", filter] }
    public var detail: StatementDetailState?

    public init() {}

    /// "time share, largest first".
    public var sortDescription: String {
        let order = sortColumn.isText ? (sortDescending ? "Z-A" : "A-Z") : (sortDescending ? "largest first" : "smallest first")
        return "\(sortColumn.sortName), \(order)"
    }
}

extension AppState {
    /// The text the filter input edits on the current pane.
    public var editedFilter: String {
        switch pane {
        case .statements: return statements.filter
        case .bloat: return bloat.filter
        default: return filter
        }
    }

    /// The statement under the cursor on the Statements pane (the one the detail view shows,
    /// when open), e.g. for EXPLAIN from the list; nil on other panes or with no rows.
    public var selectedStatement: StatementRow? {
        guard pane == .statements else { return nil }
        if let detail = statements.detail { return StatementsPane.current(self, detail).row }
        let rows = StatementsRows.rows(self)
        let cursor = statements.cursor.resolved(in: rows.map(\.stats.key))
        return cursor.key.flatMap { key in rows.first { $0.stats.key == key } }
    }

    /// The whole text of a statement, as the service answers a `.fetchStatementText` effect.
    public mutating func receiveStatementText(key: StatementKey, text: String?) {
        guard var detail = statements.detail, detail.key == key else { return }
        detail.fullText = .some(text)
        statements.detail = detail
    }
}

/// Keys on the Statements pane (before the global key map).
enum StatementsKeys {
    /// Rows the list shows at this height (title, column header, a note line, the status line).
    static func visibleRows(_ state: AppState) -> Int { max(1, Layout.listHeight(height: state.height) - 1) }

    static func keys(_ state: AppState) -> [StatementKey] { StatementsRows.rows(state).map(\.stats.key) }

    static func handle(_ state: inout AppState, _ key: Key) -> [Effect]? {
        if state.statements.detail != nil { return detailKey(&state, key) }
        if let effects = PaneKeys.listKey(&state, key, cursor: \.statements.cursor, filter: \.statements.filter,
                                          keys: keys, visible: visibleRows(state)) {
            return effects
        }
        switch key {
        case .char("t"), .char("T"):
            state.statements.totals.toggle()
            state.status = StatusMessage(
                state.statements.totals ? "totals since the last reset (t: rates)" : "rates per second over the last interval (t: totals)",
                at: state.now)
        case .char("n"), .char("N"):
            if let section = state.snapshot?.statements, !section.distinguishesNested {
                state.status = StatusMessage(
                    "pg_stat_statements \(section.extensionVersion) does not tell nested statements apart (1.9+)",
                    kind: .error, at: state.now)
                return []
            }
            state.statements.showNested.toggle()
            state.status = StatusMessage(
                state.statements.showNested ? "nested statements shown (run inside functions)" : "top-level statements only",
                at: state.now)
        case .char("s"), .function(6):
            let all = StatementColumn.allCases
            var next = all[(state.statements.sortColumn.rawValue + 1) % all.count]
            if next == .plan, state.snapshot?.statements?.tracksPlanning != true { next = .user }
            state.statements.sortColumn = next
            state.statements.sortDescending = next.defaultDescending
            state.status = StatusMessage("sort: \(state.statements.sortDescription)", at: state.now)
        case .char("S"):
            state.statements.sortDescending.toggle()
            state.status = StatusMessage("sort: \(state.statements.sortDescription)", at: state.now)
        case .char("/"), .function(3), .function(4):
            state.filterEditing = true
        case .escape:
            state.statements.filter = ""
        case .enter:
            return openDetail(&state)
        default:
            return nil
        }
        return []
    }

    static func openDetail(_ state: inout AppState) -> [Effect] {
        let rows = StatementsRows.rows(state)
        let cursor = state.statements.cursor.resolved(in: rows.map(\.stats.key))
        guard let key = cursor.key, let row = rows.first(where: { $0.stats.key == key }) else { return [] }
        var detail = StatementDetailState(key: key, lastSeen: row)
        var effects: [Effect] = []
        if row.stats.queryIsCut {
            detail.fullTextRequested = true
            effects.append(.fetchStatementText(key))
        }
        state.statements.detail = detail
        return effects
    }

    static func detailKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var detail = state.statements.detail else { return [] }
        let page = max(1, state.height - 6)
        switch key {
        case .escape, .enter, .char("q"), .backspace, .function(10):
            state.statements.detail = nil
            return []
        case .ctrl("c"):
            state.quitting = true
            return [.quit]
        case .char("k"): detail.scroll -= 1
        case .char("?"), .function(1):
            state.helpShown = true
            return []
        default:
            guard let scrolled = DetailScroll.moved(detail.scroll, by: key, page: page) else { return [] }
            detail.scroll = scrolled
        }
        detail.scroll = max(0, min(detail.scroll, StatementsPane.maxDetailScroll(state, detail)))
        state.statements.detail = detail
        return []
    }
}

/// Routing for the panes with their own state (Statements, Bloat), and what they share.
enum PaneKeys {
    static let actionsElsewhere = "cancel and terminate act on backends: use Activity (1) or Locks (2)"

    /// What every keyed list pane does alike: the filter input while it is open, moving the
    /// selection, and refusing the backend actions. nil: the key is the pane's own business.
    static func listKey<RowKey: Hashable & Sendable>(
        _ state: inout AppState, _ key: Key, cursor: WritableKeyPath<AppState, ListCursor<RowKey>>,
        filter: WritableKeyPath<AppState, String>, keys: (AppState) -> [RowKey], visible: Int
    ) -> [Effect]? {
        func move(_ delta: Int) {
            let rowKeys = keys(state)
            state[keyPath: cursor].move(by: delta, in: rowKeys, visible: visible)
        }
        if state.filterEditing {
            let (effects, delta) = filterKey(key, text: filter, state: &state)
            if let delta { move(delta) }
            return effects
        }
        if let delta = ListCursor<RowKey>.movement(for: key, page: visible) {
            move(delta)
            return []
        }
        if isActionKey(key) {
            state.status = StatusMessage(actionsElsewhere, kind: .error, at: state.now)
            return []
        }
        return nil
    }

    /// Keys that mark, cancel or terminate on the backend panes.
    static func isActionKey(_ key: Key) -> Bool {
        switch key {
        case .char(" "), .char("c"), .char("k"), .char("K"), .function(7), .function(9): return true
        default: return false
        }
    }

    /// The status line's key hints on these panes (nil: the default ones).
    static func hints(_ state: AppState) -> [(String, String)]? {
        switch state.pane {
        case .statements:
            if state.snapshot?.statements == nil { return [("?", "help"), ("1 2 4 5", "other panes"), ("q", "quit")] }
            if state.statements.detail != nil { return [("Esc", "close"), ("↑↓", "scroll"), ("?", "help")] }
            return [("?", "help"), ("/", "filter"), ("s", "sort"), ("S", "reverse"), ("t", state.statements.totals ? "rates" : "totals"),
                    ("n", "nested"), ("Enter", "detail"), ("q", "quit")]
        case .bloat:
            if state.snapshot?.bloat == nil { return [("?", "help"), ("1 2 3 5", "other panes"), ("q", "quit")] }
            if state.bloat.detail != nil { return [("Esc", "close"), ("↑↓", "scroll"), ("x", "exact"), ("?", "help")] }
            return [("?", "help"), ("/", "filter"), ("s", "sort"), ("S", "reverse"), ("Enter", "detail"), ("x", "exact"), ("q", "quit")]
        default:
            return nil
        }
    }

    /// The pane's own keys first; nil hands the key to the global key map.
    static func handle(_ state: inout AppState, _ key: Key) -> [Effect]? {
        switch state.pane {
        case .statements: return StatementsKeys.handle(&state, key)
        case .bloat: return BloatKeys.handle(&state, key)
        default: return nil
        }
    }

    /// The incremental filter input, as on the Activity pane: type to filter live, Enter keeps,
    /// Esc clears, Backspace deletes, Ctrl-U empties, arrows move the selection.
    /// Returns the effects and how far to move the selection.
    static func filterKey(_ key: Key, text: WritableKeyPath<AppState, String>, state: inout AppState) -> ([Effect], Int?) {
        let page = Layout.listHeight(height: state.height)
        switch key {
        case .char(let c): state[keyPath: text].append(c)
        case .backspace, .delete: if !state[keyPath: text].isEmpty { state[keyPath: text].removeLast() }
        case .ctrl("u"): state[keyPath: text] = ""
        case .enter: state.filterEditing = false
        case .escape:
            state[keyPath: text] = ""
            state.filterEditing = false
        case .up: return ([], -1)
        case .down: return ([], 1)
        case .pageUp: return ([], -page)
        case .pageDown: return ([], page)
        case .ctrl("c"):
            state.quitting = true
            return ([.quit], nil)
        default: break
        }
        return ([], nil)
    }
}

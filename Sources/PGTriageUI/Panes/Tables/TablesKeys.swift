#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The Tables pane as the app sees it: its keys, its part of the scope, its rows.
extension TablesPane: PaneFeature {
    static let pane = Pane.tables

    /// The list starts below the horizon and attention lines.
    static func visibleRows(_ state: AppState) -> Int { max(1, Layout.listHeight(height: state.height) - 3) }

    static func selectedKey(_ state: AppState) -> String? {
        state.tables.cursor.resolved(in: TablesRows.keys(state)).key
    }

    static func selectedTable(_ state: AppState) -> TableStats? {
        guard state.tables.view == .tables, let key = selectedKey(state) else { return nil }
        return state.tables.rows.first { TablesRows.key($0) == key }
    }

    static func selectedHolder(_ state: AppState) -> HorizonHolder? {
        guard state.tables.view == .holders, let key = selectedKey(state) else { return nil }
        return state.tables.holders.first { TablesRows.key($0) == key }
    }

    /// The backend to show on Activity: the holder's, or the running command's.
    static func backendPid(_ state: AppState) -> Int32? {
        switch state.tables.view {
        case .holders:
            guard let holder = selectedHolder(state), holder.kind == .backend || holder.kind == .standby else { return nil }
            return holder.pid
        case .maintenance:
            guard let key = selectedKey(state) else { return nil }
            return state.tables.maintenance.first { TablesRows.key($0) == key }?.pid
        case .tables, .sequences:
            return nil
        }
    }

    /// Activity with that backend selected; idle sessions listed when it would be hidden.
    static func showOnActivity(_ state: inout AppState, pid: Int32) {
        state.pane = .activity
        if let backend = state.snapshot?.backend(pid: pid), backend.isIdleLike, !state.activity.showIdle {
            state.activity.showIdle = true
        } else if state.snapshot?.backend(pid: pid) == nil {
            state.activity.showIdle = true  // not listed: an idle session the refresh left out
        }
        state.activity.selection = RowSelection(key: [pid], index: 0)
        state.status = StatusMessage("backend \(pid) on Activity", at: state.now)
    }

    static let listLayer = KeyLayer("Tables", ListKeys.movement(
        page: { visibleRows($0) },
        move: { state, delta in moveSelection(&state, by: delta) }
    ) + [
        KeyBinding([.char("v"), .char("V")], "v", help: "tables/holders/seqs/jobs", hint: "view") { state, _ in
            let all = TablesView.allCases
            state.tables.view = all[(state.tables.view.rawValue + 1) % all.count]
            state.tables.cursor = ListCursor()
            state.status = StatusMessage("showing \(state.tables.view.name)", at: state.now)
            return []
        },
        KeyBinding([.enter], "Enter", help: "table detail / backend", hint: "detail") { state, _ in
            if let row = selectedTable(state) {
                state.tables.detail = TablesDetailState(oid: row.oid, lastSeen: row)
            } else if let pid = backendPid(state) {
                showOnActivity(&state, pid: pid)
            } else {
                state.status = StatusMessage("Enter: this row has no detail view (it shows all there is)", at: state.now)
            }
            return []
        },
        KeyBinding([.char("a"), .char("A")], "a", help: "its backend on Activity") { state, _ in
            guard let pid = backendPid(state) else {
                state.status = StatusMessage("a: select a backend holder (v) or a running command", kind: .error, at: state.now)
                return []
            }
            showOnActivity(&state, pid: pid)
            return []
        },
        ListKeys.openFilter,
        KeyBinding([.escape], "Esc", help: "clear the filter") { state, _ in
            state.tables.filter = ""
            return []
        },
    ] + ListKeys.sorting(
        \AppState.tables.sort, descending: \AppState.tables.sortDescending,
        defaultDescending: { $0.defaultDescending }, describe: { $0.tables.sortDescription }
    ) + [
        BackendActions.refusedElsewhere,
    ])

    /// Enter on a table: every figure and the thresholds with the formula's inputs.
    static let detailLayer = DetailKeys.layer("Table detail (Enter)", DetailKeys.Access(
        scroll: { $0.tables.detail?.scroll ?? 0 },
        setScroll: { state, to in state.tables.detail?.scroll = to },
        maxScroll: { state in state.tables.detail.map { maxDetailScroll(state, $0) } ?? 0 },
        close: { $0.tables.detail = nil }
    ), actions: [])

    static func keyLayers(_ state: AppState) -> [KeyLayer] {
        if state.tables.detail != nil { return [detailLayer] }
        // Also before the section's first read: a key typed right after the pane's (`8v`) is
        // not lost (every binding finds no row to act on, or sets what the list will show). Not
        // when the section cannot be had: the pane then shows why, and no list.
        return state.snapshot?.unavailable["tables"] != nil ? [] : [listLayer]
    }

    static let helpLayers = [listLayer, detailLayer]

    static var filter: (WritableKeyPath<AppState, String> & Sendable)? { \AppState.tables.filter }

    static func renderOverlays(_ state: AppState, grid: inout ScreenGrid) {
        if let detail = state.tables.detail { renderDetail(state, detail, grid: &grid) }
    }

    static func scope(_ state: AppState, into scope: inout SnapshotScope) {
        scope.sections.insert(.tables)
    }

    static func moveSelection(_ state: inout AppState, by delta: Int) {
        state.tables.cursor.move(by: delta, in: TablesRows.keys(state), visible: visibleRows(state))
    }

    static func rebuildRows(_ state: inout AppState) {
        TablesRows.build(&state)
    }
}

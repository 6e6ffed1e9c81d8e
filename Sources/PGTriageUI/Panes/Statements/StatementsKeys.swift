#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The Statements pane as the app sees it: its keys, its part of the scope, its rows.
extension StatementsPane: PaneFeature {
    static let pane = Pane.statements

    /// Rows the list shows at this height (title, column header, a note line, the status line).
    static func visibleRows(_ state: AppState) -> Int { max(1, Layout.listHeight(height: state.height) - 1) }

    static func keys(_ state: AppState) -> [StatementKey] { StatementsRows.rows(state).keys }

    static let listLayer = KeyLayer("Statements", ListKeys.movement(
        page: { visibleRows($0) },
        move: { state, delta in moveSelection(&state, by: delta) }
    ) + [
        KeyBinding([.enter], "Enter", help: "detail: text, figures", hint: "detail") { state, _ in openDetail(&state) },
        ListKeys.openFilter,
        KeyBinding([.escape], "Esc", help: "clear the filter") { state, _ in
            state.statements.filter = ""
            return []
        },
    ] + ListKeys.sorting(
        \AppState.statements.sortColumn, descending: \AppState.statements.sortDescending,
        defaultDescending: { $0.defaultDescending },
        skip: { state, column in column == .plan && state.snapshot?.statements?.tracksPlanning != true },
        describe: { $0.statements.sortDescription }
    ) + [
        KeyBinding([.char("t"), .char("T")], "t", help: "totals / rates per second", hint: "totals") { state, _ in
            state.statements.totals.toggle()
            state.status = StatusMessage(
                state.statements.totals ? "totals since the last reset (t: rates)" : "rates per second over the last interval (t: totals)",
                at: state.now)
            return []
        },
        KeyBinding([.char("n"), .char("N")], "n", help: "show nested statements") { state, _ in
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
            return []
        },
        KeyBinding([.char("o"), .char("O")], "o", help: "show pgtriage's own") { state, _ in
            state.statements.showOwn.toggle()
            state.status = StatusMessage(
                state.statements.showOwn ? "pgtriage's own statements shown" : "pgtriage's own statements hidden", at: state.now)
            return []
        },
        KeyBinding([.char("e")], "e", help: "EXPLAIN it (generic plan)", hint: "explain") { state, _ in
            ExplainFlow.explainSelectedStatement(&state)
        },
        KeyBinding([.char("a")], "a", help: "EXPLAIN ANALYZE (values)") { state, _ in
            ExplainFlow.analyzeSelectedStatement(&state)
        },
        BackendActions.refusedElsewhere,
    ])

    /// Enter on a statement: every figure and the whole text (read when the list has it cut).
    static let detailLayer = DetailKeys.layer("Statement detail (Enter)", DetailKeys.Access(
        scroll: { $0.statements.detail?.scroll ?? 0 },
        setScroll: { state, to in state.statements.detail?.scroll = to },
        maxScroll: { state in state.statements.detail.map { maxDetailScroll(state, $0) } ?? 0 },
        close: { $0.statements.detail = nil }
    ), actions: [
        KeyBinding([.char("e")], "e", help: "EXPLAIN it (generic plan)", hint: "explain") { state, _ in
            ExplainFlow.explainSelectedStatement(&state)
        },
        KeyBinding([.char("a")], "a", help: "EXPLAIN ANALYZE (values)") { state, _ in
            ExplainFlow.analyzeSelectedStatement(&state)
        },
    ])

    static func keyLayers(_ state: AppState) -> [KeyLayer] {
        if state.statements.detail != nil { return [detailLayer] }
        // Without pg_stat_statements there is no list: only the global keys.
        // Also before the section's first read: a key typed right after the pane's (`8v`) is
        // not lost (every binding finds no row to act on, or sets what the list will show). Not
        // when the section cannot be had: the pane then shows why, and no list.
        return state.snapshot?.unavailable["statements"] != nil ? [] : [listLayer]
    }

    static let helpLayers = [listLayer, detailLayer]

    static var filter: (WritableKeyPath<AppState, String> & Sendable)? { \AppState.statements.filter }

    static func renderOverlays(_ state: AppState, grid: inout ScreenGrid) {
        if let detail = state.statements.detail { renderDetail(state, detail, grid: &grid) }
    }

    static func scope(_ state: AppState, into scope: inout SnapshotScope) {
        scope.statements = true
    }

    static func moveSelection(_ state: inout AppState, by delta: Int) {
        state.statements.cursor.move(by: delta, in: keys(state), visible: visibleRows(state))
    }

    static func rebuildRows(_ state: inout AppState) {
        state.statements.rows = StatementsRows.build(state)
    }

    static func openDetail(_ state: inout AppState) -> [Effect] {
        let rows = StatementsRows.rows(state)
        let cursor = state.statements.cursor.resolved(in: rows.keys)
        guard let key = cursor.key, rows.indices.contains(cursor.index) else { return [] }
        let row = rows[cursor.index]
        var detail = StatementDetailState(key: key, lastSeen: row)
        var effects: [Effect] = []
        if row.stats.queryIsCut {
            detail.fullTextRequested = true
            effects.append(.fetchStatementText(key))
        }
        state.statements.detail = detail
        return effects
    }
}

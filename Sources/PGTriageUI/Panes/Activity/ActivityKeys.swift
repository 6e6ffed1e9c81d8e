#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The Activity pane as the app sees it: its keys, its part of the scope, its rows.
extension ActivityPane: PaneFeature {
    static let pane = Pane.activity

    static let listLayer = KeyLayer("Activity", ListKeys.movement(
        page: { Layout.listHeight(height: $0.height) },
        move: { state, delta in moveSelection(&state, by: delta) }
    ) + [ListKeys.openFilter] + ListKeys.sorting(
        \AppState.activity.sortColumn, descending: \AppState.activity.sortDescending,
        defaultDescending: { $0.defaultDescending }, describe: { $0.activity.sortDescription }
    ) + [
        KeyBinding([.char("i"), .char("I")], "i", help: "show / hide idle sessions") { state, _ in
            state.activity.showIdle.toggle()
            state.status = StatusMessage(state.activity.showIdle ? "idle sessions shown" : "idle sessions hidden", at: state.now)
            return []
        },
        KeyBinding([.escape], "Esc", help: "clear filter, then marks") { state, _ in
            if !state.activity.filter.isEmpty { state.activity.filter = "" } else { BackendActions.clearMarks(&state) }
            return []
        },
    ] + BackendActions.listBindings)

    static func keyLayers(_ state: AppState) -> [KeyLayer] {
        state.detail != nil ? [BackendActions.detailLayer] : [listLayer]
    }

    static let helpLayers = [listLayer, BackendActions.detailLayer]

    static var filter: (WritableKeyPath<AppState, String> & Sendable)? { \AppState.activity.filter }

    static func renderOverlays(_ state: AppState, grid: inout ScreenGrid) {
        if let detail = state.detail { DetailView.render(state, detail, grid: &grid) }
    }

    static func scope(_ state: AppState, into scope: inout SnapshotScope) {
        scope.idleSessions = state.activity.showIdle
    }

    static func keys(_ state: AppState) -> [[Int32]] { ActivityRows.rows(state).map { [$0.pid] } }

    static func moveSelection(_ state: inout AppState, by delta: Int) {
        state.activity.selection = BackendList.move(state.activity.selection, by: delta, in: keys(state))
    }

    static func selectedPid(_ state: AppState) -> Int32? { state.activity.selection.pid }

    static func rebuildRows(_ state: inout AppState) {
        state.activity.rows = ActivityRows.build(state)
    }

    static func normalize(_ state: inout AppState) {
        let window = listWindow(state.activity.selection, scroll: state.activity.scroll, keys: keys(state),
                                visible: Layout.listHeight(height: state.height))
        state.activity.selection = window.selection
        state.activity.scroll = window.top
    }
}

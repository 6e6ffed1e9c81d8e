import PGTriageCore

extension Pane {
    static let locks = Pane(id: "locks", title: "Locks", shortTitle: "Lock")
}

/// The Locks pane's own state: one property of `AppState`. Its rows are the snapshot's
/// blocking forest, flattened (`LockRows`).
public struct LocksState: Sendable, Equatable {
    public var selection = RowSelection()
    /// First row shown.
    public var scroll = 0
    /// Trees with a matching backend are shown whole (`/`).
    public var filter = ""
    public init() {}
}

/// The Locks pane as the app sees it: a tree of backends, with the backend keys.
extension LocksPane: PaneFeature {
    static let pane = Pane.locks

    static let listLayer = KeyLayer("Locks", ListKeys.movement(
        page: { Layout.listHeight(height: $0.height) },
        move: { state, delta in moveSelection(&state, by: delta) }
    ) + BackendActions.listBindings + [
        ListKeys.openFilter,
        KeyBinding([.escape], "Esc", help: "clear filter, then marks") { state, _ in
            if !state.locks.filter.isEmpty { state.locks.filter = "" } else { BackendActions.clearMarks(&state) }
            return []
        },
    ])

    static func keyLayers(_ state: AppState) -> [KeyLayer] {
        state.detail != nil ? [BackendActions.detailLayer] : [listLayer]
    }

    static let helpLayers = [listLayer, BackendActions.detailLayer]

    /// The tree names what each waiter waits for (the lock's mode and relation).
    static func scope(_ state: AppState, into scope: inout SnapshotScope) {
        scope.lockWaits = true
    }

    static func renderOverlays(_ state: AppState, grid: inout ScreenGrid) {
        if let detail = state.detail { DetailView.render(state, detail, grid: &grid) }
    }

    static var filter: (WritableKeyPath<AppState, String> & Sendable)? { \AppState.locks.filter }

    static func keys(_ state: AppState) -> [[Int32]] { LockRows.shown(state).map(\.path) }

    static func moveSelection(_ state: inout AppState, by delta: Int) {
        state.locks.selection = BackendList.move(state.locks.selection, by: delta, in: keys(state))
    }

    static func selectedPid(_ state: AppState) -> Int32? { state.locks.selection.pid }

    static func normalize(_ state: inout AppState) {
        let window = listWindow(state.locks.selection, scroll: state.locks.scroll, keys: keys(state),
                                visible: Layout.listHeight(height: state.height))
        state.locks.selection = window.selection
        state.locks.scroll = window.top
    }
}

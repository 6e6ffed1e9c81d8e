import PGTriageCore

/// The Replication pane as the app sees it: its keys, its part of the scope, its rows.
extension ReplicationPane: PaneFeature {
    static let pane = Pane.replication

    /// The list starts below the two summary lines.
    static func visibleRows(_ state: AppState) -> Int { max(1, Layout.listHeight(height: state.height) - 3) }

    static func selectedKey(_ state: AppState) -> String? {
        state.replication.cursor.resolved(in: ReplicationRows.keys(state)).key
    }

    static let listLayer = KeyLayer("Replication", ListKeys.movement(
        page: { visibleRows($0) },
        move: { state, delta in moveSelection(&state, by: delta) }
    ) + [
        KeyBinding([.char("v"), .char("V")], "v", help: "standbys / slots", hint: "view") { state, _ in
            let all = ReplicationView.allCases
            state.replication.view = all[(state.replication.view.rawValue + 1) % all.count]
            state.replication.cursor = ListCursor()
            state.status = StatusMessage("showing \(state.replication.view.name)", at: state.now)
            return []
        },
        KeyBinding([.enter], "Enter", help: "standby or slot detail", hint: "detail") { state, _ in
            guard let key = selectedKey(state) else { return [] }
            switch state.replication.view {
            case .standbys:
                if let row = state.replication.standbys.first(where: { ReplicationRows.key($0) == key }) {
                    state.replication.detail = ReplicationDetailState(lastSeen: .standby(row))
                }
            case .slots:
                if let slot = state.replication.slots.first(where: { ReplicationRows.key($0) == key }) {
                    state.replication.detail = ReplicationDetailState(lastSeen: .slot(slot))
                }
            }
            return []
        },
        ListKeys.openFilter,
        KeyBinding([.escape], "Esc", help: "clear the filter") { state, _ in
            state.replication.filter = ""
            return []
        },
        BackendActions.refusedElsewhere,
    ])

    static let detailLayer = DetailKeys.layer("Standby or slot detail (Enter)", DetailKeys.Access(
        scroll: { $0.replication.detail?.scroll ?? 0 },
        setScroll: { state, to in state.replication.detail?.scroll = to },
        maxScroll: { state in state.replication.detail.map { maxDetailScroll(state, $0) } ?? 0 },
        close: { $0.replication.detail = nil }
    ), actions: [])

    static func keyLayers(_ state: AppState) -> [KeyLayer] {
        if state.replication.detail != nil { return [detailLayer] }
        // Also before the section's first read: a key typed right after the pane's (`8v`) is
        // not lost (every binding finds no row to act on, or sets what the list will show). Not
        // when the section cannot be had: the pane then shows why, and no list.
        return state.snapshot?.unavailable["replication"] != nil ? [] : [listLayer]
    }

    static let helpLayers = [listLayer, detailLayer]

    static var filter: (WritableKeyPath<AppState, String> & Sendable)? { \AppState.replication.filter }

    static func renderOverlays(_ state: AppState, grid: inout ScreenGrid) {
        if let detail = state.replication.detail { renderDetail(state, detail, grid: &grid) }
    }

    static func scope(_ state: AppState, into scope: inout SnapshotScope) {
        scope.sections.insert(.replication)
    }

    static func moveSelection(_ state: inout AppState, by delta: Int) {
        state.replication.cursor.move(by: delta, in: ReplicationRows.keys(state), visible: visibleRows(state))
    }

    static func rebuildRows(_ state: inout AppState) {
        ReplicationRows.build(&state)
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The Bloat pane as the app sees it: its keys, its part of the scope, its rows.
extension BloatPane: PaneFeature {
    static let pane = Pane.bloat

    static func visibleRows(_ state: AppState) -> Int { max(1, Layout.listHeight(height: state.height) - 1) }

    static func keys(_ state: AppState) -> [UInt32] { BloatRows.rows(state).map(\.oid) }

    static func selected(_ state: AppState) -> RelationBloat? {
        let rows = BloatRows.rows(state)
        let cursor = state.bloat.cursor.resolved(in: rows.map(\.oid))
        return cursor.key.flatMap { key in rows.first { $0.oid == key } }
    }

    static let exactBinding = KeyBinding([.char("x"), .char("X")], "x", help: "exact figures, pgstattuple", hint: "exact") { state, _ in
        askExact(&state)
    }

    static let listLayer = KeyLayer("Bloat", ListKeys.movement(
        page: { visibleRows($0) },
        move: { state, delta in moveSelection(&state, by: delta) }
    ) + [
        KeyBinding([.enter], "Enter", help: "detail: figures, vacuum", hint: "detail") { state, _ in
            if let row = selected(state) { state.bloat.detail = BloatDetailState(oid: row.oid, lastSeen: row) }
            return []
        },
        ListKeys.openFilter,
        KeyBinding([.escape], "Esc", help: "stop exact read / filter") { state, _ in
            if case .running = state.bloat.exact {
                state.bloat.exact = nil
                state.status = StatusMessage("exact figures cancelled", at: state.now)
                return [.cancelExactBloat]
            }
            state.bloat.filter = ""
            return []
        },
    ] + ListKeys.sorting(
        \AppState.bloat.sort, descending: \AppState.bloat.sortDescending,
        defaultDescending: { $0.defaultDescending }, describe: { $0.bloat.sortDescription }
    ) + [
        exactBinding,
        KeyBinding([.char("o"), .char("O")], "o", help: "show system catalogs") { state, _ in
            state.bloat.showSystem.toggle()
            state.status = StatusMessage(
                state.bloat.showSystem ? "system catalogs shown" : "system catalogs hidden (pg_catalog, information_schema)",
                at: state.now)
            return []
        },
        BackendActions.refusedElsewhere,
    ])

    /// Enter on a relation: every figure, its vacuum history, exact figures once read.
    static let detailLayer = DetailKeys.layer("Relation detail (Enter)", DetailKeys.Access(
        scroll: { $0.bloat.detail?.scroll ?? 0 },
        setScroll: { state, to in state.bloat.detail?.scroll = to },
        maxScroll: { state in state.bloat.detail.map { maxDetailScroll(state, $0) } ?? 0 },
        close: { $0.bloat.detail = nil }
    ), actions: [exactBinding])

    /// `x` asks first: pgstattuple reads the whole relation.
    static let exactConfirmation = KeyLayer("Exact figures", [
        KeyBinding([.char("y"), .char("Y")], "y", help: "read it") { state, _ in
            guard case .confirming(let oid, let name) = state.bloat.exact else { return [] }
            state.bloat.exact = .running(oid: oid, name: name)
            state.status = StatusMessage("reading \(name) with pgstattuple...", at: state.now)
            return [.fetchExactBloat(oid: oid)]
        },
    ], otherKeys: .handle { state, _ in
        state.bloat.exact = nil
        state.status = StatusMessage("exact figures not read", at: state.now)
        return []
    })

    static func keyLayers(_ state: AppState) -> [KeyLayer] {
        if case .confirming = state.bloat.exact { return [exactConfirmation] }
        if state.bloat.detail != nil { return [detailLayer] }
        // Also before the section's first read: a key typed right after the pane's (`8v`) is
        // not lost (every binding finds no row to act on, or sets what the list will show). Not
        // when the section cannot be had: the pane then shows why, and no list.
        return state.snapshot?.unavailable["bloat"] != nil ? [] : [listLayer]
    }

    static let helpLayers = [listLayer, detailLayer]

    static var filter: (WritableKeyPath<AppState, String> & Sendable)? { \AppState.bloat.filter }

    static func renderOverlays(_ state: AppState, grid: inout ScreenGrid) {
        if let detail = state.bloat.detail { renderDetail(state, detail, grid: &grid) }
    }

    static func scope(_ state: AppState, into scope: inout SnapshotScope) {
        scope.bloat = true
    }

    static func moveSelection(_ state: inout AppState, by delta: Int) {
        state.bloat.cursor.move(by: delta, in: keys(state), visible: visibleRows(state))
    }

    static func rebuildRows(_ state: inout AppState) {
        state.bloat.rows = BloatRows.build(state)
    }

    /// `x`: exact figures for the selected relation, after a confirmation (it reads the relation).
    static func askExact(_ state: inout AppState) -> [Effect] {
        guard let row = selected(state) ?? state.bloat.detail?.lastSeen else { return [] }
        if case .running = state.bloat.exact {
            state.status = StatusMessage("exact figures are being read already (Esc stops waiting)", kind: .error, at: state.now)
            return []
        }
        state.bloat.exact = .confirming(oid: row.oid, name: row.qualifiedName)
        return []
    }
}

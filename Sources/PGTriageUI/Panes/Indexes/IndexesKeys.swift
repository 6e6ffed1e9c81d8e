#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The Indexes pane as the app sees it: its keys, its part of the scope, its rows.
extension IndexesPane: PaneFeature {
    static let pane = Pane.indexes

    static func visibleRows(_ state: AppState) -> Int { max(1, Layout.listHeight(height: state.height) - 2) }

    static func selectedIndex(_ state: AppState) -> IndexHealth? {
        let rows = state.indexes.rows
        let cursor = state.indexes.cursor.resolved(in: state.indexes.rowIDs)
        return cursor.key.flatMap { key in rows.first { $0.id == key } }
    }

    static func selectedForeignKey(_ state: AppState) -> MissingFKIndex? {
        let rows = state.indexes.foreignKeyRows
        let cursor = state.indexes.foreignKeyCursor.resolved(in: rows.map(\.id))
        return cursor.key.flatMap { key in rows.first { $0.id == key } }
    }

    /// The row the copy key acts on: the detail's, else the selected one.
    static func target(_ state: AppState) -> IndexesDetailRow? {
        if let detail = state.indexes.detail { return detail.row }
        if state.indexes.list == .foreignKeys { return selectedForeignKey(state).map { .foreignKey($0) } }
        return selectedIndex(state).map { .index($0) }
    }

    /// The text `w` copies: the fix, then its undo, as comments say.
    static func clipboardText(_ row: IndexesDetailRow) -> String? {
        switch row {
        case .index(let r):
            guard let fix = r.fixSQL else { return nil }
            let undo = r.undoSQL.map { "-- undo\n\($0)\n" } ?? r.definitionNotReadBecause.map { "-- undo: definition not read: \($0)\n" } ?? ""
            return "-- fix \(r.qualifiedName)\n\(fix)\n" + undo
        case .foreignKey(let fk):
            return "-- index for foreign key \(fk.constraint)\n\(fk.fixSQL)\n-- undo\n\(fk.undoSQL)\n"
        }
    }

    static let copyBinding = KeyBinding([.char("w"), .char("W")], "w", help: "copy fix SQL (OSC 52)", hint: "copy SQL") { state, _ in
        guard let row = target(state) else { return [] }
        guard let text = clipboardText(row) else {
            state.status = StatusMessage("nothing to fix here: no finding, no SQL to copy", kind: .error, at: state.now)
            return []
        }
        return [.copyToClipboard(text)]
    }

    static let listLayer = KeyLayer("Indexes", ListKeys.movement(
        page: { visibleRows($0) },
        move: { state, delta in moveSelection(&state, by: delta) }
    ) + [
        KeyBinding([.enter], "Enter", help: "detail: figures, fix SQL", hint: "detail") { state, _ in
            if let row = target(state) { state.indexes.detail = IndexesDetailState(row: row) }
            return []
        },
        ListKeys.openFilter,
        KeyBinding([.escape], "Esc", help: "clear the filter") { state, _ in
            state.indexes.filter = ""
            return []
        },
    ] + ListKeys.sorting(
        \AppState.indexes.sort, descending: \AppState.indexes.sortDescending,
        defaultDescending: { $0.defaultDescending }, describe: { $0.indexes.sortDescription }
    ) + [
        KeyBinding([.char("f"), .char("F")], "f", help: "FKs without an index / all", hint: "FKs") { state, _ in
            state.indexes.list = state.indexes.list == .indexes ? .foreignKeys : .indexes
            state.status = StatusMessage(state.indexes.list == .indexes ? "indexes" : "foreign keys without an index", at: state.now)
            return []
        },
        KeyBinding([.char("a"), .char("A")], "a", help: "flagged only / all indexes") { state, _ in
            state.indexes.flaggedOnly.toggle()
            state.status = StatusMessage(state.indexes.flaggedOnly ? "only indexes with a finding" : "all indexes", at: state.now)
            return []
        },
        copyBinding,
        BackendActions.refusedElsewhere,
    ])

    static let detailLayer = DetailKeys.layer("Index detail (Enter)", DetailKeys.Access(
        scroll: { $0.indexes.detail?.scroll ?? 0 },
        setScroll: { state, to in state.indexes.detail?.scroll = to },
        maxScroll: { state in state.indexes.detail.map { maxDetailScroll(state, $0) } ?? 0 },
        close: { $0.indexes.detail = nil }
    ), actions: [copyBinding])

    static func keyLayers(_ state: AppState) -> [KeyLayer] {
        if state.indexes.detail != nil { return [detailLayer] }
        // Also before the section's first read: a key typed right after the pane's (`8v`) is
        // not lost (every binding finds no row to act on, or sets what the list will show). Not
        // when the section cannot be had: the pane then shows why, and no list.
        return state.snapshot?.unavailable["indexes"] != nil ? [] : [listLayer]
    }

    static let helpLayers = [listLayer, detailLayer]

    static var filter: (WritableKeyPath<AppState, String> & Sendable)? { \AppState.indexes.filter }

    static func renderOverlays(_ state: AppState, grid: inout ScreenGrid) {
        if let detail = state.indexes.detail { renderDetail(state, detail, grid: &grid) }
    }

    static func scope(_ state: AppState, into scope: inout SnapshotScope) {
        scope.sections.insert(.indexes)
    }

    static func moveSelection(_ state: inout AppState, by delta: Int) {
        if state.indexes.list == .foreignKeys {
            state.indexes.foreignKeyCursor.move(by: delta, in: state.indexes.foreignKeyRows.map(\.id), visible: visibleRows(state))
        } else {
            state.indexes.cursor.move(by: delta, in: state.indexes.rowIDs, visible: visibleRows(state))
        }
    }

    /// A new read (its server time differs), rated against the one before it unless the service
    /// rated it; then the rows,
    /// unless they were built from this read with this `rowsKey` already.
    static func rebuildRows(_ state: inout AppState) {
        let incoming = state.snapshot?.indexes
        if incoming?.capturedAt != state.indexes.section?.capturedAt || incoming?.database != state.indexes.section?.database {
            state.indexes.section = incoming.map { $0.rated(since: state.indexes.section) }
        }
        let source = RowsSource(capturedAt: state.indexes.section?.capturedAt, database: state.indexes.section?.database,
                                key: state.indexes.rowsKey)
        guard source != state.indexes.rowsSource else { return }
        state.indexes.rowsSource = source
        let rows = IndexesRows.build(state)
        state.indexes.rows = rows
        state.indexes.rowIDs = rows.map(\.id)
        state.indexes.longestTable = rows.lazy.map { DisplayWidth.of(Sanitizer.clean($0.qualifiedTable)) }.max() ?? 5
        state.indexes.longestIndex = rows.lazy.map { DisplayWidth.of(Sanitizer.clean($0.name)) }.max() ?? 5
        state.indexes.foreignKeyRows = IndexesRows.buildForeignKeys(state)
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// Pane 2: who blocks whom, as a tree. Roots (they block others and wait for nobody) come in the
/// forest's order: most backends held up first, then the oldest.
public enum LocksPane {
    /// The marker shown instead of a lock for a root, in the WAITING FOR column.
    static let idleInTransactionRoot = "IDLE IN XACT (culprit)"

    /// Whether the STATE column fits: below 100 columns the WAITING FOR column says what matters
    /// (the root's "IDLE IN XACT", the lock a waiter wants) and the query keeps the room.
    static func showsState(width: Int) -> Bool { width >= 100 }

    /// Columns for this width: tree and user as wide as their values (capped), the lock up to
    /// 22 columns at 80 (more when wider), the query gets the rest.
    static func columns(width: Int, rows: [LockRow], snapshot: Snapshot) -> [PaneColumn] {
        let wide = width >= 100
        // Each row's backend found and its cells made once, for every width below.
        let backends = rows.map { snapshot.backend(pid: $0.pid) }
        let shown = zip(rows, backends).map { cells($0, backend: $1, now: snapshot.capturedAt) }
        let users = backends.map { $0?.user ?? "?" }
        let userWidth = min(wide ? 16 : 8, max(4, users.map { DisplayWidth.of(Sanitizer.clean($0)) }.max() ?? 0))
        let locks = zip(backends, shown).map { backend, cells in backend == nil ? 0 : DisplayWidth.of(cells[3].text) }
        let waiting = min(wide ? 40 : 22, max(11, locks.max() ?? 0))
        var cols = [
            PaneColumn(title: "PID", width: treeWidth(rows)),
            PaneColumn(title: "USER", width: userWidth),
            PaneColumn(title: "STATE", width: 9),
            PaneColumn(title: "WAITING FOR", width: waiting),
            PaneColumn(title: "AGE", width: Format.ageColumnWidth(shown.map { $0[4].text }), alignment: .right),
            PaneColumn(title: "HELD", width: 4, alignment: .right),
        ]
        if !showsState(width: width) { cols.remove(at: stateColumn) }
        let used = PaneDraw.used(cols.map(\.width))
        cols.append(PaneColumn(title: "QUERY", width: max(1, width - used)))
        return cols
    }

    /// Where STATE is among the cells of a row.
    static let stateColumn = 2

    /// The tree column: wide enough for the deepest row, at most 24 columns.
    static func treeWidth(_ rows: [LockRow]) -> Int {
        let widest = rows.map { DisplayWidth.of($0.prefix) + String($0.pid).count }.max() ?? 0
        return min(24, max(3, widest))
    }

    static func cells(_ row: LockRow, backend b: BackendActivity?, now: Date) -> [PaneCell] {
        let pidText = row.prefix + String(row.pid)
        let pidStyle = row.isRoot ? Style(.treeRoot, [.bold]) : Style(.treeBlocked)
        guard let b else {
            return [PaneCell(pidText, pidStyle, oneLine: false), PaneCell("?", Style(.textDim)), PaneCell("?", Style(.textDim)),
                    PaneCell(row.isRoot ? "not visible to our role" : "?", Style(.textDim)), PaneCell(""),
                    PaneCell(row.isRoot ? String(row.heldUp) : ""), PaneCell("")]
        }
        let waiting: PaneCell
        let age: Double?
        let ageRole: StyleRole?
        if row.isRoot && !row.inCycle {
            if b.isIdleInTransaction {
                waiting = PaneCell(idleInTransactionRoot, Style(.stateIdleInTransaction, [.bold]))
            } else {
                waiting = PaneCell("holds the lock", Style(.treeRoot))
            }
            age = b.xactAge(at: now) ?? b.stateAge(at: now)
            let limits = b.isIdleInTransaction ? AgeThresholds.idleInTransaction : AgeThresholds.transaction
            ageRole = AgeThresholds.role(age, limits)
        } else {
            let lock = b.lockWait?.summary
                ?? (Format.wait(type: b.waitEventType, event: b.waitEvent).isEmpty
                    ? "waits" : Format.wait(type: b.waitEventType, event: b.waitEvent))
            waiting = row.inCycle
                ? PaneCell("CYCLE: " + lock, Style(.ageCritical, [.bold]))
                : PaneCell(lock, Style(.stateWaiting))
            age = b.stateAge(at: now)
            ageRole = AgeThresholds.role(age, AgeThresholds.lockWait)
        }
        return [
            PaneCell(pidText, pidStyle, oneLine: false),
            PaneCell(b.user ?? ""),
            PaneCell(Format.state(b.state), Style(stateRole(b))),
            waiting,
            PaneCell(age == nil ? "" : Format.age(age), Style(ageRole ?? .default)),
            PaneCell(row.isRoot ? String(row.heldUp) : "", Style(.treeRoot)),
            PaneCell(b.query, b.isActive ? .plain : Style(.textDim)),  // made one line by the table
        ]
    }

    static func render(_ state: AppState, area: Rect, grid: inout ScreenGrid) {
        guard let snapshot = state.snapshot else {
            PaneDraw.title("Locks", details: "", y: area.y, width: area.width, grid: &grid)
            let list = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
            PaneDraw.centred(ActivityPane.waitingText(state), in: list, style: Style(.textDim), grid: &grid)
            return
        }
        let forest = snapshot.blocking
        let all = LockRows.rows(forest)
        let rows = LockRows.filtered(all, snapshot: snapshot, filter: state.locks.filter)
        // Backends that wait: every row but the roots that wait for nobody (a cycle's root waits too).
        let blocked = Set(all.filter { !$0.isRoot || $0.inCycle }.map(\.pid)).count
        var details = "— \(blocked) blocked"
        if !forest.roots.isEmpty {
            details += " by \(forest.roots.count) root" + (forest.roots.count == 1 ? "" : "s")
        }
        if forest.roots.contains(where: \.inCycle) { details += " · CYCLE (deadlock in the making)" }
        if !state.locks.filter.isEmpty { details += " · filter \"\(state.locks.filter)\": \(Set(rows.map { $0.path[0] }).count) trees" }
        if !state.marked.isEmpty { details += " · \(state.marked.count) marked" }
        PaneDraw.title("Locks", details: details, y: area.y, width: area.width, grid: &grid)
        let columns = columns(width: area.width, rows: rows, snapshot: snapshot)
        var list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        if let note = snapshot.limitations["locks"] ?? snapshot.limitations["activity"] {
            PaneDraw.note(note, under: &list, leaving: 3, grid: &grid)
        }
        let visible = list.height - 1
        let (sel, top) = listWindow(state.locks.selection, scroll: state.locks.scroll, keys: rows.map(\.path), visible: visible)
        let shown = rows.dropFirst(top).prefix(visible)
        PaneDraw.table(
            columns: columns,
            rows: shown.map { row in
                var cells = cells(row, backend: snapshot.backend(pid: row.pid), now: snapshot.capturedAt)
                if !showsState(width: area.width) { cells.remove(at: stateColumn) }
                return cells
            },
            rowCount: rows.count, top: top, selected: rows.isEmpty ? nil : sel.index,
            marked: { state.marked.contains(rows[$0].pid) }, sortedColumn: nil, area: list, grid: &grid)
        if rows.isEmpty {
            let text = state.locks.filter.isEmpty || all.isEmpty
                ? "No blocking: nobody waits on a lock" : "No tree matches \"\(state.locks.filter)\" (Esc clears the filter)"
            PaneDraw.centred(text, in: list.splitTop(1).rest,
                             style: Style(.textDim), grid: &grid)
        }
    }
}

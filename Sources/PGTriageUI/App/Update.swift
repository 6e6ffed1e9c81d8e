#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The bubbletea `update`: applies one message to the state and says what should happen next.
/// Pure: no I/O, no clock (time arrives as `.tick`), no terminal.
public func update(_ state: inout AppState, _ message: Message) -> [Effect] {
    var effects: [Effect] = []
    switch message {
    case .tick(let now):
        state.now = now
        return []
    case .resize(let width, let height):
        state.width = max(0, width)
        state.height = max(0, height)
    case .service(let event):
        effects = handleService(&state, event)
    case .key(let key):
        effects = handleKey(&state, key)
    }
    normalize(&state)
    return effects
}

// MARK: - Service events

private func handleService(_ state: inout AppState, _ event: ServiceEvent) -> [Effect] {
    switch event {
    case .connected(let target, let info):
        if case .reconnecting = state.connection {
            state.status = StatusMessage("reconnected to \(target.isEmpty ? state.connectionLabel : target)", at: state.now)
        }
        if !target.isEmpty { state.connectionLabel = target }
        state.connection = .connected(target: state.connectionLabel, info: info)
    case .snapshot(let snapshot):
        state.snapshot = snapshot
        state.snapshotArrivedAt = state.now
        switch state.connection {
        case .connecting, .reconnecting:
            state.connection = .connected(target: state.connectionLabel, info: snapshot.info)
        case .connected: break
        }
        // Marks follow backends: one that ended can no longer be signalled.
        let present = Set(snapshot.activity.map(\.pid))
        state.marked.formIntersection(present)
        var effects: [Effect] = []
        if var detail = state.detail {
            if let b = snapshot.backend(pid: detail.pid) {
                if b.queryStart != detail.lastSeen.queryStart || b.query != detail.lastSeen.query {
                    // Another query now: the whole text fetched before belongs to the old one.
                    detail.fullQuery = nil
                    if b.queryIsCut { effects.append(.fetchQueryText(pid: b.pid)) }
                }
                detail.lastSeen = b
                detail.capturedAt = snapshot.capturedAt
                detail.isGone = false
            } else {
                detail.isGone = true
            }
            state.detail = detail
        }
        return effects
    case .connectionLost(let error, let attempt, let retryIn):
        state.connection = .reconnecting(error: error, attempt: attempt, retryIn: retryIn, since: state.now)
    case .refreshFailed(let error):
        state.status = StatusMessage("refresh failed: \(error.description)", kind: .error, at: state.now)
    case .actionFinished(let result):
        return handleActionResult(&state, result)
    case .warning(let text):
        state.status = StatusMessage(text, kind: .error, at: state.now)
    case .queryText(let pid, let text, let cutByServer):
        // `e` on a cut query waits for its whole text (ExplainEffects.swift).
        let explainEffects = ExplainFlow.queryTextArrived(&state, pid: pid, text: text, cutByServer: cutByServer)
        guard var detail = state.detail, detail.pid == pid else { return explainEffects }
        detail.fullQuery = .some(text)
        detail.fullQueryCutByServer = cutByServer
        if text == nil { detail.isGone = true }
        state.detail = detail
        return explainEffects
    case .explainFinished(let result):
        return ExplainFlow.finished(&state, result)
    case .statementText(let key, let text):
        state.receiveStatementText(key: key, text: text)
    case .exactBloat(let oid, .success(let figures)):
        state.receiveExactBloat(oid: oid, .figures(figures))
    case .exactBloat(let oid, .failure(let reason)):
        state.receiveExactBloat(oid: oid, .unavailable(reason))
    case .exactBloatFailed(let oid, let error):
        state.receiveExactBloat(oid: oid, .failed(error.description))
    }
    return []
}

private func handleActionResult(_ state: inout AppState, _ result: ActionResult) -> [Effect] {
    let ok = result.outcome == .signalled
    guard var batch = state.actionBatch, batch.signal == result.signal, batch.pids.contains(result.pid) else {
        state.status = StatusMessage(result.summary, kind: ok ? .info : .error, at: state.now)
        return result.signal == .terminate && ok ? [.refreshNow] : []
    }
    batch.results.append(result)
    let total = batch.pids.count
    let done = batch.results.count
    if done < total {
        state.actionBatch = batch
        state.status = StatusMessage("\(result.summary) (\(done)/\(total))", kind: ok ? .info : .error, at: state.now)
        return []
    }
    state.actionBatch = nil
    let signalled = batch.results.filter { $0.outcome == .signalled }.count
    if total == 1 {
        state.status = StatusMessage(result.summary, kind: ok ? .info : .error, at: state.now)
    } else if signalled == total {
        let verb = batch.signal == .cancel ? "cancelled the queries of" : "terminated"
        state.status = StatusMessage("\(verb) \(total) backends", at: state.now)
    } else {
        let problem = batch.results.first { $0.outcome != .signalled }!
        state.status = StatusMessage(
            "\(batch.signal.rawValue): \(signalled) of \(total) signalled; \(problem.summary)",
            kind: .error, at: state.now)
    }
    return batch.signal == .terminate && signalled > 0 ? [.refreshNow] : []
}

// MARK: - Keys

private func handleKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    if key == .resize { return [] }  // the runtime turns it into `.resize` with the new size

    // Too small: nothing is visible, so nothing may happen but quitting.
    if state.isTooSmall {
        if key == .char("q") || key == .function(10) || key == .ctrl("c") {
            state.quitting = true
            return [.quit]
        }
        return []
    }

    if let pending = state.pendingAction {
        state.pendingAction = nil
        if key == .char("y") || key == .char("Y") {
            return confirm(&state, pending)
        }
        state.status = StatusMessage("\(pending.signal.rawValue) not sent", at: state.now)
        return []
    }

    if state.helpShown {
        switch key {
        case .up: state.helpScroll = max(0, state.helpScroll - 1)
        case .down: state.helpScroll += 1
        case .pageUp: state.helpScroll = max(0, state.helpScroll - Layout.listHeight(height: state.height))
        case .pageDown: state.helpScroll += Layout.listHeight(height: state.height)
        default:
            state.helpShown = false
            state.helpScroll = 0
        }
        state.helpScroll = min(state.helpScroll, HelpContent.maxScroll(width: state.width, height: state.height))
        return []
    }

    // EXPLAIN (e, a, x, its input and confirmation) and the Plan pane's keys (ExplainEffects.swift).
    if let effects = ExplainFlow.handleKey(&state, key) { return effects }

    // Statements and Bloat: their own filter, detail and keys (StatementsState.swift, BloatState.swift).
    if state.detail == nil, let effects = PaneKeys.handle(&state, key) { return effects }

    if state.filterEditing {
        return handleFilterKey(&state, key)
    }

    if state.detail != nil {
        return handleDetailKey(&state, key)
    }

    guard let command = KeyMap.command(for: key) else { return [] }
    return run(&state, command)
}

private func handleFilterKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    switch key {
    case .char(let c):
        state.filter.append(c)
    case .backspace, .delete:
        if !state.filter.isEmpty { state.filter.removeLast() }
    case .ctrl("u"):
        state.filter = ""
    case .enter:
        state.filterEditing = false
    case .escape:
        state.filter = ""
        state.filterEditing = false
    case .up: moveSelection(&state, by: -1)
    case .down: moveSelection(&state, by: 1)
    case .pageUp: moveSelection(&state, by: -Layout.listHeight(height: state.height))
    case .pageDown: moveSelection(&state, by: Layout.listHeight(height: state.height))
    case .ctrl("c"):
        state.quitting = true
        return [.quit]
    default:
        break
    }
    return []
}

private func handleDetailKey(_ state: inout AppState, _ key: Key) -> [Effect] {
    guard var detail = state.detail else { return [] }
    let page = max(1, state.height - 4)
    switch key {
    case .escape, .enter, .char("q"), .backspace, .function(10):
        state.detail = nil
        return []
    case .char("c"), .function(7):
        return requestAction(&state, .cancel, pids: [detail.pid])
    case .char("k"), .char("K"), .function(9):
        return requestAction(&state, .terminate, pids: [detail.pid])
    case .char("?"), .function(1):
        state.helpShown = true
        return []
    default:
        guard let scrolled = DetailScroll.moved(detail.scroll, by: key, page: page) else { return [] }
        detail.scroll = scrolled
    }
    detail.scroll = max(0, min(detail.scroll, DetailView.maxScroll(detail, width: state.width, height: state.height)))
    state.detail = detail
    return []
}

private func run(_ state: inout AppState, _ command: Command) -> [Effect] {
    let page = Layout.listHeight(height: state.height)
    switch command {
    case .showPane(let pane):
        state.pane = pane
    case .nextPane:
        state.pane = state.pane.next
    case .previousPane:
        state.pane = state.pane.previous
    case .up: moveSelection(&state, by: -1)
    case .down: moveSelection(&state, by: 1)
    case .pageUp: moveSelection(&state, by: -page)
    case .pageDown: moveSelection(&state, by: page)
    case .home: moveSelection(&state, by: Int.min / 2)
    case .end: moveSelection(&state, by: Int.max / 2)
    case .togglePause:
        state.paused.toggle()
        state.status = StatusMessage(state.paused ? "paused: p resumes" : "resumed", at: state.now)
        return [.setPaused(state.paused)]
    case .intervalUp, .intervalDown:
        return stepInterval(&state, up: command == .intervalUp)
    case .refresh:
        state.status = StatusMessage("refreshing", at: state.now)
        return [.refreshNow]
    case .redraw:
        return [.redraw]
    case .help:
        state.helpShown = true
        state.helpScroll = 0
    case .quit:
        state.quitting = true
        return [.quit]
    case .toggleIdle:
        state.showIdle.toggle()
        state.status = StatusMessage(state.showIdle ? "idle sessions shown" : "idle sessions hidden", at: state.now)
    case .cycleSort:
        guard state.pane == .activity else {
            state.status = StatusMessage("sorting applies to the Activity pane", at: state.now)
            return []
        }
        let all = ActivityColumn.allCases
        let next = all[(state.sortColumn.rawValue + 1) % all.count]
        state.sortColumn = next
        state.sortDescending = next.defaultDescending
        state.status = StatusMessage("sort: \(sortDescription(state))", at: state.now)
    case .reverseSort:
        guard state.pane == .activity else {
            state.status = StatusMessage("sorting applies to the Activity pane", at: state.now)
            return []
        }
        state.sortDescending.toggle()
        state.status = StatusMessage("sort: \(sortDescription(state))", at: state.now)
    case .filter:
        state.pane = .activity
        state.filterEditing = true
    case .clear:
        if !state.filter.isEmpty {
            state.filter = ""
        } else if !state.marked.isEmpty {
            state.marked = []
            state.status = StatusMessage("marks cleared", at: state.now)
        }
    case .detail:
        openDetail(&state)
        if let detail = state.detail, detail.lastSeen.queryIsCut { return [.fetchQueryText(pid: detail.pid)] }
    case .mark:
        guard let pid = state.selectedPid else { return [] }
        if state.marked.contains(pid) {
            state.marked.remove(pid)
        } else if state.snapshot?.backend(pid: pid) != nil {
            state.marked.insert(pid)
        } else {
            state.status = StatusMessage("pid \(pid) is not visible in pg_stat_activity", kind: .error, at: state.now)
        }
        moveSelection(&state, by: 1)
    case .cancel, .terminate:
        let signal: BackendSignal = command == .cancel ? .cancel : .terminate
        let pids: [Int32]
        if !state.marked.isEmpty {
            pids = state.marked.sorted()
        } else if let pid = state.selectedPid {
            pids = [pid]
        } else {
            state.status = StatusMessage(
                state.pane.isAvailable ? "nothing selected to \(signal.rawValue)" : "nothing to \(signal.rawValue) on this pane",
                kind: .error, at: state.now)
            return []
        }
        return requestAction(&state, signal, pids: pids)
    }
    return []
}

/// "query age, longest first".
func sortDescription(_ state: AppState) -> String {
    let c = state.sortColumn
    let order: String
    if c == .xactAge || c == .queryAge || c == .pid {
        order = state.sortDescending ? "largest first" : "smallest first"
    } else {
        order = state.sortDescending ? "Z-A" : "A-Z"
    }
    return "\(c.sortName), \(order)"
}

private func stepInterval(_ state: inout AppState, up: Bool) -> [Effect] {
    let steps = AppState.intervalSteps
    let current = state.interval
    let next = up ? steps.first { $0 > current + 1e-9 } : steps.last { $0 < current - 1e-9 }
    guard let next else {
        state.status = StatusMessage(
            up ? "refresh interval is already at its maximum, 60s" : "refresh interval is already at its minimum, 0.5s",
            kind: .error, at: state.now)
        return []
    }
    state.interval = next
    state.status = StatusMessage("refresh every \(Format.interval(next))", at: state.now)
    return [.setInterval(next)]
}

private func openDetail(_ state: inout AppState) {
    guard let pid = state.selectedPid else { return }
    guard let snapshot = state.snapshot, let backend = snapshot.backend(pid: pid) else {
        state.status = StatusMessage("pid \(pid) is not visible in pg_stat_activity", kind: .error, at: state.now)
        return
    }
    state.detail = DetailState(pid: pid, lastSeen: backend, capturedAt: snapshot.capturedAt)
}

/// Asks for confirmation (or refuses): never in read-only mode, never our own backend.
private func requestAction(_ state: inout AppState, _ signal: BackendSignal, pids: [Int32]) -> [Effect] {
    let verb = signal == .cancel ? "cancel" : "terminate"
    if state.readOnly {
        state.status = StatusMessage("read-only mode (--read-only): \(verb) refused, nothing sent", kind: .error, at: state.now)
        return []
    }
    let ownPid = state.serverInfo?.ownPid ?? 0
    let allowed = pids.filter { ownPid == 0 || $0 != ownPid }
    if allowed.isEmpty {
        state.status = StatusMessage("refused: pid \(ownPid) is pgtriage's own backend", kind: .error, at: state.now)
        return []
    }
    let targets = allowed.map { pid in state.snapshot?.backend(pid: pid) ?? BackendActivity(pid: pid) }
    state.pendingAction = PendingAction(
        signal: signal, targets: targets, capturedAt: state.snapshot?.capturedAt ?? state.now)
    return []
}

private func confirm(_ state: inout AppState, _ pending: PendingAction) -> [Effect] {
    if state.readOnly { return [] }  // cannot happen: requestAction refuses first
    let pids = pending.targets.map(\.pid)
    state.actionBatch = ActionBatch(signal: pending.signal, pids: pids)
    state.marked.subtract(pids)
    let list = pids.prefix(5).map(String.init).joined(separator: ", ") + (pids.count > 5 ? ", ..." : "")
    state.status = StatusMessage("sending \(pending.signal.rawValue) to pid \(list)", at: state.now)
    return [.send(pending.signal, pids: pids)]
}

// MARK: - Selection

/// Row keys of the pane's list, in display order.
func rowKeys(_ state: AppState, _ pane: Pane) -> [[Int32]] {
    switch pane {
    case .activity: return ActivityRows.rows(state).map { [$0.pid] }
    case .locks: return state.snapshot.map { LockRows.rows($0.blocking).map(\.path) } ?? []
    default: return []
    }
}

private func moveSelection(_ state: inout AppState, by delta: Int) {
    let pane = state.pane
    let keys = rowKeys(state, pane)
    guard !keys.isEmpty else { return }
    var sel = resolve(state.currentSelection(pane), in: keys)
    let target = delta >= 0
        ? (sel.index > Int.max - delta ? keys.count - 1 : sel.index + delta)
        : (sel.index < Int.min - delta ? 0 : sel.index + delta)
    sel.index = min(max(0, target), keys.count - 1)
    sel.key = keys[sel.index]
    state.selection[pane] = sel
}

/// Finds the selected key again after a refresh or a re-sort: the same row, else the same pid
/// elsewhere (a waiter under another holder), else the row now at the same height.
func resolve(_ sel: RowSelection, in keys: [[Int32]]) -> RowSelection {
    guard !keys.isEmpty else { return RowSelection(key: nil, index: 0) }
    if let key = sel.key {
        if let i = keys.firstIndex(of: key) { return RowSelection(key: key, index: i) }
        if let pid = key.last, let i = keys.firstIndex(where: { $0.last == pid }) {
            return RowSelection(key: keys[i], index: i)
        }
    }
    let i = min(max(0, sel.index), keys.count - 1)
    return RowSelection(key: keys[i], index: i)
}

/// The resolved selection and the first row shown, for a list of `keys` with `visible` lines.
func listWindow(_ state: AppState, _ pane: Pane, keys: [[Int32]], visible: Int) -> (selection: RowSelection, top: Int) {
    let sel = resolve(state.currentSelection(pane), in: keys)
    var top = state.scroll[pane] ?? 0
    if sel.index < top { top = sel.index }
    if sel.index >= top + visible { top = sel.index - visible + 1 }
    top = max(0, min(top, max(0, keys.count - visible)))
    return (sel, top)
}

/// Keeps the selection on an existing row and in view, after every message.
func normalize(_ state: inout AppState) {
    let pane = state.pane
    guard pane == .activity || pane == .locks else { return }
    let keys = rowKeys(state, pane)
    let window = listWindow(state, pane, keys: keys, visible: Layout.listHeight(height: state.height))
    state.selection[pane] = window.selection
    state.scroll[pane] = window.top
}

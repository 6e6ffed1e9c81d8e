#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// Cancel, terminate, marks and the backend detail view: what the panes that list backends
/// (Activity, Locks) share. Never in read-only mode, never our own backend; always after `y`.
enum BackendActions {
    static let actionsElsewhere = "cancel and terminate act on backends: use Activity (1) or Locks (2)"

    /// The keys that act on the selected (or marked) backends, for a list of backends.
    static let listBindings: [KeyBinding] = [
        KeyBinding([.enter], "Enter", help: "detail: full query, fields", hint: "detail") { state, _ in openDetail(&state) },
        KeyBinding([.char(" ")], "Space", help: "mark / unmark a backend") { state, _ in
            guard let pid = state.selectedPid else { return [] }
            if state.marked.contains(pid) {
                state.marked.remove(pid)
            } else if state.snapshot?.backend(pid: pid) != nil {
                state.marked.insert(pid)
            } else {
                state.status = StatusMessage("pid \(pid) is not visible in pg_stat_activity", kind: .error, at: state.now)
            }
            PaneRegistry.feature(state.pane).moveSelection(&state, by: 1)
            return []
        },
        KeyBinding([.char("c"), .function(7)], "c  F7", help: "cancel the query (marked)", hint: "cancel") { state, _ in
            signalSelected(&state, .cancel)
        },
        KeyBinding([.char("K"), .function(9)], "K  F9", help: "terminate the backend", hint: "kill") { state, _ in
            signalSelected(&state, .terminate)
        },
        KeyBinding([.char("e")], "e", help: "EXPLAIN its query", hint: "explain") { state, _ in
            ExplainFlow.explainBackend(&state, analyze: false)
        },
        KeyBinding([.char("a")], "a", help: "EXPLAIN ANALYZE (asks y)") { state, _ in
            ExplainFlow.explainBackend(&state, analyze: true)
        },
    ]

    /// Esc: the marks go (after the filter, where the pane has one).
    static let clearMarks = KeyBinding([.escape], "Esc", help: "clear the marks") { state, _ in
        clearMarks(&state)
        return []
    }

    static func clearMarks(_ state: inout AppState) {
        guard !state.marked.isEmpty else { return }
        state.marked = []
        state.status = StatusMessage("marks cleared", at: state.now)
    }

    /// The backend detail view (Enter on Activity or Locks): the shared detail keys, then what
    /// can be done to the backend it shows.
    static let detailLayer = DetailKeys.layer("Backend detail (Enter)", DetailKeys.Access(
        scroll: { $0.detail?.scroll ?? 0 },
        setScroll: { state, to in state.detail?.scroll = to },
        maxScroll: { state in state.detail.map { DetailView.maxScroll($0, width: state.width, height: state.height, maintenance: DetailView.maintenance(state, $0)) } ?? 0 },
        close: { $0.detail = nil }
    ), actions: [
        KeyBinding([.char("c"), .function(7)], "c  F7", help: "cancel its query", hint: "cancel") { state, _ in
            guard let pid = state.detail?.pid else { return [] }
            return requestAction(&state, .cancel, pids: [pid])
        },
        KeyBinding([.char("K"), .function(9)], "K  F9", help: "terminate it", hint: "terminate") { state, _ in
            guard let pid = state.detail?.pid else { return [] }
            return requestAction(&state, .terminate, pids: [pid])
        },
        KeyBinding([.char("e")], "e", help: "EXPLAIN its query", hint: "explain") { state, _ in
            ExplainFlow.explainBackend(&state, analyze: false)
        },
        KeyBinding([.char("a")], "a", help: "EXPLAIN ANALYZE (asks y)") { state, _ in
            ExplainFlow.explainBackend(&state, analyze: true)
        },
    ])

    /// On panes that list no backends: the action keys say where they work.
    static let refusedElsewhere = KeyBinding([.char(" "), .char("c"), .char("K"), .function(7), .function(9)], "c K",
                                             help: nil) { state, _ in
        state.status = StatusMessage(actionsElsewhere, kind: .error, at: state.now)
        return []
    }

    /// `y` sends the pending cancel or terminate; any other key does nothing.
    static func confirmationLayer(_ state: AppState) -> KeyLayer? {
        guard state.pendingAction != nil else { return nil }
        return KeyLayer("Confirm", [
            KeyBinding([.char("y"), .char("Y")], "y", help: "send it") { state, _ in
                guard let pending = state.pendingAction else { return [] }
                state.pendingAction = nil
                return confirm(&state, pending)
            },
        ], otherKeys: .handle { state, _ in
            if let pending = state.pendingAction {
                state.status = StatusMessage("\(pending.signal.rawValue) not sent", at: state.now)
            }
            state.pendingAction = nil
            return []
        })
    }

    static func signalSelected(_ state: inout AppState, _ signal: BackendSignal) -> [Effect] {
        let pids: [Int32]
        if !state.marked.isEmpty {
            pids = state.marked.sorted()
        } else if let pid = state.selectedPid {
            pids = [pid]
        } else {
            state.status = StatusMessage("nothing selected to \(signal.rawValue)", kind: .error, at: state.now)
            return []
        }
        return requestAction(&state, signal, pids: pids)
    }

    static func openDetail(_ state: inout AppState) -> [Effect] {
        guard let pid = state.selectedPid else { return [] }
        guard let snapshot = state.activitySnapshot, let backend = snapshot.backend(pid: pid) else {
            state.status = StatusMessage("pid \(pid) is not visible in pg_stat_activity", kind: .error, at: state.now)
            return []
        }
        state.detail = DetailState(pid: pid, lastSeen: backend, capturedAt: snapshot.capturedAt)
        state.detail?.blocks = waiters(of: pid, in: snapshot)
        // Its whole query and the locks it holds come together.
        return [.fetchQueryText(pid: pid)]
    }

    /// The backends waiting for `pid` directly.
    static func waiters(of pid: Int32, in snapshot: Snapshot) -> [Int32] {
        snapshot.activity.filter { $0.blockedBy.contains(pid) }.map(\.pid).sorted()
    }

    /// Asks for confirmation (or refuses): never in read-only mode, never our own backend.
    static func requestAction(_ state: inout AppState, _ signal: BackendSignal, pids: [Int32]) -> [Effect] {
        let verb = signal == .cancel ? "cancel" : "terminate"
        if state.replay != nil {
            state.status = StatusMessage("\(ReplayKeys.noServer): \(verb) refused, nothing sent", kind: .error, at: state.now)
            return []
        }
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
        let targets = allowed.map { pid in state.activitySnapshot?.backend(pid: pid) ?? BackendActivity(pid: pid) }
        state.pendingAction = PendingAction(
            signal: signal, targets: targets, capturedAt: state.activitySnapshot?.capturedAt ?? state.now)
        return []
    }

    static func confirm(_ state: inout AppState, _ pending: PendingAction) -> [Effect] {
        if state.readOnly { return [] }  // cannot happen: requestAction refuses first
        let pids = pending.targets.map(\.pid)
        state.actionBatch = ActionBatch(signal: pending.signal, pids: pids)
        state.marked.subtract(pids)
        let list = pids.prefix(5).map(String.init).joined(separator: ", ") + (pids.count > 5 ? ", ..." : "")
        state.status = StatusMessage("sending \(pending.signal.rawValue) to pid \(list)", at: state.now)
        return [.send(pending.signal, pids: pids)]
    }

    /// One result of a confirmed batch: the status line counts them and sums up at the end. The
    /// service refreshes after every batch, so the list shows the outcome.
    static func finished(_ state: inout AppState, _ result: ActionResult) {
        let ok = result.outcome == .signalled
        guard var batch = state.actionBatch, batch.signal == result.signal, batch.pids.contains(result.pid) else {
            say(&state, result.summary, ok: ok, audit: result.auditFailure)
            return
        }
        batch.results.append(result)
        let total = batch.pids.count
        let done = batch.results.count
        let audit = batch.results.lazy.compactMap(\.auditFailure).first
        if done < total {
            state.actionBatch = batch
            say(&state, "\(result.summary) (\(done)/\(total))", ok: ok, audit: audit)
            return
        }
        state.actionBatch = nil
        let signalled = batch.results.filter { $0.outcome == .signalled }.count
        if total == 1 {
            say(&state, result.summary, ok: ok, audit: audit)
        } else if signalled == total {
            let verb = batch.signal == .cancel ? "cancelled the queries of" : "terminated"
            say(&state, "\(verb) \(total) backends", ok: true, audit: audit)
        } else {
            let problem = batch.results.first { $0.outcome != .signalled }!
            say(&state, "\(batch.signal.rawValue): \(signalled) of \(total) signalled; \(problem.summary)", ok: false, audit: audit)
        }
    }

    /// The status line after an action: what happened, then, if the audit log could not record
    /// it, that too (an error then, whatever the action's outcome).
    private static func say(_ state: inout AppState, _ text: String, ok: Bool, audit: String?) {
        if let audit {
            state.status = StatusMessage("\(text); NOT in the audit log: \(audit)", kind: .error, at: state.now)
        } else {
            state.status = StatusMessage(text, kind: ok ? .info : .error, at: state.now)
        }
    }

    /// A snapshot arrived: marks follow backends (one that ended can no longer be signalled),
    /// the detail view follows its backend (a new query drops the whole text read before).
    static func snapshotArrived(_ state: inout AppState, _ snapshot: Snapshot) -> [Effect] {
        let present = Set(snapshot.activity.map(\.pid))
        state.marked.formIntersection(present)
        guard var detail = state.detail else { return [] }
        var effects: [Effect] = []
        if let b = snapshot.backend(pid: detail.pid) {
            if b.queryStart != detail.lastSeen.queryStart || b.query != detail.lastSeen.query {
                detail.fullQuery = nil
                if b.queryIsCut { effects.append(.fetchQueryText(pid: b.pid)) }
            }
            detail.lastSeen = b
            detail.capturedAt = snapshot.capturedAt
            detail.isGone = false
            detail.blocks = waiters(of: b.pid, in: snapshot)
        } else {
            detail.isGone = true
        }
        state.detail = detail
        return effects
    }
}

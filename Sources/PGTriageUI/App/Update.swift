#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The bubbletea `update`: applies one message to the state and says what should happen next.
/// Pure: no I/O, no clock (time arrives as `.tick`), no terminal. What the service must read for
/// the screen comes out as an effect too (`.setScope`), whenever it changes.
public func update(_ state: inout AppState, _ message: Message) -> [Effect] {
    var effects: [Effect] = []
    switch message {
    case .tick(let now):
        state.now = now
    case .resize(let width, let height):
        state.width = max(0, width)
        state.height = max(0, height)
    case .service(let event):
        effects = handleService(&state, event)
    case .key(.resize):
        break  // the runtime turns it into `.resize` with the new size
    case .key(let key):
        effects = KeyRouting.handle(&state, key)
    case .planWritten(.success(let paths)):
        state.status = StatusMessage("plan written to \(paths.first ?? "?") (and .txt)", at: state.now)
    case .planWritten(.failure(let error)):
        state.status = StatusMessage("could not write the plan: \(error)", kind: .error, at: state.now)
    case .clipboardCopied(let outcome):
        state.status = StatusMessage(outcome.summary, kind: outcome.isCopied ? .info : .error, at: state.now)
    }
    if case .tick = message {} else {
        DetailView.rewrap(&state)
        PaneRegistry.feature(state.pane).normalize(&state)
    }
    let scope = AppState.scope(state)
    if scope != state.scopeSent {
        state.scopeSent = scope
        effects.append(.setScope(scope))
    }
    return effects
}

// MARK: - Service events

private func handleService(_ state: inout AppState, _ event: ServiceEvent) -> [Effect] {
    switch event {
    case .connected, .snapshot, .firstRows, .connectionLost, .refreshFailed, .queryText, .heldLocks, .statementText:
        state.serverNotAnswering = nil  // the monitoring connection answered, or is gone
    default:
        break
    }
    switch event {
    case .serverNotAnswering(let seconds):
        state.serverNotAnswering = seconds
    case .connected(let target, let info):
        if case .reconnecting = state.connection {
            state.status = StatusMessage("reconnected to \(target.isEmpty ? state.connectionLabel : target)", at: state.now)
        }
        if !target.isEmpty { state.connectionLabel = target }
        state.connection = .connected(target: state.connectionLabel, info: info)
    case .firstRows(let rows):
        // None in a transaction: nothing to show ahead of the snapshot (not "no active backends").
        if state.snapshot == nil, !rows.activity.isEmpty { state.firstRows = rows }
    case .snapshot(let snapshot):
        if state.firstRows != nil { state.firstRows = nil }
        state.snapshot = snapshot
        state.snapshotArrivedAt = state.now
        switch state.connection {
        case .connecting, .reconnecting:
            state.connection = .connected(target: state.connectionLabel, info: snapshot.info)
        case .connected: break
        }
        return BackendActions.snapshotArrived(&state, snapshot)
    case .connectionLost(let error, let attempt, let retryIn):
        state.connection = .reconnecting(error: error, attempt: attempt, retryIn: retryIn, since: state.now)
    case .refreshFailed(let error):
        state.status = StatusMessage("refresh failed: \(error.description)", kind: .error, at: state.now)
    case .actionFinished(let result):
        BackendActions.finished(&state, result)
    case .warning(let text):
        state.status = StatusMessage(text, kind: .error, at: state.now)
    case .queryText(let pid, let text, let cutByServer):
        // `e` on a cut query waits for its whole text (ExplainFlow).
        let explainEffects = ExplainFlow.queryTextArrived(&state, pid: pid, text: text, cutByServer: cutByServer)
        guard var detail = state.detail, detail.pid == pid else { return explainEffects }
        detail.fullQuery = .some(text)
        detail.fullQueryCutByServer = cutByServer
        if text == nil { detail.isGone = true }
        state.detail = detail
        return explainEffects
    case .heldLocks(let pid, let locks):
        if state.detail?.pid == pid { state.detail?.heldLocks = locks }
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
    case .reportWritten(let path):
        state.status = StatusMessage("report written to \(path)", at: state.now)
    case .reportFailed(let why):
        state.status = StatusMessage("could not write the report: \(why)", kind: .error, at: state.now)
    }
    return []
}

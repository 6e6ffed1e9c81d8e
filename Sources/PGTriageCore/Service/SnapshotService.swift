#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The query service under the console: a monitoring thread that refreshes snapshots on an
/// interval (reconnecting with back-off when the server goes away) and an action thread that
/// cancels and terminates on a connection of its own, so a kill never waits behind a refresh.
/// Results go out as `ServiceEvent`s on those threads; the UI queues them for its own thread.
public final class SnapshotService: ConsoleService, @unchecked Sendable {
    public let target: ConnectionTarget
    public let readOnly: Bool
    private let queryLength: Int
    private let auditLog: AuditLog?

    // Everything below is guarded by `state`.
    private let state = WaitCondition()
    private var interval: Double
    private var paused = false
    private var stopped = false
    private var refreshRequested = false
    private var pendingActions: [(BackendSignal, [Int32])] = []
    private var pendingQueryTexts: [Int32] = []
    private var pendingStatementTexts: [StatementKey] = []
    /// What each refresh reads (`setScope`); everything by default, for API users that want
    /// whole snapshots.
    private var scope = SnapshotScope.everything
    /// Exact bloat reads in flight, cancelled on stop.
    private var exactCancels: [PGCancelHandle] = []
    /// Pids of our own sessions: hidden from the list, never signalled.
    private var ownPids = Set<Int32>()
    private var latest: Snapshot?
    private var connectedLabel = ""
    private var monitorCancel: PGCancelHandle?
    private var events: (@Sendable (ServiceEvent) -> Void)?
    private var threads: [WorkerThread] = []

    /// Seconds between two reads of the bloat estimate.
    public static let bloatInterval: Double = 30

    /// Back-off between reconnect attempts: 0.5 s doubling to at most 10 s.
    public static func reconnectDelay(attempt: Int) -> Double {
        min(10, 0.5 * Double(1 << min(max(attempt - 1, 0), 5)))
    }

    public init(target: ConnectionTarget, readOnly: Bool, interval: Double = 2, queryLength: Int = 256, auditLog: AuditLog? = .standard()) {
        self.target = target
        self.readOnly = readOnly
        self.interval = interval
        self.queryLength = queryLength
        self.auditLog = auditLog
    }

    public func start(events: @escaping @Sendable (ServiceEvent) -> Void) {
        state.withLock {
            self.events = events
            threads = [WorkerThread { [self] in monitorLoop() }, WorkerThread { [self] in actionLoop() }]
        }
    }

    public func setPaused(_ paused: Bool) {
        state.withLock { self.paused = paused; state.broadcast() }
    }

    public func setInterval(seconds: Double) {
        state.withLock { interval = seconds; state.broadcast() }
    }

    public func refreshNow() {
        state.withLock { refreshRequested = true; state.broadcast() }
    }

    public func send(_ signal: BackendSignal, to pids: [Int32]) {
        state.withLock { pendingActions.append((signal, pids)); state.broadcast() }
    }

    public func fetchQueryText(pid: Int32) {
        state.withLock { pendingQueryTexts.append(pid); state.broadcast() }
    }

    public func setScope(_ scope: SnapshotScope) {
        state.withLock {
            guard scope != self.scope else { return }
            self.scope = scope
            refreshRequested = true
            state.broadcast()
        }
    }

    public func fetchStatementText(key: StatementKey) {
        state.withLock { pendingStatementTexts.append(key); state.broadcast() }
    }

    /// pgstattuple reads the whole relation: it runs on a thread and connection of its own, so
    /// neither the refresh nor a kill ever waits for it.
    public func fetchExactBloat(oid: UInt32) {
        guard !isStopped else { return }
        let worker = WorkerThread { [self] in
            do {
                let connection = try PGConnection(target: target, role: .monitor) { [self] in isStopped }
                defer { connection.close() }
                state.withLock {
                    ownPids.insert(connection.backendPid)
                    if let handle = connection.cancelHandle { exactCancels.append(handle) }
                }
                defer { state.withLock { exactCancels.removeAll { $0 === connection.cancelHandle } } }
                let result = try BloatReader.exact(oid: oid, on: connection)
                emit(.exactBloat(oid: oid, result: result))
            } catch {
                emit(.exactBloatFailed(oid: oid, asPGError(error)))
            }
        }
        state.withLock { threads.append(worker) }
    }

    public func cancelExactBloat() {
        state.withLock { exactCancels }.forEach { $0.cancel() }
    }

    /// EXPLAINs run on a runner (and connection) of their own, made on first use; guarded by `state`.
    private var explainRunner: ExplainRunner?

    /// Runs the EXPLAIN on the runner's own thread; the result comes back as `.explainFinished`.
    public func explain(_ request: ExplainRequest) {
        let runner: ExplainRunner = state.withLock {
            if let existing = explainRunner { return existing }
            let made = ExplainRunner(target: target) { [weak self] pid in
                self?.state.withLock { _ = self?.ownPids.insert(pid) }
            }
            explainRunner = made
            return made
        }
        runner.start(request) { [weak self] result in self?.emit(.explainFinished(result)) }
    }

    public func cancelExplain() {
        state.withLock { explainRunner }?.cancel()
    }

    /// Stops both threads and closes the connections; waits for the threads (a query in flight is
    /// cancelled, a connect in progress is abandoned within a fraction of a second).
    public func stop() {
        let running: [WorkerThread] = state.withLock {
            stopped = true
            state.broadcast()
            monitorCancel?.cancel()
            explainRunner?.cancel()
            exactCancels.forEach { $0.cancel() }
            defer { threads = [] }
            return threads
        }
        running.forEach { $0.join() }
    }

    private func emit(_ event: ServiceEvent) {
        let sink = state.withLock { stopped ? nil : events }
        sink?(event)
    }

    private var isStopped: Bool { state.withLock { stopped } }

    // MARK: monitoring

    private func monitorLoop() {
        var connection: PGConnection?
        var reader: SnapshotReader?
        var statements: StatementsReader?
        let bloatReader = BloatReader()
        var lastBloat: (result: SectionResult<BloatSection>, at: Double)?
        var failedAttempts = 0
        while !isStopped {
            if connection == nil {
                do {
                    let fresh = try PGConnection(target: target, role: .monitor) { [self] in isStopped }
                    let info = try SnapshotReader.readServerInfo(fresh)
                    reader = SnapshotReader(info: info, queryLength: queryLength)
                    statements = StatementsReader(info: info, queryLength: queryLength)
                    lastBloat = nil
                    connection = fresh
                    failedAttempts = 0
                    state.withLock {
                        ownPids.insert(fresh.backendPid)
                        monitorCancel = fresh.cancelHandle
                        connectedLabel = fresh.label
                    }
                    emit(.connected(target: fresh.label, info: info))
                } catch {
                    failedAttempts += 1
                    let delay = Self.reconnectDelay(attempt: failedAttempts)
                    emit(.connectionLost(asPGError(error), attempt: failedAttempts, retryIn: delay))
                    sleep(seconds: delay, wakeOnRefresh: false)
                    continue
                }
            }
            let started = MonotonicClock.now()
            let shouldRefresh = state.withLock {
                defer { refreshRequested = false }
                return !paused || refreshRequested
            }
            if shouldRefresh, let live = connection, var current = reader {
                do {
                    let (hidden, scope) = state.withLock { (ownPids, self.scope) }
                    var snapshot = try current.read(live, excluding: hidden, scope: scope)
                    reader = current
                    let (wantStatements, wantBloat) = (scope.statements, scope.bloat)
                    if wantStatements, var statementsReader = statements {
                        snapshot.setStatements(try statementsReader.read(live))
                        statements = statementsReader
                    } else if !wantStatements, statements != nil {
                        // Not sampled meanwhile: the next rates must not span the gap.
                        statements?.reset()
                    }
                    // Bloat moves slowly and its estimate costs more than the rest: read it
                    // every `bloatInterval` seconds and show the last result in between.
                    if wantBloat {
                        if lastBloat == nil || MonotonicClock.now() - lastBloat!.at >= Self.bloatInterval {
                            lastBloat = (try bloatReader.read(live), MonotonicClock.now())
                        }
                        if let lastBloat { snapshot.setBloat(lastBloat.result) }
                    }
                    state.withLock { latest = snapshot }
                    emit(.snapshot(snapshot))
                } catch {
                    let pgError = asPGError(error)
                    if !live.isConnected || pgError.kind == .connectionLost {
                        state.withLock {
                            ownPids.remove(live.backendPid)
                            monitorCancel = nil
                        }
                        connection = nil
                        failedAttempts = 1
                        emit(.connectionLost(pgError, attempt: 1, retryIn: 0))
                        continue  // reconnect at once; back-off starts if that fails
                    }
                    if !isStopped { emit(.refreshFailed(pgError)) }
                }
            }
            if let live = connection, let info = reader?.info {
                answerQueryTextRequests(live, info: info)
                if let statementsReader = statements { answerStatementTextRequests(live, reader: statementsReader) }
            }
            let wait = state.withLock { interval } - (MonotonicClock.now() - started)
            sleep(seconds: wait, wakeOnRefresh: true)
        }
        connection?.close()
    }

    private func answerQueryTextRequests(_ connection: PGConnection, info: ServerInfo) {
        let pids: [Int32] = state.withLock {
            defer { pendingQueryTexts = [] }
            return pendingQueryTexts
        }
        for pid in pids {
            do {
                let text = try connection.query(Catalog.fullQuery, ["\(pid)"]).first?.string("query")
                let cut = (text?.utf8.count ?? 0) >= Catalog.serverCutThreshold(trackActivityQuerySize: info.trackActivityQuerySize)
                emit(.queryText(pid: pid, text: text, cutByServer: cut))
            } catch {
                emit(.refreshFailed(asPGError(error)))
            }
        }
    }

    private func answerStatementTextRequests(_ connection: PGConnection, reader: StatementsReader) {
        let keys: [StatementKey] = state.withLock {
            defer { pendingStatementTexts = [] }
            return pendingStatementTexts
        }
        for key in keys {
            do {
                emit(.statementText(key: key, text: try reader.fullText(of: key, on: connection)))
            } catch {
                emit(.refreshFailed(asPGError(error)))
            }
        }
    }

    /// Sleeps until `seconds` pass, the service stops, or (optionally) a refresh is asked for or
    /// the interval or pause state changes.
    private func sleep(seconds: Double, wakeOnRefresh: Bool) {
        let deadline = MonotonicClock.now() + seconds
        state.withLock {
            let startInterval = interval, startPaused = paused
            while !stopped {
                if wakeOnRefresh && (refreshRequested || interval != startInterval || paused != startPaused || !pendingQueryTexts.isEmpty || !pendingStatementTexts.isEmpty) { return }
                let remaining = deadline - MonotonicClock.now()
                if remaining <= 0 { return }
                state.wait(seconds: remaining)
            }
        }
    }

    // MARK: actions

    private func actionLoop() {
        var connection: PGConnection?
        while true {
            let next: (BackendSignal, [Int32])? = state.withLock {
                while !stopped && pendingActions.isEmpty { state.wait(seconds: 1) }
                return stopped ? nil : pendingActions.removeFirst()
            }
            guard let (signal, pids) = next else { break }
            for pid in pids {
                let (result, victim) = perform(signal, pid: pid, connection: &connection)
                emit(.actionFinished(result))
                if case .refused = result.outcome { continue }
                record(signal, pid: pid, victim: victim, result: result)
            }
            refreshNow()
        }
        connection?.close()
    }

    private func perform(_ signal: BackendSignal, pid: Int32, connection: inout PGConnection?) -> (ActionResult, BackendActivity?) {
        let (own, victim) = state.withLock { (ownPids.contains(pid), latest?.backend(pid: pid)) }
        if readOnly {
            return (ActionResult(signal: signal, pid: pid, outcome: .refused("read-only mode")), victim)
        }
        if own {
            return (ActionResult(signal: signal, pid: pid, outcome: .refused("that is pgtriage's own session")), victim)
        }
        if connection == nil || connection?.isConnected == false {
            do {
                let fresh = try PGConnection(target: target, role: .action) { [self] in isStopped }
                state.withLock { _ = ownPids.insert(fresh.backendPid) }
                connection = fresh
            } catch {
                return (ActionResult(signal: signal, pid: pid, outcome: .failed(asPGError(error).description)), victim)
            }
        }
        if pid == connection?.backendPid {
            return (ActionResult(signal: signal, pid: pid, outcome: .refused("that is pgtriage's own session")), victim)
        }
        return (ActionResult(signal: signal, pid: pid, outcome: BackendActions.send(signal, to: pid, on: connection!)), victim)
    }

    private func record(_ signal: BackendSignal, pid: Int32, victim: BackendActivity?, result: ActionResult) {
        guard let auditLog else { return }
        let (server, user) = state.withLock { (connectedLabel, latest?.info.currentUser ?? "") }
        let entry = AuditEntry(time: Date(), server: server, role: user, signal: signal, pid: pid, target: victim, result: result)
        do {
            try auditLog.append(entry)
        } catch {
            emit(.warning("could not write the audit log: \(error)"))
        }
    }
}

func asPGError(_ error: Error) -> PGError {
    (error as? PGError) ?? PGError(kind: .server, message: "\(error)")
}

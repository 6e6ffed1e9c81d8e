#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The query service under the console: a monitoring thread that refreshes snapshots on an
/// interval (reconnecting with back-off when the server goes away) and an action thread that
/// cancels and terminates on a connection of its own, so a kill never waits behind a refresh.
/// Results go out as `ServiceEvent`s on those threads; the UI queues them for its own thread.
/// The monitoring thread's decisions are `MonitorPlanner`'s; the thread only carries them out.
public final class SnapshotService: ConsoleService {
    public let target: ConnectionTarget
    public let readOnly: Bool
    private let queryLength: Int
    private let auditLog: AuditLog?

    /// Everything the threads and the callers share, reachable only through `shared`'s lock.
    private struct Shared: Sendable {
        /// The monitoring loop's settings and decisions (interval, pause, scope, requests).
        var planner: MonitorPlanner
        var pendingActions: [(BackendSignal, [Int32])] = []
        /// Exact bloat reads in flight, cancelled on stop.
        var exactCancels: [PGCancelHandle] = []
        /// Pids of our own sessions: hidden from the list, never signalled.
        var ownPids = Set<Int32>()
        var latest: Snapshot?
        var connectedLabel = ""
        var monitorCancel: PGCancelHandle?
        var events: (@Sendable (ServiceEvent) -> Void)?
        var threads: [WorkerThread] = []
        /// The report being gathered, on a connection of its own (one at a time).
        var reportCancel: PGCancelHandle?
        var reportRunning = false
        /// EXPLAINs run on a runner (and connection) of their own, made on first use.
        var explainRunner: ExplainRunner?

        var stopped: Bool { planner.isStopped }
    }
    private let shared: WaitCondition<Shared>

    /// An open monitoring connection to start with, or nil.
    private let firstConnection: HandedConnection

    /// - Parameter connection: an open `.monitor` connection to `target` to start with (the
    ///   console's probe): the first frame then waits for one connection, not two. The service
    ///   owns it from here on. Opened with `openingQuery: Catalog.serverInfo`, its server info
    ///   costs no round trip of its own.
    /// - Parameter firstRows: the console's: its first refresh sends this many of the Activity
    ///   pane's first rows ahead of it (`ServiceEvent.firstRows`), when that pane is shown.
    public init(target: ConnectionTarget, readOnly: Bool, interval: Double = 2, queryLength: Int = 256, auditLog: AuditLog? = .standard(),
                connection: PGConnection? = nil, firstRows: Int = 0) {
        self.target = target
        self.readOnly = readOnly
        self.queryLength = queryLength
        self.auditLog = auditLog
        self.firstConnection = HandedConnection(connection)
        // Everything until the UI says what it shows: API users want whole snapshots.
        shared = WaitCondition(Shared(planner: MonitorPlanner(interval: interval, scope: .everything, firstRows: firstRows)))
    }

    public func start(events: @escaping @Sendable (ServiceEvent) -> Void) {
        shared.withLock {
            $0.events = events
            $0.threads = [WorkerThread { [self] in monitorLoop() }, WorkerThread { [self] in actionLoop() }]
        }
    }

    public func setPaused(_ paused: Bool) {
        shared.update { $0.planner.setPaused(paused) }
    }

    public func setInterval(seconds: Double) {
        shared.update { $0.planner.setInterval(seconds) }
    }

    public func refreshNow() {
        shared.update { $0.planner.requestRefresh() }
    }

    public func send(_ signal: BackendSignal, to pids: [Int32]) {
        shared.update { $0.pendingActions.append((signal, pids)) }
    }

    public func fetchQueryText(pid: Int32) {
        shared.update { $0.planner.requestQueryText(pid: pid) }
    }

    public func setScope(_ scope: SnapshotScope) {
        shared.update { $0.planner.setScope(scope) }
    }

    public func fetchStatementText(key: StatementKey) {
        shared.update { $0.planner.requestStatementText(key: key) }
    }

    /// pgstattuple reads the whole relation: it runs on a thread and connection of its own, so
    /// neither the refresh nor a kill ever waits for it.
    public func fetchExactBloat(oid: UInt32) {
        // The thread starts under the lock, so `stop` cannot miss it and leave it unjoined.
        shared.withLock { shared in
            guard !shared.stopped else { return }
            shared.threads.append(WorkerThread { [self] in readExactBloat(oid: oid) })
        }
    }

    private func readExactBloat(oid: UInt32) {
        do {
            let connection = try PGConnection(target: target, role: .monitor) { [self] in isStopped }
            defer { connection.close() }
            shared.withLock {
                $0.ownPids.insert(connection.backendPid)
                if let handle = connection.cancelHandle { $0.exactCancels.append(handle) }
            }
            defer { shared.withLock { $0.exactCancels.removeAll { $0 === connection.cancelHandle } } }
            let result = try BloatReader.exact(oid: oid, on: connection)
            emit(.exactBloat(oid: oid, result: result))
        } catch {
            emit(.exactBloatFailed(oid: oid, asPGError(error)))
        }
    }

    public func cancelExactBloat() {
        shared.withLock { $0.exactCancels }.forEach { $0.cancel() }
    }

    /// The report reads for seconds (the wait-event samples): a thread and connection of its own,
    /// so the refresh and the keys never wait for it.
    public func writeReport(directory: String) {
        let started: Bool = shared.withLock { shared in
            guard !shared.stopped, !shared.reportRunning else { return false }
            shared.reportRunning = true
            shared.threads.append(WorkerThread { [self] in gatherReport(directory: directory) })
            return true
        }
        if !started { emit(.reportFailed("a report is already being written")) }
    }

    private func gatherReport(directory: String) {
        defer { shared.withLock { $0.reportRunning = false; $0.reportCancel = nil } }
        do {
            let connection = try PGConnection(target: target, role: .monitor) { [self] in isStopped }
            defer { connection.close() }
            shared.withLock {
                $0.ownPids.insert(connection.backendPid)
                $0.reportCancel = connection.cancelHandle
            }
            // The hypothetical-index trials' EXPLAIN session is ours too: hidden and protected like this one.
            let gatherer = ReportGatherer(onExplainSession: { [weak self] pid in self?.shared.withLock { _ = $0.ownPids.insert(pid) } })
            let report = ReportChecks.build(try gatherer.gather(connection))
            let path = try ReportFile.write(report, format: .markdown, directory: directory)
            emit(.reportWritten(path: path))
        } catch {
            emit(.reportFailed((error as? PGError)?.description ?? "\(error)"))
        }
    }

    /// Runs the EXPLAIN on the runner's own thread; the result comes back as `.explainFinished`.
    public func explain(_ request: ExplainRequest) {
        let runner: ExplainRunner = shared.withLock { shared in
            if let existing = shared.explainRunner { return existing }
            let made = ExplainRunner(target: target) { [weak self] pid in
                self?.shared.withLock { _ = $0.ownPids.insert(pid) }
            }
            shared.explainRunner = made
            return made
        }
        runner.start(request) { [weak self] result in self?.emit(.explainFinished(result)) }
    }

    public func cancelExplain() {
        shared.withLock { $0.explainRunner }?.cancel()
    }

    /// Stops both threads and closes the connections; waits for the threads (a query in flight is
    /// cancelled, a connect in progress is abandoned within a fraction of a second).
    public func stop() {
        let running: [WorkerThread] = shared.update { shared in
            shared.planner.stop()
            shared.monitorCancel?.cancel()
            shared.explainRunner?.cancel()
            shared.exactCancels.forEach { $0.cancel() }
            shared.reportCancel?.cancel()
            defer { shared.threads = [] }
            return shared.threads
        }
        running.forEach { $0.join() }
    }

    private func emit(_ event: ServiceEvent) {
        let sink = shared.withLock { $0.stopped ? nil : $0.events }
        sink?(event)
    }

    private var isStopped: Bool { shared.withLock { $0.stopped } }

    // MARK: monitoring

    /// The monitoring connection and the readers that keep state between refreshes (lock waits,
    /// statement counters, the Indexes shape, the last result of each slow section); the monitoring
    /// thread's alone.
    private struct MonitorSession {
        let connection: PGConnection
        var reader: SnapshotReader
        var statements: StatementsReader
        var replication: ReplicationReader
        var indexes: IndexesReader
        var lastSlow: [SnapshotSection: SlowSectionResult] = [:]
    }

    private func monitorLoop() {
        var session: MonitorSession?
        while true {
            switch nextMonitorAction() {
            case .connect:
                session = connectMonitor()
            case .reportLost(let error, let attempt, let retryIn):
                emit(.connectionLost(error, attempt: attempt, retryIn: retryIn))
            case .refresh(let plan):
                refresh(plan, session: &session)
            case .answerTexts(let pids, let keys):
                guard let session else { continue }
                answerQueryTextRequests(pids, session: session)
                answerStatementTextRequests(keys, session: session)
            case .wait:
                continue  // never returned: `nextMonitorAction` sleeps through these
            case .stop:
                session?.connection.close()
                return
            }
        }
    }

    /// The planner's next action, sleeping on the lock's condition for as long as it says to
    /// wait (every change made through `shared.update` wakes it to ask again).
    private func nextMonitorAction() -> MonitorPlanner.Action {
        shared.wait { shared in
            let action = shared.planner.nextAction(now: MonotonicClock.now())
            if case .wait(let until) = action { return .sleep(until: until) }
            return .ready(action)
        }
    }

    private func connectMonitor() -> MonitorSession? {
        do {
            let fresh = try firstConnection.take()
                ?? PGConnection(target: target, role: .monitor, abandon: { [self] in isStopped }, openingQuery: Catalog.serverInfo)
            fresh.waitObserver = notAnsweringReporter()
            let info = try SnapshotReader.readServerInfo(fresh)
            let session = MonitorSession(
                connection: fresh, reader: SnapshotReader(info: info, queryLength: queryLength),
                statements: StatementsReader(info: info, queryLength: queryLength),
                replication: ReplicationReader(serverVersion: info.versionNum),
                indexes: IndexesReader(info: info))
            shared.withLock {
                $0.ownPids.insert(fresh.backendPid)
                $0.monitorCancel = fresh.cancelHandle
                $0.connectedLabel = fresh.label
                $0.planner.connected()
            }
            emit(.connected(target: fresh.label, info: info))
            return session
        } catch {
            shared.withLock { $0.planner.connectFailed(asPGError(error), now: MonotonicClock.now()) }
            return nil
        }
    }

    /// Seconds without an answer after which the console says the server is not answering: a
    /// monitoring statement takes milliseconds, and the DBA should not wait for the cancel (10 s)
    /// to learn that the server is stuck.
    public static let notAnsweringAfter: Double = 3

    /// The monitoring connection's `waitObserver`: from `notAnsweringAfter` on, one event a second.
    private func notAnsweringReporter() -> (Double) -> Void {
        var reported = 0
        return { [weak self] waited in
            guard waited >= Self.notAnsweringAfter else { reported = 0; return }
            let seconds = Int(waited)
            guard seconds != reported else { return }
            reported = seconds
            self?.emit(.serverNotAnswering(seconds: seconds))
        }
    }

    /// Reads one snapshot as planned. Each reader is written back only when its read succeeded,
    /// so a failed read leaves it as it was.
    private func refresh(_ plan: MonitorPlanner.Refresh, session: inout MonitorSession?) {
        guard var live = session else { return }  // never: the planner refreshes only when connected
        // `live` the only holder of the readers while they read: their buffers (thousands of
        // statement rows) are updated in place rather than copied.
        session = nil
        do {
            defer { session = live }
            let hidden = shared.withLock { $0.ownPids }
            var reader = live.reader
            var snapshot = try reader.read(live.connection, excluding: hidden, scope: plan.scope, firstRows: plan.firstRows) {
                emit(.firstRows($0))
            }
            live.reader = reader
            // In place (it throws only when the connection is lost, and then the session goes).
            if plan.readStatements { snapshot.setStatements(try live.statements.read(live.connection)) }
            if plan.resetStatementRates { live.statements.reset() }
            if plan.scope.sections.contains(.replication) {
                var replication = live.replication
                snapshot.setReplication(try replication.read(live.connection))
                live.replication = replication
            }
            for section in SnapshotSection.allCases where plan.readSlow.contains(section) {
                live.lastSlow[section] = try SlowSectionResult.read(section, on: live.connection, indexes: &live.indexes)
            }
            for section in plan.scope.sections { live.lastSlow[section]?.apply(to: &snapshot) }
            shared.withLock {
                $0.latest = snapshot
                $0.planner.refreshed(now: MonotonicClock.now())
            }
            emit(.snapshot(snapshot))
        } catch {
            let pgError = asPGError(error)
            if !live.connection.isConnected || pgError.kind == .connectionLost {
                shared.withLock {
                    $0.ownPids.remove(live.connection.backendPid)
                    $0.monitorCancel = nil
                    $0.planner.connectionLost(pgError)
                }
                session = nil
            } else {
                shared.withLock { $0.planner.refreshFailed() }
                emit(.refreshFailed(pgError))
            }
        }
    }

    private func answerQueryTextRequests(_ pids: [Int32], session: MonitorSession) {
        let threshold = Catalog.serverCutThreshold(trackActivityQuerySize: session.reader.info.trackActivityQuerySize)
        for pid in pids {
            do {
                let raw = try session.connection.query(Catalog.fullQuery, ["\(pid)"]).first?.string("query")
                let text = raw.map(SecretRedaction.redact)
                emit(.queryText(pid: pid, text: text, cutByServer: (raw?.utf8.count ?? 0) >= threshold))
                let locks = try session.connection.query(Catalog.heldLocks, ["\(pid)"]).allRows.map { row in
                    LockWait(lockType: try row.string("locktype") ?? "", mode: try row.string("mode") ?? "",
                             relation: try row.string("relation"))
                }
                emit(.heldLocks(pid: pid, locks: locks))
            } catch {
                emit(.refreshFailed(asPGError(error)))
            }
        }
    }

    private func answerStatementTextRequests(_ keys: [StatementKey], session: MonitorSession) {
        for key in keys {
            do {
                emit(.statementText(key: key, text: try session.statements.fullText(of: key, on: session.connection)))
            } catch {
                emit(.refreshFailed(asPGError(error)))
            }
        }
    }

    // MARK: actions

    private func actionLoop() {
        var connection: PGConnection?
        while true {
            let next: (BackendSignal, [Int32])? = shared.wait { shared in
                if shared.stopped { return .ready(nil) }
                if shared.pendingActions.isEmpty { return .sleep(until: nil) }
                return .ready(shared.pendingActions.removeFirst())
            }
            guard let (signal, pids) = next else { break }
            for pid in pids {
                var (result, victim) = perform(signal, pid: pid, connection: &connection)
                // The trace first: once the DBA reads "terminated", the audit log says so too.
                if case .refused = result.outcome {} else { result.auditFailure = record(signal, pid: pid, victim: victim, result: result) }
                emit(.actionFinished(result))
            }
            refreshNow()
        }
        connection?.close()
    }

    private func perform(_ signal: BackendSignal, pid: Int32, connection: inout PGConnection?) -> (ActionResult, BackendActivity?) {
        let (own, victim) = shared.withLock { ($0.ownPids.contains(pid), $0.latest?.backend(pid: pid)) }
        if readOnly {
            return (ActionResult(signal: signal, pid: pid, outcome: .refused("read-only mode")), victim)
        }
        if own {
            return (ActionResult(signal: signal, pid: pid, outcome: .refused("that is pgtriage's own session")), victim)
        }
        if connection == nil || connection?.isConnected == false {
            do {
                let fresh = try PGConnection(target: target, role: .action) { [self] in isStopped }
                shared.withLock { _ = $0.ownPids.insert(fresh.backendPid) }
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

    /// Appends the action to the audit log; why it could not, if it could not.
    private func record(_ signal: BackendSignal, pid: Int32, victim: BackendActivity?, result: ActionResult) -> String? {
        guard let auditLog else { return nil }
        let (server, user) = shared.withLock { ($0.connectedLabel, $0.latest?.info.currentUser ?? "") }
        let entry = AuditEntry(time: Date(), server: server, role: user, signal: signal, pid: pid, target: victim, result: result)
        do {
            try auditLog.append(entry)
            return nil
        } catch {
            return "\(error)"
        }
    }
}

func asPGError(_ error: Error) -> PGError {
    (error as? PGError) ?? PGError(kind: .server, message: "\(error)")
}

/// The connection a caller hands the service at `init`: taken once, by the monitoring thread
/// (the only thread that touches it after `start`), if it is still connected.
private final class HandedConnection: @unchecked Sendable {
    private var connection: PGConnection?

    init(_ connection: PGConnection?) { self.connection = connection }

    func take() -> PGConnection? {
        defer { connection = nil }
        return connection?.isConnected == true ? connection : nil
    }
}

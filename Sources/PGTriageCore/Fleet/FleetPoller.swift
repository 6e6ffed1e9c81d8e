#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads every server of the fleet on the interval with a bounded pool of worker threads (libpq
/// calls block: one thread a server would be 100 threads for 100 servers).
///
/// Each server has its own monitoring connection (the console's session settings: statement and
/// lock timeouts, read-only, the answer deadline) and its own `SnapshotReader`: one refresh is
/// the console's own prepared refresh statement with no idle session listed, so the row's
/// figures are the header's (connections, TPS, cache hit, the replication summary's worst lag)
/// and the blocking forest's roots. A connection that breaks is dropped and made again on the
/// next turn.
///
/// A server that is down or hangs holds one worker for at most its connect timeout (or the
/// answer deadline plus the cancel's grace); servers whose last attempt failed are given at
/// most half the workers, so hanging servers never starve the readable ones, and every row has
/// its own data age.
public final class FleetPoller: @unchecked Sendable {
    public let servers: [FleetServer]
    public let workerCount: Int
    private let settings: SessionSettings
    private let state: WaitCondition<Shared>
    private var workers: [WorkerThread] = []

    /// Most workers a large fleet gets.
    public static let maximumWorkers = 16

    private struct Slot {
        var row: FleetRow
        var connection: PGConnection?
        var reader: SnapshotReader?
        /// MonotonicClock time of the next read.
        var due: Double = 0
        var busy = false
        /// The last attempt failed (down, timed out): a suspect gets the slow lane.
        var suspect = false
    }

    private struct Shared {
        var slots: [Slot]
        var interval: Double
        var stopping = false
        var suspectsInFlight = 0
        /// Turns finished (all servers), so a waiter can tell a round happened.
        var attempts = 0
        var onChange: (@Sendable () -> Void)?
    }

    /// - Parameters:
    ///   - settings: the session settings of every connection (tests shorten the connect timeout).
    ///   - workers: the pool size; by default one per server up to `maximumWorkers`.
    public init(servers: [FleetServer], interval: Double, settings: SessionSettings = .forRole(.monitor), workers: Int? = nil) {
        self.servers = servers
        self.settings = settings
        self.workerCount = max(1, min(workers ?? Self.maximumWorkers, max(1, servers.count)))
        var slots: [Slot] = servers.map { Slot(row: FleetRow(service: $0.name)) }
        for (i, server) in servers.enumerated() {
            if let invalid = server.invalid { slots[i].row.fail(state: .down, reason: invalid) }
        }
        state = WaitCondition(Shared(slots: slots, interval: interval))
    }

    /// Starts the workers; `onChange` is called (from a worker thread) after each row changes.
    public func start(onChange: (@Sendable () -> Void)? = nil) {
        state.withLock { $0.onChange = onChange }
        guard workers.isEmpty else { return }
        for _ in 0..<workerCount {
            workers.append(WorkerThread { [self] in workLoop() })
        }
    }

    /// Asks the workers to stop after their current attempt; `wait` joins them (an attempt in
    /// a connect gives up within a fifth of a second, one in a query within its deadline).
    public func stop(wait: Bool = true) {
        state.update { $0.stopping = true }
        if wait {
            workers.forEach { $0.join() }
            state.withLock { shared in
                for i in shared.slots.indices { shared.slots[i].connection?.close() }
            }
        }
    }

    public func setInterval(_ seconds: Double) {
        state.update { $0.interval = seconds }
    }

    /// Reads every server again now (those not being read).
    public func refreshNow() {
        state.update { shared in
            for i in shared.slots.indices { shared.slots[i].due = 0 }
        }
    }

    /// The rows as they are now, in server order.
    public func rows() -> [FleetRow] {
        state.withLock { $0.slots.map(\.row) }
    }

    /// Waits until every server has finished one attempt, or `deadline` (MonotonicClock) passes.
    /// Returns the rows; one still pending at the deadline says it timed out.
    public func firstRound(deadline: Double) -> [FleetRow] {
        state.wait { shared in
            if shared.slots.allSatisfy({ !$0.row.pending }) || MonotonicClock.now() >= deadline {
                return .ready(shared.slots.map { slot in
                    var row = slot.row
                    if row.pending { row.fail(state: .timeout, reason: "no answer in time") }
                    return row
                })
            }
            return .sleep(until: deadline)
        }
    }

    // MARK: workers

    private func workLoop() {
        while let index = nextDue() {
            poll(index)
        }
    }

    /// Claims the next server due, sleeping until one is; nil once stopping.
    private func nextDue() -> Int? {
        let suspectLimit = max(1, workerCount / 2)
        return state.wait { shared in
            if shared.stopping { return .ready(nil) }
            let now = MonotonicClock.now()
            var earliest: Double?
            var pick: Int?
            for (i, slot) in shared.slots.enumerated() where !slot.busy && servers[i].invalid == nil {
                if slot.suspect && shared.suspectsInFlight >= suspectLimit { continue }
                if slot.due <= now {
                    if pick == nil || slot.due < shared.slots[pick!].due { pick = i }
                } else if earliest == nil || slot.due < earliest! {
                    earliest = slot.due
                }
            }
            guard let pick else { return .sleep(until: earliest) }
            shared.slots[pick].busy = true
            if shared.slots[pick].suspect { shared.suspectsInFlight += 1 }
            return .ready(pick)
        }
    }

    /// One attempt on one server, outside the lock: connect if needed, then one refresh.
    private func poll(_ index: Int) {
        let started = MonotonicClock.now()
        var (connection, reader, row, wasSuspect) = state.withLock { shared in
            (shared.slots[index].connection, shared.slots[index].reader, shared.slots[index].row, shared.slots[index].suspect)
        }
        let stopping: () -> Bool = { [state] in state.withLock { $0.stopping } }
        do {
            if connection == nil || connection?.isConnected != true {
                connection?.close()
                connection = nil
                let fresh = try PGConnection(target: servers[index].target, role: .monitor, settings: settings, abandon: stopping,
                                             openingQuery: Catalog.serverInfo)
                connection = fresh
                reader = SnapshotReader(info: try SnapshotReader.readServerInfo(fresh), queryLength: Self.queryLength)
            }
            if let connection, var current = reader {
                let snapshot = try current.read(connection, scope: Self.scope)
                reader = current
                row.update(from: snapshot, at: Date())
            }
        } catch let error as PGError {
            row.fail(error)
            if error.kind == .connect || error.kind == .connectionLost || connection?.isConnected != true {
                connection?.close()
                connection = nil
                reader = nil
            }
        } catch {
            row.fail(state: .down, reason: "\(error)")
        }
        let callback = state.update { shared -> (@Sendable () -> Void)? in
            var slot = shared.slots[index]
            slot.connection = connection
            slot.reader = reader
            slot.row = row
            slot.busy = false
            if wasSuspect { shared.suspectsInFlight -= 1 }
            slot.suspect = row.state == .down || row.state == .timeout
            // One interval after this attempt began (at once if it took longer); a server that
            // failed waits a whole interval before the next try.
            slot.due = max(started + shared.interval, MonotonicClock.now() + (slot.suspect ? shared.interval : 0))
            shared.slots[index] = slot
            shared.attempts += 1
            return shared.onChange
        }
        callback?()
    }

    /// No idle session listed, no costly section: the counters, the non-idle backends (for the
    /// blocking roots and the longest transaction) and the header's replication figures. Not
    /// what each waiter waits for (a `pg_locks` read): the fleet counts waiters, it names no lock.
    static let scope = SnapshotScope(idleSessions: false, sections: [], lockWaits: false)
    /// The fleet shows no query text: cut it to almost nothing in SQL.
    static let queryLength = 1
}

/// What `pgtriage demo --standby` adds to the workload: replay on the standby paused for a while
/// now and then (so the primary shows a standby falling behind and the standby shows its replay
/// paused), and slots nobody uses, retaining WAL.
public final class DemoStandbyIncidents: @unchecked Sendable {
    /// Seconds: replay runs, then stays paused, in a cycle.
    public static let replaying = 15.0
    public static let paused = 45.0

    public let standby: ConnectionTarget
    private let state = WaitCondition()
    private var stopped = false
    private var thread: WorkerThread?

    public init(standby: ConnectionTarget) {
        self.standby = standby
    }

    /// An abandoned physical slot that reserves WAL from now on, and an abandoned logical one
    /// (it also holds the catalog xmin horizon), on the primary.
    public static func plantSlots(on primary: PGConnection) throws {
        _ = try primary.execute("""
            SELECT pg_create_physical_replication_slot('old_replica', true)
            WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = 'old_replica');
            SELECT pg_create_logical_replication_slot('abandoned_cdc', 'pgoutput')
            WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = 'abandoned_cdc');
            """)
    }

    public func start() {
        state.withLock { thread = WorkerThread { [self] in run() } }
    }

    /// Stops the cycle and leaves replay running.
    public func stop() {
        let running: WorkerThread? = state.withLock {
            stopped = true
            state.broadcast()
            defer { thread = nil }
            return thread
        }
        running?.join()
    }

    private var isStopped: Bool { state.withLock { stopped } }

    /// Waits `seconds` or until stopped; false when stopped.
    private func pause(_ seconds: Double) -> Bool {
        let deadline = MonotonicClock.now() + seconds
        return state.withLock {
            while !stopped {
                let remaining = deadline - MonotonicClock.now()
                if remaining <= 0 { return true }
                state.wait(seconds: remaining)
            }
            return false
        }
    }

    private func run() {
        var connection: PGConnection?
        defer {
            _ = try? connection?.execute("SELECT pg_wal_replay_resume()")
            connection?.close()
        }
        var pausedNow = false
        while pause(pausedNow ? Self.paused : Self.replaying) {
            if connection?.isConnected != true {
                connection = try? PGConnection(target: standby, role: .explain, settings: .application("demo-standby-ops"),
                                               abandon: { [self] in isStopped })
            }
            guard let live = connection else { continue }
            pausedNow.toggle()
            _ = try? live.execute(pausedNow ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()")
        }
    }
}

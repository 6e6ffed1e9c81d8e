/// The background query service, as the console drives it. Implemented over libpq by
/// `SnapshotService`; UI tests drive the console with a scripted stand-in. No method has a
/// default body: every conformer says what it does with each request, even when that is nothing,
/// so a new request cannot be skipped silently.
public protocol ConsoleService: AnyObject, Sendable {
    /// Starts the background threads; events arrive on those threads (the UI queues them).
    func start(events: @escaping @Sendable (ServiceEvent) -> Void)
    func setPaused(_ paused: Bool)
    func setInterval(seconds: Double)
    func refreshNow()
    /// Cancel or terminate on the action connection; each result comes back as `.actionFinished`.
    func send(_ signal: BackendSignal, to pids: [Int32])
    /// The whole text of a backend's current query (the list has it cut); answered with
    /// `.queryText`.
    func fetchQueryText(pid: Int32)
    /// Runs one EXPLAIN on a connection of its own (never the monitoring one); answered with
    /// `.explainFinished`. One at a time.
    func explain(_ request: ExplainRequest)
    /// Cancels the running EXPLAIN (it then finishes with `.cancelled`); nothing when none runs.
    func cancelExplain()
    /// The whole normalised text of a statement (the list has it cut); answered with
    /// `.statementText`.
    func fetchStatementText(key: StatementKey)
    /// Exact bloat figures of one relation from pgstattuple, on a connection of its own and
    /// time-limited; answered with `.exactBloat`.
    func fetchExactBloat(oid: UInt32)
    /// Cancels the exact-figures reads in flight (each then answers `.exactBloatFailed`).
    func cancelExactBloat()
    /// Gathers the Database Architecture Assessment on a connection of its own (never the
    /// monitoring one) and writes it as markdown to a new file in `directory`; answered with
    /// `.reportWritten` or `.reportFailed`. One at a time.
    func writeReport(directory: String)
    /// What each refresh reads: only what the screen shows (pg_stat_statements and the bloat
    /// estimate cost more than all the rest together; idle sessions are most of the backends).
    func setScope(_ scope: SnapshotScope)
    func stop()
}

/// A part of a refresh that costs enough to be read only while a pane shows it.
public enum SnapshotSection: Hashable, Sendable, CaseIterable {
    /// pg_stat_statements (the Statements pane).
    case statements
    /// The bloat estimate (the Bloat pane).
    case bloat
    /// Index health and foreign keys without an index (the Indexes pane).
    case indexes
    /// Tables' autovacuum thresholds and ages, the horizon, sequences, maintenance (the Tables pane).
    case tables
    /// Standbys, slots, the receiver and conflicts (the Replication pane).
    case replication

    /// Read at most every `MonitorPlanner.slowSectionInterval` seconds while shown, the last
    /// result shown in between; the others are read at every refresh.
    public var isSlow: Bool {
        switch self {
        case .statements: return false
        case .bloat: return true
        case .indexes: return true
        case .tables: return true
        case .replication: return false
        }
    }
}

/// What a refresh reads beyond the header's figures and the backends that are not idle.
public struct SnapshotScope: Sendable, Equatable {
    /// List idle sessions too (the Activity pane's `i`); they are always counted.
    public var idleSessions: Bool
    /// Backends listed whatever their state: the one in the detail view, the marked ones.
    public var pinnedPids: Set<Int32>
    /// The costly sections to read: a pane that needs a new one adds a case, not a flag.
    public var sections: Set<SnapshotSection>
    /// What each lock waiter waits for (`BackendActivity.lockWait`, from pg_locks: a read as
    /// costly as pg_stat_activity's): the Locks pane and the detail view show it, the Activity
    /// pane does not, so neither its refreshes nor the first frame wait for it. The counts,
    /// wait events and the blocking tree come with every refresh.
    public var lockWaits: Bool

    /// Read pg_stat_statements (the Statements pane).
    public var statements: Bool {
        get { sections.contains(.statements) }
        set { include(.statements, newValue) }
    }
    /// Read the bloat estimate (the Bloat pane).
    public var bloat: Bool {
        get { sections.contains(.bloat) }
        set { include(.bloat, newValue) }
    }

    public init(idleSessions: Bool = true, pinnedPids: Set<Int32> = [], sections: Set<SnapshotSection>, lockWaits: Bool = true) {
        self.idleSessions = idleSessions; self.pinnedPids = pinnedPids; self.sections = sections; self.lockWaits = lockWaits
    }

    public init(idleSessions: Bool = true, pinnedPids: Set<Int32> = [], statements: Bool = true, bloat: Bool = true, lockWaits: Bool = true) {
        self.init(idleSessions: idleSessions, pinnedPids: pinnedPids, sections: [], lockWaits: lockWaits)
        self.statements = statements; self.bloat = bloat
    }

    /// Whole snapshots, for API users and `pgtriage snapshot`.
    public static let everything = SnapshotScope(sections: Set(SnapshotSection.allCases))

    private mutating func include(_ section: SnapshotSection, _ wanted: Bool) {
        if wanted { sections.insert(section) } else { sections.remove(section) }
    }
}

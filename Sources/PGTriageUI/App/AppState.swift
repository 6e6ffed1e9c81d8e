#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// Where the connection stands, as the header shows it.
public enum ConnectionStatus: Sendable, Equatable {
    case connecting
    case connected(target: String, info: ServerInfo)
    /// Lost; the service retries after `retryIn` seconds, counted from `since` (our clock).
    case reconnecting(error: PGError, attempt: Int, retryIn: Double, since: Date)
}

public struct StatusMessage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, error }
    public var text: String
    public var kind: Kind
    /// Our clock, when it was set; the status line drops it after `StatusMessage.lifetime`.
    public var at: Date
    public static let lifetime: Double = 10
    public init(_ text: String, kind: Kind = .info, at: Date) {
        self.text = text; self.kind = kind; self.at = at
    }
}

/// A cancel/terminate waiting for `y`: copies of the target rows as they were when asked.
public struct PendingAction: Sendable, Equatable {
    public var signal: BackendSignal
    public var targets: [BackendActivity]
    /// The snapshot clock the ages are measured against.
    public var capturedAt: Date
}

/// Results still expected from a confirmed action, so the status line can count them.
public struct ActionBatch: Sendable, Equatable {
    public var signal: BackendSignal
    public var pids: [Int32]
    public var results: [ActionResult] = []
}

/// A selected row: its key (the pid, or the path of pids from the root in the Locks tree) and the
/// index it had, used when the key disappears (the selection then stays at the same height).
public struct RowSelection: Sendable, Equatable {
    public var key: [Int32]?
    public var index: Int
    public init(key: [Int32]? = nil, index: Int = 0) { self.key = key; self.index = index }
    public var pid: Int32? { key?.last }
}

/// The detail view of one backend; keeps the last copy seen so a backend that ends stays readable.
public struct DetailState: Sendable, Equatable {
    public var pid: Int32
    public var lastSeen: BackendActivity
    public var capturedAt: Date
    /// False once a refresh no longer lists the backend.
    public var isGone: Bool = false
    public var scroll: Int = 0
    /// The whole query text once fetched (`.some(nil)`: the backend had gone); nil until then.
    public var fullQuery: String?? = nil
    public var fullQueryCutByServer = false
    /// The query as last wrapped for the view (`DetailView.rewrap`).
    public var wrappedQuery: WrappedText?
    /// The locks it holds, read when the view opened (nil until then).
    public var heldLocks: [LockWait]?
    /// The backends that wait for it directly, as of the last snapshot.
    public var blocks: [Int32] = []
}

/// Everything the console shows, as one value. `update` changes it; `view` draws it.
public struct AppState: Sendable, Equatable {
    public static let intervalSteps: [Double] = [0.5, 1, 2, 5, 10, 30, 60]
    public static let minimumSize = (width: 80, height: 24)

    public var pane: Pane = .activity
    public var snapshot: Snapshot? {
        didSet {
            // Each pane's rows are built once per snapshot (every frame and key reads them).
            for feature in PaneRegistry.features { feature.rebuildRows(&self) }
        }
    }
    /// The Activity pane's first rows while the first snapshot is on its way
    /// (`ServiceEvent.firstRows`); nil once a snapshot came.
    public var firstRows: Snapshot? {
        didSet { ActivityPane.rebuildRows(&self) }
    }
    /// What the Activity pane and the header's first line show: the snapshot, or the first rows
    /// before it.
    public var activitySnapshot: Snapshot? { snapshot ?? firstRows }
    /// Our clock when the snapshot arrived: the header's "data age".
    public var snapshotArrivedAt: Date?
    public var connection: ConnectionStatus = .connecting
    /// Seconds the monitoring connection has waited for an answer, once it is worth saying
    /// (`ServiceEvent.serverNotAnswering`); nil when it answers.
    public var serverNotAnswering: Int?
    /// `user@host:port/db`, from the executable (never a password); a connect event may refine it.
    public var connectionLabel: String
    /// How the key line names `q`: "quit", or "fleet" in a console opened from the fleet list
    /// (its `q` goes back there).
    public var quitHint = "quit"
    /// The filter input (`/`) is open on the status line; it edits the pane's `filter`.
    public var filterEditing = false
    /// Backends marked with Space (Activity and Locks): cancel and terminate act on them all.
    public var marked: Set<Int32> = []
    public var pendingAction: PendingAction?
    public var actionBatch: ActionBatch?
    /// The detail view of one backend, opened from Activity or Locks.
    public var detail: DetailState?
    public var status: StatusMessage?
    public var paused = false
    public var interval: Double
    public var helpShown = false
    public var helpScroll = 0
    public var readOnly: Bool
    public var width: Int
    public var height: Int
    /// Our clock, advanced by ticks: data age, message expiry, reconnect countdown.
    public var now: Date
    public var quitting = false
    /// The scope last asked of the service (`Effect.setScope`); nil before the first.
    public var scopeSent: SnapshotScope?

    // One property per pane: its state, in its folder under Panes/.
    public var activity = ActivityState() {
        didSet { if activity.rowsKey != oldValue.rowsKey { ActivityPane.rebuildRows(&self) } }
    }
    public var locks = LocksState()
    public var statements = StatementsState() {
        didSet { if statements.rowsKey != oldValue.rowsKey { StatementsPane.rebuildRows(&self) } }
    }
    public var bloat = BloatState() {
        didSet { if bloat.rowsKey != oldValue.rowsKey { BloatPane.rebuildRows(&self) } }
    }
    /// EXPLAIN and the plan browser.
    public var plan = PlanState()
    public var indexes = IndexesState() {
        didSet { if indexes.rowsKey != oldValue.rowsKey { IndexesPane.rebuildRows(&self) } }
    }
    public var tables = TablesState() {
        didSet { if tables.rowsKey != oldValue.rowsKey { TablesPane.rebuildRows(&self) } }
    }
    public var replication = ReplicationState() {
        didSet { if replication.rowsKey != oldValue.rowsKey { ReplicationPane.rebuildRows(&self) } }
    }
    /// `pgtriage replay FILE`: the recording's timeline and the sample shown; nil live.
    public var replay: ReplayState?

    public init(
        connectionLabel: String, readOnly: Bool = false, interval: Double = 2,
        width: Int = 80, height: Int = 24, now: Date = Date()
    ) {
        self.connectionLabel = connectionLabel
        self.readOnly = readOnly
        self.interval = AppState.clampInterval(interval)
        self.width = width
        self.height = height
        self.now = now
    }

    public static func clampInterval(_ seconds: Double) -> Double {
        guard seconds.isFinite else { return 2 }
        return min(60, max(0.5, seconds))
    }

    public var isTooSmall: Bool { width < AppState.minimumSize.width || height < AppState.minimumSize.height }

    public var serverInfo: ServerInfo? {
        if case .connected(_, let info) = connection { return info }
        return snapshot?.info
    }

    /// Seconds since the shown snapshot arrived.
    public var dataAge: Double? { snapshotArrivedAt.map { max(0, now.timeIntervalSince($0)) } }

    /// The status message, while it is fresh.
    public var visibleStatus: StatusMessage? {
        guard let status, now.timeIntervalSince(status.at) < StatusMessage.lifetime else { return nil }
        return status
    }

    /// What the service must read for this screen: the shown pane's part, and the backends
    /// the detail view and the marks follow even once they turn idle.
    static func scope(_ state: AppState) -> SnapshotScope {
        var pinned = state.marked
        if let detail = state.detail { pinned.insert(detail.pid) }
        // What a waiter waits for only where it is shown: the detail view (and the Locks pane).
        var scope = SnapshotScope(idleSessions: false, pinnedPids: pinned, statements: false, bloat: false,
                                  lockWaits: state.detail != nil)
        PaneRegistry.feature(state.pane).scope(state, into: &scope)
        return scope
    }

    /// The pid under the cursor in the current pane (nil on panes without backends).
    public var selectedPid: Int32? { PaneRegistry.feature(pane).selectedPid(self) }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The console's panes, in key order (`1`...`5`).
public enum Pane: Int, CaseIterable, Sendable, Hashable {
    case activity = 1, locks, statements, bloat, plan

    public var title: String {
        switch self {
        case .activity: return "Activity"
        case .locks: return "Locks"
        case .statements: return "Statements"
        case .bloat: return "Bloat"
        case .plan: return "Plan"
        }
    }

    /// Panes that come in later issues show "not yet available".
    public var isAvailable: Bool { self == .activity || self == .locks || self == .statements || self == .bloat }

    var next: Pane { Pane(rawValue: rawValue % Pane.allCases.count + 1)! }
    var previous: Pane { Pane(rawValue: (rawValue + Pane.allCases.count - 2) % Pane.allCases.count + 1)! }
}

/// Where the connection stands, as the header shows it.
public enum ConnectionStatus: Sendable, Equatable {
    case connecting
    case connected(target: String, info: ServerInfo)
    /// Lost; the service retries after `retryIn` seconds, counted from `since` (our clock).
    case reconnecting(error: PGError, attempt: Int, retryIn: Double, since: Date)
}

/// Columns of the Activity pane, in display order; `s` cycles through them.
public enum ActivityColumn: Int, CaseIterable, Sendable, Hashable {
    case pid, database, user, application, client, state, wait, xactAge, queryAge, query

    public var title: String {
        switch self {
        case .pid: return "PID"
        case .database: return "DB"
        case .user: return "USER"
        case .application: return "APP"
        case .client: return "CLIENT"
        case .state: return "STATE"
        case .wait: return "WAIT"
        case .xactAge: return "X.AGE"
        case .queryAge: return "Q.AGE"
        case .query: return "QUERY"
        }
    }

    /// The name the title line uses for the sort.
    public var sortName: String {
        switch self {
        case .database: return "database"
        case .application: return "application"
        case .xactAge: return "xact age"
        case .queryAge: return "query age"
        default: return title.lowercased()
        }
    }

    /// Ages sort longest first when chosen; text columns A to Z.
    var defaultDescending: Bool { self == .xactAge || self == .queryAge }
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
}

/// Everything the console shows, as one value. `update` changes it; `view` draws it.
public struct AppState: Sendable, Equatable {
    public static let intervalSteps: [Double] = [0.5, 1, 2, 5, 10, 30, 60]
    public static let minimumSize = (width: 80, height: 24)

    public var pane: Pane = .activity
    public var snapshot: Snapshot? {
        didSet {
            activityRows = ActivityRows.build(self)
            statementRows = StatementsRows.build(self)
            bloatRows = BloatRows.build(self)
        }
    }
    /// Our clock when the snapshot arrived: the header's "data age".
    public var snapshotArrivedAt: Date?
    public var connection: ConnectionStatus = .connecting
    /// `user@host:port/db`, from the executable (never a password); a connect event may refine it.
    public var connectionLabel: String
    public var selection: [Pane: RowSelection] = [:]
    /// First row shown, per pane (kept so the selection stays visible).
    public var scroll: [Pane: Int] = [:]
    public var sortColumn: ActivityColumn = .queryAge { didSet { activityRows = ActivityRows.build(self) } }
    public var sortDescending = true { didSet { activityRows = ActivityRows.build(self) } }
    public var filter = "" { didSet { activityRows = ActivityRows.build(self) } }
    public var filterEditing = false
    public var showIdle = false { didSet { activityRows = ActivityRows.build(self) } }
    /// The Activity pane's rows, filtered and sorted (`ActivityRows.build`). Every frame and
    /// every key reads them, so they are rebuilt only when what they depend on changes.
    public private(set) var activityRows: [BackendActivity] = []
    public var marked: Set<Int32> = []
    public var pendingAction: PendingAction?
    public var actionBatch: ActionBatch?
    public var status: StatusMessage?
    public var paused = false
    public var interval: Double
    public var helpShown = false
    public var helpScroll = 0
    public var detail: DetailState?
    public var readOnly: Bool
    public var width: Int
    public var height: Int
    /// Our clock, advanced by ticks: data age, message expiry, reconnect countdown.
    public var now: Date
    public var quitting = false
    /// EXPLAIN and the plan browser (pane 5): PlanState.swift.
    public var plan = PlanState()
    /// The Statements pane (3): StatementsState.swift.
    public var statements = StatementsState() {
        didSet { if statements.rowsKey != oldValue.rowsKey { statementRows = StatementsRows.build(self) } }
    }
    /// The Bloat pane (4): BloatState.swift.
    public var bloat = BloatState() {
        didSet { if bloat.rowsKey != oldValue.rowsKey { bloatRows = BloatRows.build(self) } }
    }
    /// The Statements and Bloat panes' rows, filtered and sorted, rebuilt like `activityRows`.
    public private(set) var statementRows: [StatementRow] = []
    public private(set) var bloatRows: [RelationBloat] = []

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

    public func currentSelection(_ pane: Pane) -> RowSelection { selection[pane] ?? RowSelection() }

    /// What the service must read for this screen (`ConsoleService.setScope`).
    static func scope(_ state: AppState) -> SnapshotScope {
        var pinned = state.marked
        if let detail = state.detail { pinned.insert(detail.pid) }
        return SnapshotScope(
            idleSessions: state.showIdle, pinnedPids: pinned,
            statements: state.pane == .statements, bloat: state.pane == .bloat)
    }

    /// The pid under the cursor in the current pane (nil on panes without rows).
    public var selectedPid: Int32? {
        switch pane {
        case .activity, .locks: return currentSelection(pane).pid
        default: return nil
        }
    }
}

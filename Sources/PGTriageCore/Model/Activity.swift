#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One backend from pg_stat_activity, as the Activity pane and `snapshot --json` see it.
/// Times are the server's; ages are measured against the snapshot's server clock, not ours.
public struct BackendActivity: Sendable, Equatable, Hashable, Codable {
    public var pid: Int32
    public var database: String?
    public var user: String?
    public var application: String
    /// Client address (or "local" for a Unix socket), with the port when known.
    public var client: String?
    public var backendType: String
    public var state: String?
    public var waitEventType: String?
    public var waitEvent: String?
    public var backendStart: Date?
    public var xactStart: Date?
    public var queryStart: Date?
    public var stateChange: Date?
    /// Query text, cut in SQL to the list length (see `queryIsCut`).
    public var query: String
    /// True when the text was cut, by us in SQL or by the server's `track_activity_query_size`.
    public var queryIsCut: Bool
    /// Pids this backend waits for (only filled for backends waiting on a heavyweight lock).
    public var blockedBy: [Int32]
    /// What it waits for, when it waits on a lock.
    public var lockWait: LockWait?

    public init(
        pid: Int32, database: String? = nil, user: String? = nil, application: String = "",
        client: String? = nil, backendType: String = "client backend", state: String? = nil,
        waitEventType: String? = nil, waitEvent: String? = nil, backendStart: Date? = nil,
        xactStart: Date? = nil, queryStart: Date? = nil, stateChange: Date? = nil,
        query: String = "", queryIsCut: Bool = false, blockedBy: [Int32] = [], lockWait: LockWait? = nil
    ) {
        self.pid = pid; self.database = database; self.user = user; self.application = application
        self.client = client; self.backendType = backendType; self.state = state
        self.waitEventType = waitEventType; self.waitEvent = waitEvent; self.backendStart = backendStart
        self.xactStart = xactStart; self.queryStart = queryStart; self.stateChange = stateChange
        self.query = query; self.queryIsCut = queryIsCut; self.blockedBy = blockedBy; self.lockWait = lockWait
    }

    public var isIdle: Bool { state == "idle" }
    public var isIdleInTransaction: Bool { state?.hasPrefix("idle in transaction") ?? false }
    public var isActive: Bool { state == "active" }
    public var isWaitingOnLock: Bool { waitEventType == "Lock" }
    /// Hidden from the Activity list unless `i` shows idle sessions: an idle session, or a
    /// background process with no state that waits on no lock. The refresh statement applies
    /// the same rule (Catalog.refreshPost130000), so hidden ones are not even sent.
    public var isIdleLike: Bool {
        isIdle || (state == nil && backendType != "client backend" && !isWaitingOnLock)
    }

    /// Seconds since the transaction started, at `now` (the snapshot's server time).
    public func xactAge(at now: Date) -> Double? { xactStart.map { max(0, now.timeIntervalSince($0)) } }
    /// Seconds since the current (or last) query started.
    public func queryAge(at now: Date) -> Double? { queryStart.map { max(0, now.timeIntervalSince($0)) } }
    /// Seconds since the state last changed: how long it has been idle, waiting or running.
    public func stateAge(at now: Date) -> Double? { stateChange.map { max(0, now.timeIntervalSince($0)) } }
    public func backendAge(at now: Date) -> Double? { backendStart.map { max(0, now.timeIntervalSince($0)) } }
}

/// The heavyweight lock a backend is waiting for (from pg_locks, granted = false).
public struct LockWait: Sendable, Equatable, Hashable, Codable {
    /// pg_locks.locktype: relation, transactionid, tuple, advisory, ...
    public var lockType: String
    /// pg_locks.mode, e.g. AccessExclusiveLock.
    public var mode: String
    /// Schema-qualified relation name when the lock is on (or about) a relation.
    public var relation: String?

    public init(lockType: String, mode: String, relation: String? = nil) {
        self.lockType = lockType; self.mode = mode; self.relation = relation
    }

    /// What a DBA reads: "RowExclusiveLock on accounts", "ShareLock on a row of accounts"
    /// (a transaction-id or tuple wait: someone holds that row), "ExclusiveLock on advisory".
    public var summary: String {
        switch (lockType, relation) {
        case ("relation", let relation?): return "\(mode) on \(relation)"
        case ("tuple", let relation?), ("transactionid", let relation?): return "\(mode) on a row of \(relation)"
        case (_, let relation?): return "\(mode) on \(lockType) of \(relation)"
        default: return "\(mode) on \(lockType)"
        }
    }
}

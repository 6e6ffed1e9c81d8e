/// What the background query service tells the UI (bubbletea-style messages).
public enum ServiceEvent: Sendable {
    /// Connected (or reconnected) to `target`; `info` is read once per connection.
    case connected(target: String, info: ServerInfo)
    case snapshot(Snapshot)
    /// The Activity pane's first rows, ahead of the first snapshot (`SnapshotReader.readFirstRows`):
    /// no counts by state, no other section. The snapshot that follows replaces it.
    case firstRows(Snapshot)
    /// The connection is gone; the next attempt comes after `retryIn` seconds.
    case connectionLost(PGError, attempt: Int, retryIn: Double)
    /// The monitoring connection's statement has had no answer for this many seconds (sent each
    /// second from `SnapshotService.notAnsweringAfter` on): past the connection's answer deadline
    /// a cancel goes, and a fresh connection follows (`SessionSettings.answerDeadline`).
    case serverNotAnswering(seconds: Int)
    /// Connected, but a refresh failed (timeout, permission): the previous snapshot stays shown.
    case refreshFailed(PGError)
    /// The result of a cancel or terminate request.
    case actionFinished(ActionResult)
    /// The whole query text of `pid` as the server keeps it (nil: the backend is gone).
    /// `cutByServer`: the server's track_activity_query_size cut it.
    case queryText(pid: Int32, text: String?, cutByServer: Bool)
    /// The locks a backend holds, read with its whole query text (its detail view).
    case heldLocks(pid: Int32, locks: [LockWait])
    /// The whole text of a pg_stat_statements entry (nil: gone since, or not readable).
    case statementText(key: StatementKey, text: String?)
    /// Exact figures for one relation, or why they cannot be had, or the error that stopped them.
    case exactBloat(oid: UInt32, result: Result<ExactBloat, ExactBloatUnavailable>)
    case exactBloatFailed(oid: UInt32, PGError)
    /// Something the user should know that is not about the server (e.g. the audit log failed).
    case warning(String)
    /// An EXPLAIN asked for with `ConsoleService.explain` finished (or failed, was refused or
    /// cancelled).
    case explainFinished(Result<ExplainResult, ExplainError>)
    /// The report asked for with `ConsoleService.writeReport` is in this file (absolute path).
    case reportWritten(path: String)
    /// It could not be gathered or written (one line, why).
    case reportFailed(String)
}

public enum BackendSignal: String, Sendable, Codable {
    case cancel
    case terminate

    /// The SQL function that sends it.
    public var function: String { self == .cancel ? "pg_cancel_backend" : "pg_terminate_backend" }
}

/// What happened to one cancel/terminate request.
public enum ActionOutcome: Sendable, Equatable {
    /// The server sent the signal (the function returned true).
    case signalled
    /// No such backend any more (the function returned false with a warning).
    case notFound
    /// Our role may not signal that backend.
    case notPermitted(String)
    /// Refused before reaching the server: read-only mode, or our own backend.
    case refused(String)
    case failed(String)
}

public struct ActionResult: Sendable, Equatable {
    public var signal: BackendSignal
    public var pid: Int32
    public var outcome: ActionOutcome
    /// Why the audit log could not record it (nil: recorded, or nothing to record). It travels
    /// with the result, so the status line that says what happened says this too.
    public var auditFailure: String?
    public init(signal: BackendSignal, pid: Int32, outcome: ActionOutcome, auditFailure: String? = nil) {
        self.signal = signal; self.pid = pid; self.outcome = outcome; self.auditFailure = auditFailure
    }

    /// "terminated pid 4242", "pid 4242 not found", ... for the status line.
    public var summary: String {
        let verb = signal == .cancel ? "cancelled query of" : "terminated"
        switch outcome {
        case .signalled: return "\(verb) pid \(pid)"
        case .notFound: return "pid \(pid) not found (already gone)"
        case .notPermitted(let why): return "not permitted to \(signal.rawValue) pid \(pid): \(why)"
        case .refused(let why): return "refused to \(signal.rawValue) pid \(pid): \(why)"
        case .failed(let why): return "\(signal.rawValue) pid \(pid) failed: \(why)"
        }
    }
}

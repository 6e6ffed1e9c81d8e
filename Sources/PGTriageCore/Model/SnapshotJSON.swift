#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `pgtriage snapshot --json`: the documented schema (docs/snapshot-json.md). Times are ISO-8601
/// UTC strings, ages are seconds (numbers), absent values are null.
extension Snapshot {
    /// - Parameter top: at most this many `statements` and `bloat` entries (SectionsJSON.swift).
    public func json(target: String, top: Int = 100) -> JSONValue {
        let now = capturedAt
        let byPid = Dictionary(activity.map { ($0.pid, $0) }, uniquingKeysWith: { first, _ in first })
        return .object([
            ("captured_at", .string(ISOTime.string(now))),
            ("server", serverJSON(target: target)),
            ("activity", .array(activity.map { $0.json(at: now) })),
            ("blocking", .array(blocking.roots.map { $0.json(byPid: byPid, at: now) })),
            ("blocked_count", .integer(Int64(blocking.blockedCount))),
            ("statements", statementsJSON(top: top)),
            ("statements_info", statementsInfoJSON()),
            ("bloat", bloatJSON(top: top)),
            ("bloat_info", bloatInfoJSON()),
            ("indexes", indexesJSON(top: top)),
            ("indexes_info", indexesInfoJSON()),
            ("missing_fk_indexes", missingFKIndexesJSON()),
            ("tables", tablesJSON(top: top)),
            ("horizon", horizonJSON()),
            ("sequences", sequencesJSON()),
            ("maintenance", maintenanceJSON()),
            ("replication", replicationJSON()),
            ("limitations", .object(limitations.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
            ("unavailable", unavailableJSON()),
        ])
    }

    private func serverJSON(target: String) -> JSONValue {
        .object([
            ("target", .string(target)),
            ("version_num", .integer(Int64(info.versionNum))),
            ("version", .string(info.version)),
            ("in_recovery", .bool(info.inRecovery)),
            ("start_time", .optional(summary.startTime)),
            ("uptime_s", .optional(summary.uptime(at: capturedAt))),
            ("connections", .integer(Int64(summary.connections))),
            ("max_connections", .integer(Int64(summary.maxConnections))),
            ("active", .integer(Int64(summary.activeConnections))),
            ("idle_in_transaction", .integer(Int64(summary.idleInTransaction))),
            ("waiting_on_locks", .integer(Int64(summary.waitingOnLocks))),
            ("tps", .optional(summary.tps)),
            ("cache_hit_ratio", .optional(summary.cacheHitRatio)),
            ("current_user", .string(info.currentUser)),
            ("privileges", .object([
                ("superuser", .bool(info.privileges.superuser)),
                ("pg_monitor", .bool(info.privileges.pgMonitor)),
                ("pg_read_all_stats", .bool(info.privileges.pgReadAllStats)),
                ("pg_signal_backend", .bool(info.privileges.pgSignalBackend)),
            ])),
            ("extensions", .object(info.extensions.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
        ])
    }
}

extension BackendActivity {
    public func json(at now: Date) -> JSONValue {
        .object([
            ("pid", .integer(Int64(pid))),
            ("database", .optional(database)),
            ("user", .optional(user)),
            ("application", .string(application)),
            ("client", .optional(client)),
            ("backend_type", .string(backendType)),
            ("state", .optional(state)),
            ("wait_event_type", .optional(waitEventType)),
            ("wait_event", .optional(waitEvent)),
            ("backend_start", .optional(backendStart)),
            ("xact_start", .optional(xactStart)),
            ("query_start", .optional(queryStart)),
            ("state_change", .optional(stateChange)),
            ("xact_age_s", .optional(xactAge(at: now))),
            ("query_age_s", .optional(queryAge(at: now))),
            ("state_age_s", .optional(stateAge(at: now))),
            ("query", .string(query)),
            ("query_truncated", .bool(queryIsCut)),
            ("blocked_by", .array(blockedBy.map { .integer(Int64($0)) })),
            ("lock_wait", lockWait.map { wait in
                .object([("locktype", .string(wait.lockType)), ("mode", .string(wait.mode)), ("relation", .optional(wait.relation))])
            } ?? .null),
        ])
    }
}

extension BlockingNode {
    func json(byPid: [Int32: BackendActivity], at now: Date) -> JSONValue {
        let backend = byPid[pid]
        return .object([
            ("pid", .integer(Int64(pid))),
            ("user", .optional(backend?.user)),
            ("database", .optional(backend?.database)),
            ("state", .optional(backend?.state)),
            ("xact_age_s", .optional(backend?.xactAge(at: now))),
            ("lock_wait", backend?.lockWait.map { .string($0.summary) } ?? .null),
            ("query", .optional(backend?.query)),
            ("in_cycle", .bool(inCycle)),
            ("blocked", .array(blocked.map { $0.json(byPid: byPid, at: now) })),
        ])
    }
}

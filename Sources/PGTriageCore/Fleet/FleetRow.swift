#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How the last attempt to read a server went.
public enum FleetServerState: String, Sendable, Equatable, CaseIterable {
    /// Read; the figures are this refresh's.
    case up
    /// Refused, unknown service or host, broken connection, a line libpq rejects.
    case down
    /// The server answered that the role or password is wrong (or the role does not exist), or
    /// pg_hba.conf refused it.
    case authFailed = "auth_failed"
    /// No answer in time: the connect timeout, or a query the server never answered.
    case timeout

    /// Not yet tried (no attempt finished): shown as a pending row, `down` in JSON would lie.
    static let pendingReason = "not answered yet"

    /// The state a failed attempt leaves, from the error libpq or the server gave. libpq reports
    /// a refused login only as text (no SQLSTATE before the session exists): its own phrases
    /// and the server's are matched, in English as libpq and a server with lc_messages=C write them.
    public static func classify(_ error: PGError) -> FleetServerState {
        let message = error.message.lowercased()
        if ["password authentication failed", "no password supplied", "authentication failed",
            "no pg_hba.conf entry", "(sqlstate 28p01)", "(sqlstate 28000)"].contains(where: message.contains)
            || (message.contains("role \"") && message.contains("does not exist"))
            || error.sqlState == "28P01" || error.sqlState == "28000" {
            return .authFailed
        }
        if message.contains("timed out") || message.contains("timeout expired") || message.contains("not answering")
            || error.isQueryCanceled {
            return .timeout
        }
        return .down
    }
}

/// One server's row: what the fleet list and `fleet --json` show. The figures are those of the
/// last successful read (`dataAt`), kept while the server is down so its age tells how old.
public struct FleetRow: Sendable, Equatable {
    public var service: String
    public var state: FleetServerState
    /// Why the last attempt failed; nil when it succeeded.
    public var error: String?
    public var role: ReplicationRole?
    public var versionNum: Int?
    public var connections: Int?
    public var maxConnections: Int?
    public var active: Int?
    public var idleInTransaction: Int?
    public var waiting: Int?
    /// Sessions holding a lock others wait for, themselves waiting on nobody.
    public var blockingRoots: Int?
    /// Seconds the oldest open transaction of a client backend has run.
    public var longestTransactionSeconds: Double?
    /// The worst replay lag: of this server's standbys, or this standby's own (the header's figure).
    public var worstLagBytes: Int64?
    public var tps: Double?
    public var cacheHitRatio: Double?
    /// When the figures were read (client clock); nil before the first successful read.
    public var dataAt: Date?
    /// True until the first attempt finished.
    public var pending: Bool

    public init(service: String) {
        self.service = service
        self.state = .down
        self.error = FleetServerState.pendingReason
        self.pending = true
    }

    /// Seconds since the figures were read.
    public func dataAge(at now: Date) -> Double? { dataAt.map { max(0, now.timeIntervalSince($0)) } }

    /// The figures of a snapshot, read now.
    public mutating func update(from snapshot: Snapshot, at now: Date) {
        let summary = snapshot.summary
        state = .up
        error = nil
        pending = false
        role = summary.replication?.role ?? (snapshot.info.inRecovery ? .standby : .primary)
        versionNum = snapshot.info.versionNum
        connections = summary.connections
        maxConnections = summary.maxConnections
        active = summary.activeConnections
        idleInTransaction = summary.idleInTransaction
        waiting = summary.waitingOnLocks
        blockingRoots = snapshot.blocking.roots.count
        longestTransactionSeconds = snapshot.activity
            .filter { $0.backendType == "client backend" }
            .compactMap { $0.xactAge(at: snapshot.capturedAt) }.max() ?? 0
        worstLagBytes = summary.replication?.worstLagBytes
        tps = summary.tps
        cacheHitRatio = summary.cacheHitRatio
        dataAt = now
    }

    /// A failed attempt: the state and reason change, the last figures stay with their age.
    public mutating func fail(_ error: PGError) {
        state = FleetServerState.classify(error)
        self.error = error.message
        pending = false
    }

    public mutating func fail(state: FleetServerState, reason: String) {
        self.state = state
        self.error = reason
        pending = false
    }

    // MARK: severity

    /// How badly this server needs looking at; the list and the JSON sort by it, worst first.
    /// A server that cannot be read always comes before any that can (we cannot tell how bad it
    /// is); among readable ones the points add up (docs/fleet.md has the table):
    ///
    /// | what | points |
    /// |---|---|
    /// | down or timed out | 1000 |
    /// | authentication failed | 900 |
    /// | connections ≥ 90 % of max_connections (≥ 75 %) | 300 (100) |
    /// | each blocking root, up to 3 | 150 |
    /// | longest transaction ≥ 1 h (≥ 5 min, ≥ 1 min) | 200 (100, 30) |
    /// | each session idle in transaction, up to 10 | 20 |
    /// | each session waiting on a lock, up to 20 | 10 |
    /// | worst replication lag ≥ 1 GiB (≥ 100 MiB, ≥ 16 MiB) | 200 (100, 30) |
    /// | cache hit < 90 % (< 99 %) | 100 (30) |
    ///
    /// The readable score is capped at 899, below an unreadable server.
    public var severity: Int {
        switch state {
        case .down, .timeout: return 1000
        case .authFailed: return 900
        case .up: break
        }
        var score = 0
        if let connections, let maxConnections, maxConnections > 0 {
            let used = Double(connections) / Double(maxConnections)
            score += used >= 0.9 ? 300 : used >= 0.75 ? 100 : 0
        }
        score += min(blockingRoots ?? 0, 3) * 150
        if let longest = longestTransactionSeconds {
            score += longest >= 3600 ? 200 : longest >= 300 ? 100 : longest >= 60 ? 30 : 0
        }
        score += min(idleInTransaction ?? 0, 10) * 20
        score += min(waiting ?? 0, 20) * 10
        if let lag = worstLagBytes {
            score += lag >= 1 << 30 ? 200 : lag >= 100 << 20 ? 100 : lag >= 16 << 20 ? 30 : 0
        }
        if let hit = cacheHitRatio {
            score += hit < 0.90 ? 100 : hit < 0.99 ? 30 : 0
        }
        return min(score, 899)
    }

    /// Worst first; ties by name, so the order holds still between refreshes.
    public static func worstFirst(_ rows: [FleetRow]) -> [FleetRow] {
        rows.sorted { a, b in
            let (sa, sb) = (a.severity, b.severity)
            return sa != sb ? sa > sb : a.service < b.service
        }
    }

    // MARK: JSON

    /// The row object of `fleet --json` (docs/fleet.md): every key always present, in this order.
    public func json(at now: Date) -> JSONValue {
        .object([
            ("service", .string(service)),
            ("state", .string(state.rawValue)),
            ("error", .optional(error)),
            ("role", .optional(role?.rawValue)),
            ("version_num", .optional(versionNum)),
            ("connections", .optional(connections)),
            ("max_connections", .optional(maxConnections)),
            ("active", .optional(active)),
            ("idle_in_transaction", .optional(idleInTransaction)),
            ("waiting", .optional(waiting)),
            ("blocking_roots", .optional(blockingRoots)),
            ("longest_xact_s", .optional(longestTransactionSeconds)),
            ("worst_lag_bytes", worstLagBytes.map { .integer($0) } ?? .null),
            ("tps", .optional(tps)),
            ("cache_hit_ratio", .optional(cacheHitRatio)),
            ("severity", .integer(Int64(severity))),
            ("data_age_s", .optional(dataAge(at: now))),
        ])
    }

    /// The whole fleet, worst first, as `fleet --json` prints it.
    public static func json(_ rows: [FleetRow], at now: Date) -> JSONValue {
        .array(worstFirst(rows).map { $0.json(at: now) })
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads snapshots over one monitoring connection and keeps what rates need between them.
public struct SnapshotReader: Sendable {
    public let info: ServerInfo
    public let catalog: Catalog
    /// Characters of query text the list gets (cut in SQL).
    public var queryLength: Int
    private var rates = CounterRates()
    private var walRate = WALRate()
    /// The lock waits last read, and who waited on what then (`LockWaitKey`).
    private var lastLockWaits: (keys: [LockWaitKey], waits: [Int32: LockWait])?

    public init(info: ServerInfo, queryLength: Int = 256) {
        self.info = info
        self.catalog = Catalog(serverVersion: info.versionNum)
        self.queryLength = queryLength
    }

    /// Reads who we are connected to, once per connection: from the connection's opening
    /// result when it was opened with `Catalog.serverInfo` (no round trip of its own).
    public static func readServerInfo(_ connection: PGConnection) throws -> ServerInfo {
        let result = try connection.takeOpeningResult(of: Catalog.serverInfo) ?? connection.query(Catalog.serverInfo)
        guard let row = result.first else {
            throw PGError(kind: .decode, message: "our own role is missing from pg_roles")
        }
        let versionNum = try row.int("version_num") ?? 0
        guard versionNum >= Catalog.minimumServerVersion else {
            throw PGError(kind: .connect, message: "PostgreSQL \(try row.string("version") ?? "?") is not supported: pgtriage needs 13 or later")
        }
        var extensions: [String: String] = [:]
        for pair in try row.stringArray("extensions") ?? [] {
            guard let equals = pair.firstIndex(of: "=") else { continue }
            extensions[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
        }
        return ServerInfo(
            versionNum: versionNum,
            version: try row.string("version") ?? "",
            inRecovery: try row.bool("in_recovery") ?? false,
            extensions: extensions,
            privileges: Privileges(
                superuser: try row.bool("superuser") ?? false,
                pgMonitor: try row.bool("pg_monitor") ?? false,
                pgReadAllStats: try row.bool("pg_read_all_stats") ?? false,
                pgSignalBackend: try row.bool("pg_signal_backend") ?? false
            ),
            currentUser: try row.string("current_user") ?? "",
            ownPid: try row.int32("own_pid") ?? connection.backendPid,
            blockSize: try row.int("block_size") ?? 8192,
            trackActivityQuerySize: try row.int("track_activity_query_size") ?? 1024
        )
    }

    /// One refresh: one prepared statement for the counters and the backends `scope` lists, and
    /// a second only when some backend waits on a lock and `scope.lockWaits` asks what for.
    /// `ownPids` (our other sessions) are counted as connections but never listed.
    public mutating func read(
        _ connection: PGConnection, excluding ownPids: Set<Int32> = [], scope: SnapshotScope = .everything
    ) throws -> Snapshot {
        let sql = catalog.refresh(queryLength: queryLength, trackActivityQuerySize: info.trackActivityQuerySize,
                                  waitsFromPgLocks: !info.privileges.seesAllActivity)
        let hidden = ownPids.union([connection.backendPid])
        let result = try connection.queryPrepared("pgtriage_refresh", sql, [
            Self.intArray(hidden), scope.idleSessions ? "true" : "false", Self.intArray(scope.pinnedPids),
        ])
        guard let first = result.first else {
            throw PGError(kind: .decode, message: "refresh returned no row")
        }
        guard let now = try first.date("now") else {
            throw PGError(kind: .decode, message: "refresh returned no server time")
        }
        let counters = DatabaseCounters(
            transactions: try first.int64("xacts") ?? 0,
            blocksHit: try first.int64("blks_hit") ?? 0,
            blocksRead: try first.int64("blks_read") ?? 0,
            at: now
        )
        let rate = rates.next(counters)
        var summary = ServerSummary(
            startTime: try first.date("start_time"),
            connections: try first.int("connections") ?? 0,
            maxConnections: try first.int("max_connections") ?? 0,
            activeConnections: try first.int("active") ?? 0,
            idleInTransaction: try first.int("idle_in_transaction") ?? 0,
            waitingOnLocks: try first.int("waiting") ?? 0,
            tps: rate.tps,
            cacheHitRatio: rate.cacheHitRatio
        )
        summary.replication = try decodeReplicationSummary(first, at: now)
        let backendCount = try first.int("backends") ?? 0
        var activity: [BackendActivity] = []
        activity.reserveCapacity(result.count)
        for row in result.allRows where try row.int32("pid") != nil {
            activity.append(try Self.decodeBackend(row))
        }

        let waiters = scope.lockWaits ? activity.filter { $0.isWaitingOnLock }.map(LockWaitKey.init) : []
        if !waiters.isEmpty {
            // pg_locks costs as much as a second read of pg_stat_activity: read it only when
            // someone started (or changed) waiting since the last refresh.
            let waits: [Int32: LockWait]
            if let known = lastLockWaits, known.keys == waiters {
                waits = known.waits
            } else {
                waits = try Self.readLockWaits(connection, pids: waiters.map(\.pid))
                lastLockWaits = (waiters, waits)
            }
            for index in activity.indices {
                if let wait = waits[activity[index].pid] { activity[index].lockWait = wait }
            }
        } else {
            lastLockWaits = nil
        }

        var waitsFor: [Int32: [Int32]] = [:]
        var ages: [Int32: Double] = [:]
        for backend in activity {
            if !backend.blockedBy.isEmpty { waitsFor[backend.pid] = backend.blockedBy }
            ages[backend.pid] = backend.xactAge(at: now) ?? backend.stateAge(at: now) ?? 0
        }
        var limitations: [String: String] = [:]
        if !info.privileges.seesAllActivity {
            limitations["activity"] = "role \(info.currentUser) sees other roles' queries as <insufficient privilege>, their lock waits only in pg_locks: GRANT pg_read_all_stats (or pg_monitor) TO \(info.currentUser)"
        }
        return Snapshot(
            capturedAt: now,
            info: info,
            summary: summary,
            activity: activity,
            backendCount: backendCount,
            idleListed: scope.idleSessions,
            blocking: BlockingForest.build(waits: waitsFor, ages: ages),
            limitations: limitations
        )
    }

    /// `read`, with the Activity pane's first `limit` rows (`readFirstRows`) handed to
    /// `firstRows` ahead of it. Both run in one transaction: the backends' status is copied once
    /// for the two (8 ms at 10 000 backends), and the list is of the moment the first rows are.
    public mutating func read(
        _ connection: PGConnection, excluding ownPids: Set<Int32> = [], scope: SnapshotScope,
        firstRows limit: Int, _ firstRows: (Snapshot) -> Void
    ) throws -> Snapshot {
        guard readsFirstRows(limit) else { return try read(connection, excluding: ownPids, scope: scope) }
        _ = try connection.execute("BEGIN READ ONLY")
        do {
            if let rows = try readFirstRows(connection, excluding: ownPids, limit: limit) { firstRows(rows) }
            let snapshot = try read(connection, excluding: ownPids, scope: scope)
            _ = try connection.execute("COMMIT")
            return snapshot
        } catch {
            if connection.isConnected { _ = try? connection.execute("ROLLBACK") }
            throw error
        }
    }

    /// Whether `readFirstRows` reads any (see there).
    private func readsFirstRows(_ limit: Int) -> Bool { info.privileges.seesAllActivity && limit > 0 }

    /// The Activity pane's first `limit` rows, read ahead of the console's first refresh, which
    /// takes tens of milliseconds on a server with thousands of backends
    /// (`Catalog.firstRowsPost130000`): the backends in a transaction whose query started first,
    /// whole, and the count of all backends. No counts by state, no rates, no blocking tree: a
    /// partial snapshot the console shows only until the refresh's arrives. Nil for a role that
    /// cannot see other roles' sessions (the per-backend functions hide their transactions, so
    /// the rows would not be the first ones).
    public func readFirstRows(_ connection: PGConnection, excluding ownPids: Set<Int32> = [], limit: Int) throws -> Snapshot? {
        guard readsFirstRows(limit) else { return nil }
        let sql = catalog.firstRows(queryLength: queryLength, trackActivityQuerySize: info.trackActivityQuerySize)
        let hidden = ownPids.union([connection.backendPid])
        let result = try connection.query(sql, [Self.intArray(hidden), String(limit)])
        guard let first = result.first, let now = try first.date("now") else {
            throw PGError(kind: .decode, message: "first rows returned no server time")
        }
        var activity: [BackendActivity] = []
        for row in result.allRows where try row.int32("pid") != nil {
            activity.append(try Self.decodeBackend(row))
        }
        return Snapshot(
            capturedAt: now, info: info,
            summary: ServerSummary(startTime: try first.date("start_time"), maxConnections: try first.int("max_connections") ?? 0),
            activity: activity, backendCount: try first.int("backends") ?? activity.count, idleListed: false,
            blocking: BlockingForest())
    }

    /// The header's replication figures; the WAL rate from the position's delta.
    mutating func decodeReplicationSummary(_ row: QueryResult.Row, at now: Date) throws -> ReplicationSummary {
        let position = try row.int64("wal_position")
        return ReplicationSummary(
            role: try row.bool("repl_in_recovery") == true ? .standby : .primary,
            walPosition: position, walBytesPerSecond: walRate.next(position: position, at: now),
            standbyCount: try row.int("standby_count") ?? 0,
            worstLagBytes: try row.int64("worst_lag_bytes"), worstLagSeconds: try row.double("worst_lag_s"))
    }

    static func decodeBackend(_ row: QueryResult.Row) throws -> BackendActivity {
        BackendActivity(
            pid: try row.int32("pid") ?? 0,
            database: try row.string("datname"),
            user: try row.string("usename"),
            application: try row.string("application_name") ?? "",
            client: try row.string("client"),
            backendType: try row.string("backend_type") ?? "",
            state: try row.string("state"),
            waitEventType: try row.string("wait_event_type"),
            waitEvent: try row.string("wait_event"),
            backendStart: try row.date("backend_start"),
            xactStart: try row.date("xact_start"),
            queryStart: try row.date("query_start"),
            stateChange: try row.date("state_change"),
            query: SecretRedaction.redact(try row.string("query") ?? ""),
            queryIsCut: try row.bool("query_cut") ?? false,
            blockedBy: try row.int32Array("blocked_by") ?? []
        )
    }

    /// A PostgreSQL array literal of pids: "{1,2,3}".
    static func intArray<S: Sequence>(_ pids: S) -> String where S.Element == Int32 {
        "{" + pids.map(String.init).joined(separator: ",") + "}"
    }

    /// The lock each waiter waits for; a transaction-id wait borrows the table from the
    /// waiter's granted tuple lock.
    static func readLockWaits(_ connection: PGConnection, pids: [Int32]) throws -> [Int32: LockWait] {
        let array = intArray(pids)
        var waits: [Int32: LockWait] = [:]
        var tupleTables: [Int32: String] = [:]
        for row in try connection.query(Catalog.lockWaits, [array]).allRows {
            guard let pid = try row.int32("pid") else { continue }
            let relation = try row.string("relation")
            if try row.bool("granted") == true {
                if let relation { tupleTables[pid] = relation }
                continue
            }
            waits[pid] = LockWait(lockType: try row.string("locktype") ?? "", mode: try row.string("mode") ?? "", relation: relation)
        }
        for (pid, table) in tupleTables where waits[pid]?.relation == nil {
            waits[pid]?.relation = table
        }
        return waits
    }
}

/// Rates from cumulative counters: deltas over the server-clock time between two samples.
/// A counter that goes down (stats reset, server restart) starts over: no rate that time.
///
/// PostgreSQL publishes its counters about once a second (a backend flushes them at most every
/// second), so two samples closer than that, or a later one before the next flush, would show
/// a rate swinging between 0 and twice the truth. The rate is measured from the last sample
/// that counted only once the counters have moved and a second has passed; meanwhile the last
/// rate stays. A server where nothing at all moves for `idleAfter` seconds reads 0.
public struct CounterRates: Sendable {
    private var base: DatabaseCounters?
    private var last: (tps: Double?, cacheHitRatio: Double?) = (nil, nil)
    static let minimumSpan: Double = 1
    static let idleAfter: Double = 2

    public init() {}

    public mutating func next(_ counters: DatabaseCounters) -> (tps: Double?, cacheHitRatio: Double?) {
        guard let base else {
            self.base = counters
            return (nil, nil)
        }
        let elapsed = counters.at.timeIntervalSince(base.at)
        let transactions = counters.transactions - base.transactions
        let hits = counters.blocksHit - base.blocksHit
        let reads = counters.blocksRead - base.blocksRead
        guard transactions >= 0, hits >= 0, reads >= 0 else {
            self.base = counters
            last = (nil, nil)
            return last
        }
        let moved = transactions > 0 || hits > 0 || reads > 0
        guard elapsed >= Self.minimumSpan, moved || elapsed >= Self.idleAfter else { return last }
        let tps = Double(transactions) / elapsed
        let ratio: Double? = hits + reads > 0 ? Double(hits) / Double(hits + reads) : nil
        self.base = counters
        last = (tps, ratio)
        return last
    }
}

/// A backend's wait as pg_stat_activity shows it: while none of this changes (same query, same
/// wait event, same blockers), it still waits for the same lock, and pg_locks need not be read.
struct LockWaitKey: Equatable, Sendable {
    var pid: Int32
    var queryStart: Date?
    var waitEvent: String?
    var blockedBy: [Int32]

    init(_ backend: BackendActivity) {
        pid = backend.pid
        queryStart = backend.queryStart
        waitEvent = backend.waitEvent
        blockedBy = backend.blockedBy
    }
}

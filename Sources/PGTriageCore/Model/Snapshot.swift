#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What we know about the server and ourselves, read once per connection.
public struct ServerInfo: Sendable, Equatable, Codable {
    public var versionNum: Int
    /// `version()` short form, e.g. "PostgreSQL 15.18".
    public var version: String
    public var inRecovery: Bool
    /// Installed extensions in the connected database (name -> extversion), among those we use.
    public var extensions: [String: String]
    public var privileges: Privileges
    /// Our own role and backend, so we can hide ourselves and name who acted.
    public var currentUser: String
    public var ownPid: Int32
    public var blockSize: Int
    public var trackActivityQuerySize: Int

    public init(
        versionNum: Int, version: String, inRecovery: Bool = false, extensions: [String: String] = [:],
        privileges: Privileges = Privileges(), currentUser: String = "", ownPid: Int32 = 0,
        blockSize: Int = 8192, trackActivityQuerySize: Int = 1024
    ) {
        self.versionNum = versionNum; self.version = version; self.inRecovery = inRecovery
        self.extensions = extensions; self.privileges = privileges; self.currentUser = currentUser
        self.ownPid = ownPid; self.blockSize = blockSize; self.trackActivityQuerySize = trackActivityQuerySize
    }

    /// "15.18"-style major version, from server_version_num.
    public var majorVersion: Int { versionNum / 10000 }
}

public struct Privileges: Sendable, Equatable, Codable {
    public var superuser = false
    public var pgMonitor = false
    public var pgReadAllStats = false
    public var pgSignalBackend = false
    public init(superuser: Bool = false, pgMonitor: Bool = false, pgReadAllStats: Bool = false, pgSignalBackend: Bool = false) {
        self.superuser = superuser; self.pgMonitor = pgMonitor
        self.pgReadAllStats = pgReadAllStats; self.pgSignalBackend = pgSignalBackend
    }
    /// Whether we can see other roles' query texts and wait states.
    public var seesAllActivity: Bool { superuser || pgMonitor || pgReadAllStats }
}

/// The header's numbers. Rates are nil until two samples exist (or after a counter reset).
public struct ServerSummary: Sendable, Equatable, Codable {
    public var startTime: Date?
    /// Client backends connected (all databases), against max_connections.
    public var connections: Int
    public var maxConnections: Int
    public var activeConnections: Int
    public var idleInTransaction: Int
    public var waitingOnLocks: Int
    /// Transactions (commits + rollbacks) per second across databases over the last interval.
    public var tps: Double?
    /// Shared-buffer hit ratio (0...1) over the last interval.
    public var cacheHitRatio: Double?
    /// Role, WAL rate and worst lag (`Model/Replication.swift`); nil until read.
    public var replication: ReplicationSummary? = nil

    public init(
        startTime: Date? = nil, connections: Int = 0, maxConnections: Int = 0, activeConnections: Int = 0,
        idleInTransaction: Int = 0, waitingOnLocks: Int = 0, tps: Double? = nil, cacheHitRatio: Double? = nil
    ) {
        self.startTime = startTime; self.connections = connections; self.maxConnections = maxConnections
        self.activeConnections = activeConnections; self.idleInTransaction = idleInTransaction
        self.waitingOnLocks = waitingOnLocks; self.tps = tps; self.cacheHitRatio = cacheHitRatio
    }

    public func uptime(at now: Date) -> Double? { startTime.map { max(0, now.timeIntervalSince($0)) } }
}

/// Cumulative pg_stat_database counters summed over databases, for TPS and hit-ratio deltas.
public struct DatabaseCounters: Sendable, Equatable {
    public var transactions: Int64
    public var blocksHit: Int64
    public var blocksRead: Int64
    /// Server clock when read.
    public var at: Date
    public init(transactions: Int64, blocksHit: Int64, blocksRead: Int64, at: Date) {
        self.transactions = transactions; self.blocksHit = blocksHit; self.blocksRead = blocksRead; self.at = at
    }
}

/// One refresh: everything the panes show, read in as few passes as possible.
public struct Snapshot: Sendable, Equatable {
    /// Server clock when the snapshot was read: every age is measured against it.
    public var capturedAt: Date
    public var info: ServerInfo
    public var summary: ServerSummary
    /// Backends other than our own that the refresh listed: all of them when `idleListed`, else
    /// all but idle sessions that block nobody and were not pinned (`SnapshotScope`).
    public var activity: [BackendActivity]
    /// Backends other than our own, listed or not.
    public var backendCount: Int
    /// Whether idle sessions are in `activity`.
    public var idleListed: Bool
    public var blocking: BlockingForest
    /// Sections limited or missing, with the reason a person can act on (key: section name).
    public var limitations: [String: String]
    /// pg_stat_statements with per-interval rates; nil when not read or unavailable (see
    /// `unavailable["statements"]`).
    public var statements: StatementsSection?
    /// Table and btree index bloat of the connected database; nil when not read or unavailable.
    public var bloat: BloatSection?
    /// Index health and foreign keys without an index; nil when not read or unavailable
    /// (`Model/IndexesJSON.swift` sets it).
    public var indexes: IndexesSection? = nil
    /// Tables, horizon, sequences and maintenance of the connected database; nil when not read
    /// or unavailable (see `unavailable["tables"]`). Set with `setTables`.
    public var tables: TablesSection?
    /// Standbys, slots, and on a standby its receiver and conflicts; nil when not read or
    /// unavailable (`Model/ReplicationJSON.swift` sets it).
    public var replication: ReplicationSection? = nil
    /// Sections that could not be had, by section name ("statements", "bloat"), with the fix.
    public var unavailable: [String: SectionUnavailable]

    public init(
        capturedAt: Date, info: ServerInfo, summary: ServerSummary, activity: [BackendActivity],
        backendCount: Int? = nil, idleListed: Bool = true,
        blocking: BlockingForest, limitations: [String: String] = [:],
        statements: StatementsSection? = nil, bloat: BloatSection? = nil, unavailable: [String: SectionUnavailable] = [:]
    ) {
        self.capturedAt = capturedAt; self.info = info; self.summary = summary
        self.activity = activity; self.blocking = blocking; self.limitations = limitations
        self.backendCount = backendCount ?? activity.count { $0.pid != info.ownPid }; self.idleListed = idleListed
        self.statements = statements; self.bloat = bloat; self.unavailable = unavailable
    }

    public func backend(pid: Int32) -> BackendActivity? { activity.first { $0.pid == pid } }
}

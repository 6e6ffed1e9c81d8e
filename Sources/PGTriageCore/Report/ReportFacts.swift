#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything the checks judge, gathered once (`ReportGatherer`): the panes' sections as their
/// readers give them, plus the few facts only the report reads (`ReportCatalog`). Each part is
/// a `SectionResult`: a part that could not be had says why, and its checks say "not checked".
public struct ReportFacts: Sendable, Equatable {
    public var target: String
    /// Server clock when gathering began.
    public var generatedAt: Date
    public var info: ServerInfo
    /// Activity with idle sessions listed, the blocking forest and the header's figures.
    public var snapshot: Snapshot
    public var statements: SectionResult<StatementsSection>
    public var indexes: SectionResult<IndexesSection>
    public var tables: SectionResult<TablesSection>
    public var bloat: SectionResult<BloatSection>
    public var databases: SectionResult<[DatabaseStats]>
    public var settings: SectionResult<[ChangedSetting]>
    public var extensions: SectionResult<[InstalledExtension]>
    public var tableActivity: SectionResult<[TableActivity]>
    public var cache: SectionResult<CacheTotals>
    public var tablesWithoutPrimaryKey: SectionResult<[TableWithoutPrimaryKey]>
    public var notValidConstraints: SectionResult<[NotValidConstraint]>
    public var checkpoints: SectionResult<CheckpointStats>
    public var roleTimeouts: SectionResult<[RoleTimeouts]>
    public var waits: SectionResult<WaitEventSample>
    public var replication: SectionResult<ReplicationFacts>
    /// Time and serial columns of the largest tables, by table oid.
    public var partitionKeys: SectionResult<[PartitionKeyColumn]>
    /// Exact heap and total sizes of the largest tables, by table oid.
    public var exactSizes: SectionResult<[ExactTableSize]> = .available([])
    /// Candidate indexes tried with HypoPG on the top statements; nil when no table is read
    /// mostly by sequential scans (nothing was tried).
    public var indexTrials: SectionResult<HypotheticalIndexTrials>?
    /// How long each part took to read (client side, milliseconds), in the order read: not in
    /// the report, for `--timings` and the benchmark.
    public var partMilliseconds: [(String, Double)] = []

    public static func == (a: ReportFacts, b: ReportFacts) -> Bool {
        a.target == b.target && a.generatedAt == b.generatedAt && a.info == b.info && a.snapshot == b.snapshot
            && a.statements == b.statements && a.indexes == b.indexes && a.tables == b.tables && a.bloat == b.bloat
            && a.databases == b.databases && a.settings == b.settings && a.extensions == b.extensions
            && a.tableActivity == b.tableActivity && a.cache == b.cache && a.tablesWithoutPrimaryKey == b.tablesWithoutPrimaryKey
            && a.notValidConstraints == b.notValidConstraints && a.checkpoints == b.checkpoints && a.roleTimeouts == b.roleTimeouts
            && a.waits == b.waits && a.replication == b.replication && a.partitionKeys == b.partitionKeys
            && a.exactSizes == b.exactSizes && a.indexTrials == b.indexTrials
    }

    public init(target: String, generatedAt: Date, info: ServerInfo, snapshot: Snapshot,
                statements: SectionResult<StatementsSection>, indexes: SectionResult<IndexesSection>,
                tables: SectionResult<TablesSection>, bloat: SectionResult<BloatSection>,
                databases: SectionResult<[DatabaseStats]>, settings: SectionResult<[ChangedSetting]>,
                extensions: SectionResult<[InstalledExtension]>, tableActivity: SectionResult<[TableActivity]>,
                cache: SectionResult<CacheTotals>, tablesWithoutPrimaryKey: SectionResult<[TableWithoutPrimaryKey]>,
                notValidConstraints: SectionResult<[NotValidConstraint]>, checkpoints: SectionResult<CheckpointStats>,
                roleTimeouts: SectionResult<[RoleTimeouts]>, waits: SectionResult<WaitEventSample>,
                replication: SectionResult<ReplicationFacts>, partitionKeys: SectionResult<[PartitionKeyColumn]>) {
        self.target = target; self.generatedAt = generatedAt; self.info = info; self.snapshot = snapshot
        self.statements = statements; self.indexes = indexes; self.tables = tables; self.bloat = bloat
        self.databases = databases; self.settings = settings; self.extensions = extensions
        self.tableActivity = tableActivity; self.cache = cache; self.tablesWithoutPrimaryKey = tablesWithoutPrimaryKey
        self.notValidConstraints = notValidConstraints; self.checkpoints = checkpoints; self.roleTimeouts = roleTimeouts
        self.waits = waits; self.replication = replication; self.partitionKeys = partitionKeys
    }

    /// The connected database's row of `databases`.
    public var currentDatabase: DatabaseStats? { databases.value?.first { $0.isCurrent } }
}

/// One database: size and cumulative counters (`pg_stat_database`).
public struct DatabaseStats: Sendable, Equatable {
    public var name: String
    /// nil when our role may not connect to it (and does not read all statistics).
    public var sizeBytes: Int64?
    public var isCurrent: Bool
    public var backends: Int64
    public var commits: Int64
    public var rollbacks: Int64
    public var blocksRead: Int64
    public var blocksHit: Int64
    public var tuplesReturned: Int64
    public var tuplesFetched: Int64
    public var tuplesInserted: Int64
    public var tuplesUpdated: Int64
    public var tuplesDeleted: Int64
    public var tempFiles: Int64
    public var tempBytes: Int64
    public var deadlocks: Int64
    public var statsReset: Date?

    public init(name: String, sizeBytes: Int64? = nil, isCurrent: Bool = false, backends: Int64 = 0, commits: Int64 = 0,
                rollbacks: Int64 = 0, blocksRead: Int64 = 0, blocksHit: Int64 = 0, tuplesReturned: Int64 = 0,
                tuplesFetched: Int64 = 0, tuplesInserted: Int64 = 0, tuplesUpdated: Int64 = 0, tuplesDeleted: Int64 = 0,
                tempFiles: Int64 = 0, tempBytes: Int64 = 0, deadlocks: Int64 = 0, statsReset: Date? = nil) {
        self.name = name; self.sizeBytes = sizeBytes; self.isCurrent = isCurrent; self.backends = backends
        self.commits = commits; self.rollbacks = rollbacks; self.blocksRead = blocksRead; self.blocksHit = blocksHit
        self.tuplesReturned = tuplesReturned; self.tuplesFetched = tuplesFetched; self.tuplesInserted = tuplesInserted
        self.tuplesUpdated = tuplesUpdated; self.tuplesDeleted = tuplesDeleted; self.tempFiles = tempFiles
        self.tempBytes = tempBytes; self.deadlocks = deadlocks; self.statsReset = statsReset
    }

    /// Shared-buffer hit ratio (0...1); nil without block traffic.
    public var hitRatio: Double? {
        blocksHit + blocksRead > 0 ? Double(blocksHit) / Double(blocksHit + blocksRead) : nil
    }
}

/// A setting whose value is not the built-in default.
public struct ChangedSetting: Sendable, Equatable {
    public var name: String
    public var setting: String
    public var unit: String?
    public var source: String
    public var defaultValue: String?
    public var pendingRestart: Bool
    public init(name: String, setting: String, unit: String? = nil, source: String, defaultValue: String? = nil, pendingRestart: Bool = false) {
        self.name = name; self.setting = setting; self.unit = unit; self.source = source
        self.defaultValue = defaultValue; self.pendingRestart = pendingRestart
    }
}

public struct InstalledExtension: Sendable, Equatable {
    public var name: String
    public var version: String
    public var schema: String
    /// The version the server's files install by default; nil when the files are gone.
    public var defaultVersion: String?
    public init(name: String, version: String, schema: String, defaultVersion: String? = nil) {
        self.name = name; self.version = version; self.schema = schema; self.defaultVersion = defaultVersion
    }
}

/// Scans and writes of one table (`pg_stat_user_tables`).
public struct TableActivity: Sendable, Equatable {
    public var oid: UInt32
    public var schema: String
    public var name: String
    public var quoted: String
    public var seqScans: Int64
    /// nil: the table has no index.
    public var indexScans: Int64?
    public var liveTuples: Int64
    public var inserted: Int64
    public var updated: Int64
    public var deleted: Int64
    public var sizeBytes: Int64

    public init(oid: UInt32, schema: String = "public", name: String, quoted: String? = nil, seqScans: Int64, indexScans: Int64?,
                liveTuples: Int64, inserted: Int64 = 0, updated: Int64 = 0, deleted: Int64 = 0, sizeBytes: Int64 = 0) {
        self.oid = oid; self.schema = schema; self.name = name; self.quoted = quoted ?? "\(schema).\(name)"
        self.seqScans = seqScans; self.indexScans = indexScans; self.liveTuples = liveTuples
        self.inserted = inserted; self.updated = updated; self.deleted = deleted; self.sizeBytes = sizeBytes
    }

    public var qualifiedName: String { "\(schema).\(name)" }

    /// Share (0...1) of scans that were sequential; nil without scans.
    public var sequentialShare: Double? {
        let total = seqScans + (indexScans ?? 0)
        return total > 0 ? Double(seqScans) / Double(total) : nil
    }
}

/// Shared-buffer hits and reads of the connected database's user tables and indexes.
public struct CacheTotals: Sendable, Equatable {
    public var heapHit: Int64
    public var heapRead: Int64
    public var indexHit: Int64
    public var indexRead: Int64
    public init(heapHit: Int64, heapRead: Int64, indexHit: Int64, indexRead: Int64) {
        self.heapHit = heapHit; self.heapRead = heapRead; self.indexHit = indexHit; self.indexRead = indexRead
    }
    public var heapRatio: Double? { heapHit + heapRead > 0 ? Double(heapHit) / Double(heapHit + heapRead) : nil }
    public var indexRatio: Double? { indexHit + indexRead > 0 ? Double(indexHit) / Double(indexHit + indexRead) : nil }
}

public struct TableWithoutPrimaryKey: Sendable, Equatable {
    public var oid: UInt32
    public var schema: String
    public var name: String
    public var quoted: String
    public var sizeBytes: Int64
    /// nil: never analysed.
    public var tuples: Double?
    /// A unique index on NOT NULL columns that can become the primary key (quoted name).
    public var uniqueIndex: String?
    public init(oid: UInt32, schema: String = "public", name: String, quoted: String? = nil, sizeBytes: Int64 = 0,
                tuples: Double? = nil, uniqueIndex: String? = nil) {
        self.oid = oid; self.schema = schema; self.name = name; self.quoted = quoted ?? "\(schema).\(name)"
        self.sizeBytes = sizeBytes; self.tuples = tuples; self.uniqueIndex = uniqueIndex
    }
    public var qualifiedName: String { "\(schema).\(name)" }
}

public struct NotValidConstraint: Sendable, Equatable {
    public var schema: String
    public var table: String
    public var quotedTable: String
    public var name: String
    public var quotedName: String
    /// `f` foreign key, `c` check.
    public var type: String
    public var definition: String
    public init(schema: String = "public", table: String, quotedTable: String? = nil, name: String, quotedName: String? = nil,
                type: String, definition: String) {
        self.schema = schema; self.table = table; self.quotedTable = quotedTable ?? "\(schema).\(table)"
        self.name = name; self.quotedName = quotedName ?? name; self.type = type; self.definition = definition
    }
    public var qualifiedTable: String { "\(schema).\(table)" }
}

/// Checkpoints since the counters' reset (`pg_stat_bgwriter`, `pg_stat_checkpointer` on 17+).
public struct CheckpointStats: Sendable, Equatable {
    public var timed: Int64
    public var requested: Int64
    public var writeMs: Double
    public var syncMs: Double
    public var buffersWritten: Int64
    public var statsReset: Date?
    public var checkpointTimeout: String
    public var maxWalSize: String
    public init(timed: Int64, requested: Int64, writeMs: Double = 0, syncMs: Double = 0, buffersWritten: Int64 = 0,
                statsReset: Date? = nil, checkpointTimeout: String = "5min", maxWalSize: String = "1GB") {
        self.timed = timed; self.requested = requested; self.writeMs = writeMs; self.syncMs = syncMs
        self.buffersWritten = buffersWritten; self.statsReset = statsReset
        self.checkpointTimeout = checkpointTimeout; self.maxWalSize = maxWalSize
    }
    public var requestedShare: Double? {
        timed + requested > 0 ? Double(requested) / Double(timed + requested) : nil
    }
}

/// A login role's effective timeouts in the connected database: its own setting in this
/// database, else its own, else the database's, else the server's.
public struct RoleTimeouts: Sendable, Equatable {
    public var role: String
    public var quoted: String
    public var superuser: Bool
    public var sessions: Int64
    public var statementTimeout: String
    public var idleInTransactionTimeout: String
    public var lockTimeout: String

    public init(role: String, quoted: String? = nil, superuser: Bool = false, sessions: Int64 = 0, statementTimeout: String = "0",
                idleInTransactionTimeout: String = "0", lockTimeout: String = "0") {
        self.role = role; self.quoted = quoted ?? SQLIdentifier.quote(role); self.superuser = superuser; self.sessions = sessions
        self.statementTimeout = statementTimeout; self.idleInTransactionTimeout = idleInTransactionTimeout
        self.lockTimeout = lockTimeout
    }

    /// The effective value of `name` from the configs, most specific first; `fallback` otherwise.
    public static func effective(_ name: String, in configs: [[String]], fallback: String) -> String {
        for config in configs {
            for item in config {
                guard let eq = item.firstIndex(of: "=") else { continue }
                if item[..<eq].lowercased() == name { return String(item[item.index(after: eq)...]) }
            }
        }
        return fallback
    }

    /// "0", "0ms", "0s", "0min": no limit.
    public static func isZero(_ value: String) -> Bool {
        let digits = value.prefix { $0.isNumber || $0 == "." }
        return !digits.isEmpty && Double(digits) == 0
    }
}

/// The wait-event mix of active client backends, sampled `samples` times over `seconds`.
public struct WaitEventSample: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var type: String
        public var event: String
        /// Backend-samples: one backend seen in one sample counts one.
        public var count: Int64
        public init(type: String, event: String, count: Int64) { self.type = type; self.event = event; self.count = count }
    }
    public var seconds: Double
    public var samples: Int
    /// Most seen first.
    public var entries: [Entry]
    public init(seconds: Double, samples: Int, entries: [Entry]) {
        self.seconds = seconds; self.samples = samples
        self.entries = entries.sorted { ($0.count, $1.type, $1.event) > ($1.count, $0.type, $0.event) }
    }
    public var total: Int64 { entries.reduce(0) { $0 + $1.count } }
    /// Active backends on average over the samples.
    public var averageActive: Double { samples > 0 ? Double(total) / Double(samples) : 0 }
    public func share(ofType type: String) -> Double? {
        total > 0 ? Double(entries.filter { $0.type == type }.reduce(0) { $0 + $1.count }) / Double(total) : nil
    }
}

/// Standbys and slots as the report's checks need them, digested from the Replication
/// reader's section (`ReplicationFacts(_:inRecovery:)`), so the checks are tested on small facts.
public struct ReplicationFacts: Sendable, Equatable {
    public struct Standby: Sendable, Equatable {
        public var name: String
        public var client: String
        public var state: String
        public var syncState: String
        /// Bytes between our WAL position and its replay position.
        public var replayLagBytes: Int64?
        /// An active slot feeds it (the primary keeps the WAL it still needs).
        public var usesSlot: Bool
        public init(name: String, client: String = "", state: String = "streaming", syncState: String = "async",
                    replayLagBytes: Int64? = nil, usesSlot: Bool = false) {
            self.name = name; self.client = client; self.state = state; self.syncState = syncState
            self.replayLagBytes = replayLagBytes; self.usesSlot = usesSlot
        }
    }
    public struct Slot: Sendable, Equatable {
        public var name: String
        public var type: String
        public var database: String
        public var active: Bool
        public var walStatus: String
        /// WAL kept for it: current position minus restart_lsn; nil before its first use.
        public var retainedBytes: Int64?
        public init(name: String, type: String = "physical", database: String = "", active: Bool, walStatus: String = "reserved",
                    retainedBytes: Int64? = nil) {
            self.name = name; self.type = type; self.database = database; self.active = active
            self.walStatus = walStatus; self.retainedBytes = retainedBytes
        }
    }
    public var inRecovery: Bool
    public var standbys: [Standby]
    public var slots: [Slot]
    /// Base backups (pg_basebackup, pg_rewind) are not standbys; a standby "uses a slot" when an
    /// active slot names its walsender's pid.
    public init(_ section: ReplicationSection, inRecovery: Bool) {
        let slotPids = Set(section.slots.compactMap { $0.active ? $0.activePid : nil })
        self.inRecovery = inRecovery
        standbys = section.standbys.filter { !$0.isBackup }.map {
            Standby(name: $0.application, client: $0.client ?? "local", state: $0.state ?? "", syncState: $0.syncState ?? "",
                    replayLagBytes: $0.replayLagBytes, usesSlot: slotPids.contains($0.pid))
        }
        slots = section.slots.map {
            Slot(name: $0.name, type: $0.type, database: $0.database ?? "", active: $0.active, walStatus: $0.walStatus ?? "",
                 retainedBytes: $0.retainedBytes)
        }
    }

    public init(inRecovery: Bool, standbys: [Standby] = [], slots: [Slot] = []) {
        self.inRecovery = inRecovery; self.standbys = standbys; self.slots = slots
    }
}

/// One table's exact size (`pg_relation_size`, `pg_total_relation_size`).
public struct ExactTableSize: Sendable, Equatable {
    public var tableOid: UInt32
    public var heapBytes: Int64
    /// With TOAST and indexes.
    public var totalBytes: Int64
    public init(tableOid: UInt32, heapBytes: Int64, totalBytes: Int64) {
        self.tableOid = tableOid; self.heapBytes = heapBytes; self.totalBytes = totalBytes
    }
}

/// A time or serial column of one of the largest tables.
public struct PartitionKeyColumn: Sendable, Equatable {
    public var tableOid: UInt32
    public var name: String
    public var type: String
    public init(tableOid: UInt32, name: String, type: String) { self.tableOid = tableOid; self.name = name; self.type = type }
}

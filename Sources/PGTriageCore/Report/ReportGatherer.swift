#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Gathers the report's facts on one monitoring connection (its statement and lock timeouts,
/// read-only): the panes' readers first, then the report's own queries, then the wait-event
/// samples. A part that fails (timeout, privilege) becomes `.unavailable` with the reason; only
/// a lost connection ends the gathering. The one exception to the single session: the candidate
/// indexes tried with HypoPG (ReportIndexTrials.swift) run on an EXPLAIN session of their own.
public struct ReportGatherer: Sendable {
    /// Seconds over which the wait-event mix is sampled (0: one sample).
    public var sampleSeconds: Double
    /// Seconds between two wait-event samples.
    public var sampleInterval: Double
    /// The largest tables whose time and serial columns are looked up (partitioning candidates).
    public var partitionCandidates: Int
    /// At most this many top statements get candidate indexes tried with HypoPG (0: none).
    public var indexTrialStatements: Int
    /// Seconds all those trials may take together.
    public var indexTrialSeconds: Double
    /// Told the backend pid of the EXPLAIN session the trials open (the console hides its own sessions).
    public var onExplainSession: (@Sendable (Int32) -> Void)?

    public init(sampleSeconds: Double = 3, sampleInterval: Double = 0.1, partitionCandidates: Int = 10,
                indexTrialStatements: Int = ReportThresholds.hypotheticalIndexStatements,
                indexTrialSeconds: Double = ReportThresholds.hypotheticalIndexSeconds,
                onExplainSession: (@Sendable (Int32) -> Void)? = nil) {
        self.sampleSeconds = max(0, sampleSeconds); self.sampleInterval = sampleInterval
        self.partitionCandidates = partitionCandidates
        self.indexTrialStatements = max(0, indexTrialStatements); self.indexTrialSeconds = max(0, indexTrialSeconds)
        self.onExplainSession = onExplainSession
    }

    public func gather(_ connection: PGConnection) throws -> ReportFacts {
        var timings: [(String, Double)] = []
        func timed<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            let started = MonotonicClock.now()
            defer { timings.append((name, (MonotonicClock.now() - started) * 1000)) }
            return try body()
        }
        let info = try timed("server info") { try SnapshotReader.readServerInfo(connection) }
        var snapshotReader = SnapshotReader(info: info, queryLength: 200)
        let snapshot = try timed("activity") { try snapshotReader.read(connection, scope: .everything) }
        var statementsReader = StatementsReader(info: info, queryLength: 200)
        let statements = try timed("statements") { try statementsReader.read(connection) }
        var indexesReader = IndexesReader(info: info)
        let indexes = try timed("indexes") { try indexesReader.read(connection) }
        var tablesReader = TablesReader()
        let tables = try timed("tables") { try tablesReader.read(connection) }
        let bloat = try timed("bloat") { try BloatReader().read(connection) }

        let databases = try timed("databases") { try Self.attempt("database sizes and counters") { try Self.readDatabases(connection) } }
        let settings = try timed("settings") { try Self.attempt("settings") { try Self.readSettings(connection) } }
        let extensions = try timed("extensions") { try Self.attempt("extensions") { try Self.readExtensions(connection) } }
        let activity = try timed("table scans") { try Self.attempt("table scans") { try Self.readTableActivity(connection, blockSize: info.blockSize) } }
        let cache = try timed("cache hits") { try Self.attempt("cache hits") { try Self.readCacheTotals(connection) } }
        let noKey = try timed("primary keys") {
            try Self.attempt("tables without a primary key") { try Self.readTablesWithoutPrimaryKey(connection, blockSize: info.blockSize) }
        }
        let notValid = try timed("NOT VALID") { try Self.attempt("NOT VALID constraints") { try Self.readNotValidConstraints(connection) } }
        let checkpoints = try timed("checkpoints") {
            try Self.attempt("checkpoints") { try Self.readCheckpoints(connection, serverVersion: info.versionNum) }
        }
        let timeouts = try timed("role timeouts") { try Self.attempt("role timeouts") { try Self.readRoleTimeouts(connection) } }
        let replication = try timed("replication") { try Self.readReplication(connection, info: info) }
        let largest = (tables.value?.tables ?? []).sorted { $0.sizeBytes > $1.sizeBytes }.prefix(partitionCandidates).map(\.oid)
        let keys = try timed("partition keys") {
            try Self.attempt("partition key columns") { try Self.readPartitionKeys(connection, tables: Array(largest)) }
        }
        let exact = try timed("exact sizes") { try Self.attempt("exact sizes of the largest tables") { try Self.readExactSizes(connection, tables: Array(largest)) } }
        let trials = try timed("hypothetical indexes") {
            try tryHypotheticalIndexes(connection, info: info, activity: activity, statements: statements, statementsReader: statementsReader)
        }
        let waits = try timed("wait events") { try Self.attempt("wait events") { try sampleWaits(connection) } }

        var facts = ReportFacts(
            target: connection.label, generatedAt: snapshot.capturedAt, info: info, snapshot: snapshot,
            statements: statements, indexes: indexes, tables: tables, bloat: bloat, databases: databases, settings: settings,
            extensions: extensions, tableActivity: activity, cache: cache, tablesWithoutPrimaryKey: noKey,
            notValidConstraints: notValid, checkpoints: checkpoints, roleTimeouts: timeouts, waits: waits,
            replication: replication, partitionKeys: keys)
        facts.exactSizes = exact
        facts.indexTrials = trials
        facts.partMilliseconds = timings
        return facts
    }

    /// The part's value, or why it could not be read; a lost connection is rethrown.
    static func attempt<T: Sendable & Equatable>(_ what: String, _ body: () throws -> T) throws -> SectionResult<T> {
        do {
            return .available(try body())
        } catch let error as PGError {
            if error.kind == .connectionLost { throw error }
            let code = error.isQueryCanceled || error.isLockTimeout ? "timeout" : (error.sqlState == "42501" ? "privilege" : "failed")
            return .unavailable(SectionUnavailable(code: code, message: "\(what) could not be read: \(error.description)"))
        }
    }

    static func uint32(_ value: Int64?) -> UInt32 { UInt32(truncatingIfNeeded: value ?? 0) }

    static func readDatabases(_ connection: PGConnection) throws -> [DatabaseStats] {
        try connection.query(ReportCatalog.databases).allRows.map { row in
            DatabaseStats(
                name: try row.string("name") ?? "", sizeBytes: try row.int64("size_bytes"), isCurrent: try row.bool("current") ?? false,
                backends: try row.int64("numbackends") ?? 0, commits: try row.int64("xact_commit") ?? 0,
                rollbacks: try row.int64("xact_rollback") ?? 0, blocksRead: try row.int64("blks_read") ?? 0,
                blocksHit: try row.int64("blks_hit") ?? 0, tuplesReturned: try row.int64("tup_returned") ?? 0,
                tuplesFetched: try row.int64("tup_fetched") ?? 0, tuplesInserted: try row.int64("tup_inserted") ?? 0,
                tuplesUpdated: try row.int64("tup_updated") ?? 0, tuplesDeleted: try row.int64("tup_deleted") ?? 0,
                tempFiles: try row.int64("temp_files") ?? 0, tempBytes: try row.int64("temp_bytes") ?? 0,
                deadlocks: try row.int64("deadlocks") ?? 0, statsReset: try row.date("stats_reset"))
        }
    }

    static func readSettings(_ connection: PGConnection) throws -> [ChangedSetting] {
        try connection.query(ReportCatalog.changedSettings).allRows.map { row in
            ChangedSetting(name: try row.string("name") ?? "", setting: try row.string("setting") ?? "", unit: try row.string("unit"),
                           source: try row.string("source") ?? "", defaultValue: try row.string("boot_val"),
                           pendingRestart: try row.bool("pending_restart") ?? false)
        }
    }

    static func readExtensions(_ connection: PGConnection) throws -> [InstalledExtension] {
        try connection.query(ReportCatalog.extensions).allRows.map { row in
            InstalledExtension(name: try row.string("name") ?? "", version: try row.string("version") ?? "",
                               schema: try row.string("schema") ?? "", defaultVersion: try row.string("default_version"))
        }
    }

    static func readTableActivity(_ connection: PGConnection, blockSize: Int) throws -> [TableActivity] {
        let result = try connection.query(ReportCatalog.tableActivity)
        guard !result.isEmpty else { return [] }
        let oid = try result.column("oid"), schema = try result.column("schema"), name = try result.column("name")
        let quoted = try result.column("quoted"), seq = try result.column("seq_scan"), idx = try result.column("idx_scan")
        let live = try result.column("n_live_tup"), ins = try result.column("n_tup_ins"), upd = try result.column("n_tup_upd")
        let del = try result.column("n_tup_del"), pages = try result.column("pages")
        return try result.allRows.map { row in
            TableActivity(oid: uint32(try row.int64(oid)), schema: row.string(schema) ?? "", name: row.string(name) ?? "",
                          quoted: row.string(quoted), seqScans: try row.int64(seq) ?? 0, indexScans: try row.int64(idx),
                          liveTuples: try row.int64(live) ?? 0, inserted: try row.int64(ins) ?? 0, updated: try row.int64(upd) ?? 0,
                          deleted: try row.int64(del) ?? 0, sizeBytes: (try row.int64(pages) ?? 0) * Int64(blockSize))
        }
    }

    static func readCacheTotals(_ connection: PGConnection) throws -> CacheTotals {
        let row = try connection.query(ReportCatalog.cacheTotals).first
        return CacheTotals(heapHit: try row?.int64("heap_hit") ?? 0, heapRead: try row?.int64("heap_read") ?? 0,
                           indexHit: try row?.int64("index_hit") ?? 0, indexRead: try row?.int64("index_read") ?? 0)
    }

    static func readTablesWithoutPrimaryKey(_ connection: PGConnection, blockSize: Int) throws -> [TableWithoutPrimaryKey] {
        try connection.query(ReportCatalog.tablesWithoutPrimaryKey).allRows.map { row in
            let tuples = try row.double("tuples")
            return TableWithoutPrimaryKey(
                oid: uint32(try row.int64("oid")), schema: try row.string("schema") ?? "", name: try row.string("name") ?? "",
                quoted: try row.string("quoted"), sizeBytes: (try row.int64("pages") ?? 0) * Int64(blockSize),
                tuples: tuples.flatMap { $0 < 0 ? nil : $0 }, uniqueIndex: try row.string("unique_index"))
        }
    }

    static func readNotValidConstraints(_ connection: PGConnection) throws -> [NotValidConstraint] {
        try connection.query(ReportCatalog.notValidConstraints).allRows.map { row in
            NotValidConstraint(schema: try row.string("schema") ?? "", table: try row.string("table_name") ?? "",
                               quotedTable: try row.string("quoted_table"), name: try row.string("name") ?? "",
                               quotedName: try row.string("quoted_name"), type: try row.string("type") ?? "",
                               definition: try row.string("definition") ?? "")
        }
    }

    static func readCheckpoints(_ connection: PGConnection, serverVersion: Int) throws -> CheckpointStats {
        guard let row = try connection.query(ReportCatalog.checkpoints(serverVersion: serverVersion)).first else {
            throw PGError(kind: .decode, message: "the checkpoint counters returned no row")
        }
        return CheckpointStats(
            timed: try row.int64("timed") ?? 0, requested: try row.int64("requested") ?? 0,
            writeMs: try row.double("write_ms") ?? 0, syncMs: try row.double("sync_ms") ?? 0,
            buffersWritten: try row.int64("buffers_written") ?? 0, statsReset: try row.date("stats_reset"),
            checkpointTimeout: try row.string("checkpoint_timeout") ?? "", maxWalSize: try row.string("max_wal_size") ?? "")
    }

    static func readRoleTimeouts(_ connection: PGConnection) throws -> [RoleTimeouts] {
        try connection.query(ReportCatalog.roleTimeouts).allRows.map { row in
            let configs = [try row.stringArray("role_db_config") ?? [], try row.stringArray("role_config") ?? [],
                           try row.stringArray("db_config") ?? []]
            return RoleTimeouts(
                role: try row.string("role") ?? "", quoted: try row.string("quoted"), superuser: try row.bool("superuser") ?? false,
                sessions: try row.int64("sessions") ?? 0,
                statementTimeout: RoleTimeouts.effective("statement_timeout", in: configs,
                                                         fallback: try row.string("server_statement_timeout") ?? "0"),
                idleInTransactionTimeout: RoleTimeouts.effective("idle_in_transaction_session_timeout", in: configs,
                                                                 fallback: try row.string("server_idle_timeout") ?? "0"),
                lockTimeout: RoleTimeouts.effective("lock_timeout", in: configs, fallback: try row.string("server_lock_timeout") ?? "0"))
        }
    }

    /// The report's replication inputs: the Replication pane's own reader, digested.
    static func readReplication(_ connection: PGConnection, info: ServerInfo) throws -> SectionResult<ReplicationFacts> {
        var reader = ReplicationReader(serverVersion: info.versionNum)
        switch try reader.read(connection) {
        case .available(let section): return .available(ReplicationFacts(section, inRecovery: info.inRecovery))
        case .unavailable(let reason): return .unavailable(reason)
        }
    }

    static func readExactSizes(_ connection: PGConnection, tables: [UInt32]) throws -> [ExactTableSize] {
        guard !tables.isEmpty else { return [] }
        let array = "{" + tables.map(String.init).joined(separator: ",") + "}"
        return try connection.query(ReportCatalog.exactSizes, [array]).allRows.compactMap { row in
            guard let heap = try row.int64("heap_bytes"), let total = try row.int64("total_bytes") else { return nil }
            return ExactTableSize(tableOid: uint32(try row.int64("oid")), heapBytes: heap, totalBytes: total)
        }
    }

    static func readPartitionKeys(_ connection: PGConnection, tables: [UInt32]) throws -> [PartitionKeyColumn] {
        guard !tables.isEmpty else { return [] }
        let array = "{" + tables.map(String.init).joined(separator: ",") + "}"
        return try connection.query(ReportCatalog.partitionKeyColumns, [array]).allRows.map { row in
            PartitionKeyColumn(tableOid: uint32(try row.int64("oid")), name: try row.string("name") ?? "",
                               type: try row.string("type") ?? "")
        }
    }

    /// Samples the wait-event mix every `sampleInterval` for `sampleSeconds` (one prepared
    /// statement, a few rows each).
    func sampleWaits(_ connection: PGConnection) throws -> WaitEventSample {
        let started = MonotonicClock.now()
        let deadline = started + sampleSeconds
        var counts: [String: (type: String, event: String, count: Int64)] = [:]
        var samples = 0
        repeat {
            let sampleStart = MonotonicClock.now()
            for row in try connection.queryPrepared("pgtriage_report_waits", ReportCatalog.waitSample).allRows {
                let type = try row.string("wait_type") ?? "", event = try row.string("wait_event") ?? ""
                counts["\(type)\u{0}\(event)", default: (type, event, 0)].count += try row.int64("n") ?? 0
            }
            samples += 1
            let next = sampleStart + sampleInterval
            let now = MonotonicClock.now()
            if now >= deadline { break }
            if next > now { usleep(UInt32((min(next, deadline) - now) * 1_000_000)) }
        } while MonotonicClock.now() < deadline
        return WaitEventSample(seconds: MonotonicClock.now() - started, samples: samples,
                               entries: counts.values.map { WaitEventSample.Entry(type: $0.type, event: $0.event, count: $0.count) })
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The server's autovacuum settings, as `current_setting` gives them (defaults of 13-18 here, so a
/// test can build one by hand). `-1` thresholds mean "off" where PostgreSQL says so.
public struct AutovacuumSettings: Sendable, Equatable, Codable {
    /// `autovacuum`: off stops every threshold vacuum (anti-wraparound vacuums still run).
    public var autovacuum: Bool
    /// `track_counts`: without it there are no dead-tuple counts and autovacuum does nothing.
    public var trackCounts: Bool
    public var vacuumThreshold: Double
    public var vacuumScaleFactor: Double
    /// `autovacuum_vacuum_max_threshold` (18+, default 100 000 000; -1 disables); nil before 18.
    public var vacuumMaxThreshold: Double?
    /// `autovacuum_vacuum_insert_threshold` (13+, default 1000; -1 disables insert vacuums).
    public var insertThreshold: Double
    public var insertScaleFactor: Double
    public var analyzeThreshold: Double
    public var analyzeScaleFactor: Double
    public var freezeMaxAge: Double
    public var multixactFreezeMaxAge: Double

    public init(autovacuum: Bool = true, trackCounts: Bool = true, vacuumThreshold: Double = 50, vacuumScaleFactor: Double = 0.2,
                vacuumMaxThreshold: Double? = nil, insertThreshold: Double = 1000, insertScaleFactor: Double = 0.2,
                analyzeThreshold: Double = 50, analyzeScaleFactor: Double = 0.1,
                freezeMaxAge: Double = 200_000_000, multixactFreezeMaxAge: Double = 400_000_000) {
        self.autovacuum = autovacuum; self.trackCounts = trackCounts
        self.vacuumThreshold = vacuumThreshold; self.vacuumScaleFactor = vacuumScaleFactor
        self.vacuumMaxThreshold = vacuumMaxThreshold; self.insertThreshold = insertThreshold
        self.insertScaleFactor = insertScaleFactor; self.analyzeThreshold = analyzeThreshold
        self.analyzeScaleFactor = analyzeScaleFactor; self.freezeMaxAge = freezeMaxAge
        self.multixactFreezeMaxAge = multixactFreezeMaxAge
    }
}

/// A table's own autovacuum reloptions (`WITH (autovacuum_enabled = off, ...)`); nil: not set.
public struct TableAutovacuumOptions: Sendable, Equatable, Codable {
    public var enabled: Bool?
    public var vacuumThreshold: Double?
    public var vacuumScaleFactor: Double?
    public var vacuumMaxThreshold: Double?
    public var insertThreshold: Double?
    public var insertScaleFactor: Double?
    public var analyzeThreshold: Double?
    public var analyzeScaleFactor: Double?
    public var freezeMaxAge: Double?
    public var multixactFreezeMaxAge: Double?
    /// The `autovacuum_*` options set, as written (`autovacuum_vacuum_scale_factor=0.01`).
    public var overridden: [String]

    public init(enabled: Bool? = nil, vacuumThreshold: Double? = nil, vacuumScaleFactor: Double? = nil,
                vacuumMaxThreshold: Double? = nil, insertThreshold: Double? = nil, insertScaleFactor: Double? = nil,
                analyzeThreshold: Double? = nil, analyzeScaleFactor: Double? = nil, freezeMaxAge: Double? = nil,
                multixactFreezeMaxAge: Double? = nil, overridden: [String] = []) {
        self.enabled = enabled; self.vacuumThreshold = vacuumThreshold; self.vacuumScaleFactor = vacuumScaleFactor
        self.vacuumMaxThreshold = vacuumMaxThreshold; self.insertThreshold = insertThreshold
        self.insertScaleFactor = insertScaleFactor; self.analyzeThreshold = analyzeThreshold
        self.analyzeScaleFactor = analyzeScaleFactor; self.freezeMaxAge = freezeMaxAge
        self.multixactFreezeMaxAge = multixactFreezeMaxAge; self.overridden = overridden
    }

    /// From `pg_class.reloptions` (`name=value` items); other options are ignored.
    public static func parse(_ reloptions: [String]) -> TableAutovacuumOptions {
        var o = TableAutovacuumOptions()
        for item in reloptions {
            guard let eq = item.firstIndex(of: "=") else { continue }
            let name = item[..<eq].lowercased(), text = String(item[item.index(after: eq)...])
            let number = PGText.double(text)
            switch name {
            case "autovacuum_enabled": o.enabled = reloptionBool(text)
            case "autovacuum_vacuum_threshold": o.vacuumThreshold = number
            case "autovacuum_vacuum_scale_factor": o.vacuumScaleFactor = number
            case "autovacuum_vacuum_max_threshold": o.vacuumMaxThreshold = number
            case "autovacuum_vacuum_insert_threshold": o.insertThreshold = number
            case "autovacuum_vacuum_insert_scale_factor": o.insertScaleFactor = number
            case "autovacuum_analyze_threshold": o.analyzeThreshold = number
            case "autovacuum_analyze_scale_factor": o.analyzeScaleFactor = number
            case "autovacuum_freeze_max_age": o.freezeMaxAge = number
            case "autovacuum_multixact_freeze_max_age": o.multixactFreezeMaxAge = number
            default: continue
            }
            o.overridden.append(item)
        }
        return o
    }

    /// A boolean reloption as PostgreSQL's parse_bool takes it (stored as written).
    static func reloptionBool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "t", "true", "on", "y", "yes", "1": return true
        case "f", "false", "off", "n", "no", "0": return false
        default: return nil
        }
    }
}

/// When autovacuum takes a table, by `relation_needs_vacanalyze()` in
/// src/backend/postmaster/autovacuum.c and docs maintenance.sgml ("The Autovacuum Daemon"):
/// - vacuum: `dead > min(max_threshold, threshold + scale_factor * reltuples)` (the cap: 18+);
/// - insert vacuum (13+): `inserted > insert_threshold + insert_scale_factor * reltuples
///   * (1 - relallfrozen / relpages)` (the unfrozen share: 18+); off when the threshold is -1;
/// - analyze: `modified > analyze_threshold + analyze_scale_factor * reltuples`;
/// - anti-wraparound: `age(relfrozenxid) > freeze_max_age` (even with autovacuum off).
/// A table's reloption (>= 0) overrides the setting; its freeze max ages can only lower the
/// setting's. `reltuples` below 0 (never vacuumed or analysed, 14+) counts as 0.
public struct AutovacuumThresholds: Sendable, Equatable, Codable {
    public var vacuum: Double
    /// Nil: insert vacuums are off (-1).
    public var insert: Double?
    public var analyze: Double
    public var freezeMaxAge: Double
    public var multixactFreezeMaxAge: Double
    /// Inputs of the formula, for the detail view.
    public var vacuumBase: Double
    public var vacuumScaleFactor: Double
    public var vacuumMax: Double?
    public var insertBase: Double
    public var insertScaleFactor: Double
    public var analyzeBase: Double
    public var analyzeScaleFactor: Double
    public var unfrozenShare: Double

    public init(settings: AutovacuumSettings, options: TableAutovacuumOptions, reltuples: Double?,
                relpages: Int64 = 0, relallfrozen: Int64? = nil) {
        func pick(_ own: Double?, _ setting: Double) -> Double { own.flatMap { $0 >= 0 ? $0 : nil } ?? setting }
        let tuples = max(0, reltuples ?? 0)
        vacuumBase = pick(options.vacuumThreshold, settings.vacuumThreshold)
        vacuumScaleFactor = pick(options.vacuumScaleFactor, settings.vacuumScaleFactor)
        // The table's max threshold is taken when >= -1 (-1 there turns the cap off).
        let ownMax = options.vacuumMaxThreshold.flatMap { $0 >= -1 ? $0 : nil }
        let maxThreshold = settings.vacuumMaxThreshold.map { ownMax ?? $0 }
        vacuumMax = maxThreshold.flatMap { $0 >= 0 ? $0 : nil }
        var vac = vacuumBase + vacuumScaleFactor * tuples
        if let cap = vacuumMax, vac > cap { vac = cap }
        vacuum = vac
        insertBase = options.insertThreshold.flatMap { $0 >= -1 ? $0 : nil } ?? settings.insertThreshold
        insertScaleFactor = pick(options.insertScaleFactor, settings.insertScaleFactor)
        if let frozen = relallfrozen, relpages > 0 {
            unfrozenShare = 1 - min(1, max(0, Double(frozen) / Double(relpages)))
        } else {
            unfrozenShare = 1
        }
        insert = insertBase < 0 ? nil : insertBase + insertScaleFactor * tuples * unfrozenShare
        analyzeBase = pick(options.analyzeThreshold, settings.analyzeThreshold)
        analyzeScaleFactor = pick(options.analyzeScaleFactor, settings.analyzeScaleFactor)
        analyze = analyzeBase + analyzeScaleFactor * tuples
        freezeMaxAge = options.freezeMaxAge.flatMap { $0 >= 0 ? min($0, settings.freezeMaxAge) : nil } ?? settings.freezeMaxAge
        multixactFreezeMaxAge = options.multixactFreezeMaxAge.flatMap { $0 >= 0 ? min($0, settings.multixactFreezeMaxAge) : nil }
            ?? settings.multixactFreezeMaxAge
    }
}

/// Where XIDs and MXIDs stop: a wrap limit 2^31 - 1 transactions past the oldest frozen XID
/// (`SetTransactionIdLimit()` in src/backend/access/transam/varsup.c: `xidWrapLimit = oldest +
/// (MaxTransactionId >> 1)`), and new IDs refused `stopMargin` before it: 3 000 000 since 14
/// (commit cd5e822, "Change XID and mxact limits to warn at 40M and stop at 3M"); 1 000 000 XIDs
/// and 100 MXIDs on 13.
public enum Wraparound {
    public static let wrapLimit: Double = 2_147_483_647

    public static func xidStopMargin(serverVersion: Int) -> Double { serverVersion >= 140000 ? 3_000_000 : 1_000_000 }
    public static func mxidStopMargin(serverVersion: Int) -> Double { serverVersion >= 140000 ? 3_000_000 : 100 }

    /// Age as % of the age at which the server stops assigning XIDs.
    public static func xidPercent(age: Int64, serverVersion: Int) -> Double {
        Double(age) / (wrapLimit - xidStopMargin(serverVersion: serverVersion)) * 100
    }

    public static func mxidPercent(age: Int64, serverVersion: Int) -> Double {
        Double(age) / (wrapLimit - mxidStopMargin(serverVersion: serverVersion)) * 100
    }
}

/// When the Tables pane colours a figure (docs/usage.md).
public enum TablesThresholds {
    /// Vacuum/insert due %: autovacuum comes at 100 %.
    public static let duePercent = (warning: 80.0, critical: 100.0)
    /// Freeze %: an anti-wraparound vacuum comes at 100 % of autovacuum_freeze_max_age.
    public static let freezePercent = (warning: 75.0, critical: 100.0)
    /// Wraparound %: of the age where the server stops assigning XIDs.
    public static let wraparoundPercent = (warning: 25.0, critical: 50.0)
    /// Sequences: last_value as % of the owning column's maximum (the 50 / 75).
    public static let sequencePercent = (warning: 50.0, critical: 75.0)
    /// A horizon holder older than this many XIDs is flagged.
    public static let holderAge = (warning: Int64(1_000), critical: Int64(1_000_000))
}

/// One table (or materialized view) of the Tables pane.
public struct TableStats: Sendable, Equatable, Identifiable, Codable {
    public var oid: UInt32
    public var schema: String
    public var name: String
    /// `relpages x block_size` (as of the last VACUUM/ANALYZE; never pg_relation_size).
    public var sizeBytes: Int64
    public var pages: Int64
    /// `reltuples`; nil when never vacuumed or analysed (-1, 14+).
    public var reltuples: Double?
    public var liveTuples: Int64
    public var deadTuples: Int64
    public var modsSinceAnalyze: Int64
    /// `n_ins_since_vacuum` (13+).
    public var insertsSinceVacuum: Int64
    public var lastVacuum: Date?
    public var lastAutovacuum: Date?
    public var lastAnalyze: Date?
    public var lastAutoanalyze: Date?
    public var options: TableAutovacuumOptions
    /// Autovacuum's threshold vacuums can take it: the setting on, and the table's option not off.
    public var autovacuumEnabled: Bool
    public var thresholds: AutovacuumThresholds
    /// `greatest(age(relfrozenxid), age(its TOAST table's relfrozenxid))`.
    public var xidAge: Int64
    public var mxidAge: Int64
    /// Server version, for the wraparound stop margin.
    public var serverVersion: Int

    public init(oid: UInt32, schema: String, name: String, sizeBytes: Int64, pages: Int64 = 0, reltuples: Double?,
                liveTuples: Int64, deadTuples: Int64, modsSinceAnalyze: Int64 = 0, insertsSinceVacuum: Int64 = 0,
                lastVacuum: Date? = nil, lastAutovacuum: Date? = nil, lastAnalyze: Date? = nil, lastAutoanalyze: Date? = nil,
                options: TableAutovacuumOptions = TableAutovacuumOptions(), settings: AutovacuumSettings = AutovacuumSettings(),
                relallfrozen: Int64? = nil, xidAge: Int64 = 0, mxidAge: Int64 = 0, serverVersion: Int = 150000) {
        self.oid = oid; self.schema = schema; self.name = name; self.sizeBytes = sizeBytes; self.pages = pages
        self.reltuples = reltuples.flatMap { $0 < 0 ? nil : $0 }
        self.liveTuples = liveTuples; self.deadTuples = deadTuples; self.modsSinceAnalyze = modsSinceAnalyze
        self.insertsSinceVacuum = insertsSinceVacuum; self.lastVacuum = lastVacuum; self.lastAutovacuum = lastAutovacuum
        self.lastAnalyze = lastAnalyze; self.lastAutoanalyze = lastAutoanalyze; self.options = options
        self.autovacuumEnabled = settings.autovacuum && settings.trackCounts && options.enabled != false
        self.thresholds = AutovacuumThresholds(settings: settings, options: options, reltuples: reltuples,
                                               relpages: pages, relallfrozen: relallfrozen)
        self.xidAge = xidAge; self.mxidAge = mxidAge; self.serverVersion = serverVersion
    }

    public var id: UInt32 { oid }
    public var qualifiedName: String { "\(schema).\(name)" }

    /// dead / (live + dead) x 100; nil with no tuples counted.
    public var deadPercent: Double? {
        let total = liveTuples + deadTuples
        return total > 0 ? Double(deadTuples) / Double(total) * 100 : nil
    }

    static func percent(_ value: Int64, of threshold: Double?) -> Double? {
        guard let threshold else { return nil }
        return threshold > 0 ? Double(value) / threshold * 100 : (value > 0 ? .infinity : 0)
    }

    /// Dead tuples as % of the vacuum threshold: autovacuum takes it past 100.
    public var vacuumDuePercent: Double { Self.percent(deadTuples, of: thresholds.vacuum) ?? 0 }
    /// Inserts since the last vacuum as % of the insert threshold; nil when insert vacuums are off.
    public var insertDuePercent: Double? { Self.percent(insertsSinceVacuum, of: thresholds.insert) }
    public var analyzeDuePercent: Double { Self.percent(modsSinceAnalyze, of: thresholds.analyze) ?? 0 }
    /// The nearer of the two vacuum triggers.
    public var dueMaxPercent: Double { max(vacuumDuePercent, insertDuePercent ?? 0) }
    /// age(relfrozenxid) as % of the table's autovacuum_freeze_max_age (anti-wraparound at 100).
    public var freezePercent: Double { Double(xidAge) / max(1, thresholds.freezeMaxAge) * 100 }
    public var mxidFreezePercent: Double { Double(mxidAge) / max(1, thresholds.multixactFreezeMaxAge) * 100 }
    /// The worse of the XID and MXID ages, as % of where the server stops assigning them.
    public var wraparoundPercent: Double {
        max(Wraparound.xidPercent(age: xidAge, serverVersion: serverVersion),
            Wraparound.mxidPercent(age: mxidAge, serverVersion: serverVersion))
    }
    public var lastVacuumAny: Date? { [lastVacuum, lastAutovacuum].compactMap { $0 }.max() }
    public var lastAnalyzeAny: Date? { [lastAnalyze, lastAutoanalyze].compactMap { $0 }.max() }
}

/// A database's frozen XID and MXID ages (`pg_database`).
public struct DatabaseAge: Sendable, Equatable, Codable {
    public var name: String
    public var xidAge: Int64
    public var mxidAge: Int64
    public var freezePercent: Double
    public var wraparoundPercent: Double
    public init(name: String, xidAge: Int64, mxidAge: Int64, settings: AutovacuumSettings, serverVersion: Int) {
        self.name = name; self.xidAge = xidAge; self.mxidAge = mxidAge
        freezePercent = Double(xidAge) / max(1, settings.freezeMaxAge) * 100
        wraparoundPercent = max(Wraparound.xidPercent(age: xidAge, serverVersion: serverVersion),
                                Wraparound.mxidPercent(age: mxidAge, serverVersion: serverVersion))
    }
}

/// What holds the xmin horizon back: VACUUM cannot remove rows deleted after its xmin.
public enum HorizonHolderKind: String, Sendable, Equatable, CaseIterable, Codable {
    case backend
    case replicationSlot = "replication_slot"
    case preparedXact = "prepared_xact"
    case standby
}

public struct HorizonHolder: Sendable, Equatable, Codable {
    public var kind: HorizonHolderKind
    /// The pid, slot name or gid.
    public var id: String
    /// The backend (or walsender, active slot's) pid.
    public var pid: Int32?
    /// In XIDs: greatest of age(xmin) and age(xid) (a read-committed idle transaction has an
    /// xid but no snapshot).
    public var xminAge: Int64
    /// Who: user and application, slot type and database, prepared-by owner.
    public var owner: String?
    public var detail: String?
    /// Since when: the transaction's start, the prepare time, the walsender's start.
    public var since: Date?

    public init(kind: HorizonHolderKind, id: String, pid: Int32? = nil, xminAge: Int64, owner: String? = nil,
                detail: String? = nil, since: Date? = nil) {
        self.kind = kind; self.id = id; self.pid = pid; self.xminAge = xminAge; self.owner = owner
        self.detail = detail; self.since = since
    }

    public var label: String {
        switch kind {
        case .backend: return "backend \(id)"
        case .replicationSlot: return "slot \(id)"
        case .preparedXact: return "prepared \(id)"
        case .standby: return "standby \(id)"
        }
    }
}

/// A sequence and how far its last value went toward the maximum of the column that uses it.
public struct SequenceRow: Sendable, Equatable, Codable {
    public var schema: String
    public var name: String
    /// The sequence's own type (`bigint` for serial's successor `bigserial`, `integer` for serial).
    public var sequenceType: String
    /// Type of the column it feeds (via pg_depend), or nil when no column owns it.
    public var columnType: String?
    /// `schema.table.column` owning it.
    public var ownedBy: String?
    /// Nil: never called, or our role may not read it (`readable`).
    public var lastValue: Int64?
    public var sequenceMax: Int64
    public var increment: Int64
    public var readable: Bool

    public init(schema: String, name: String, sequenceType: String, columnType: String? = nil, ownedBy: String? = nil,
                lastValue: Int64?, sequenceMax: Int64, increment: Int64 = 1, readable: Bool = true) {
        self.schema = schema; self.name = name; self.sequenceType = sequenceType; self.columnType = columnType
        self.ownedBy = ownedBy; self.lastValue = lastValue; self.sequenceMax = sequenceMax
        self.increment = increment; self.readable = readable
    }

    public var qualifiedName: String { "\(schema).\(name)" }

    /// Largest value of an integer type by name; nil for others (numeric...).
    public static func typeMax(_ type: String) -> Int64? {
        switch type {
        case "smallint", "int2": return Int64(Int16.max)
        case "integer", "int4", "int": return Int64(Int32.max)
        case "bigint", "int8": return Int64.max
        default: return nil
        }
    }

    /// Where it runs out: the smaller of the sequence's maximum and its column type's (an
    /// `integer` column on a bigint sequence fails at 2^31 - 1).
    public var maxValue: Int64 {
        guard let type = columnType, let columnMax = Self.typeMax(type) else { return sequenceMax }
        return min(columnMax, sequenceMax)
    }

    /// last_value as % of `maxValue` (ascending sequences; descending ones are not rated).
    public var usedPercent: Double? {
        guard let lastValue, increment > 0, maxValue > 0 else { return nil }
        return max(0, Double(lastValue)) / Double(maxValue) * 100
    }
}

/// A running VACUUM, autovacuum, ANALYZE, CREATE INDEX, CLUSTER or VACUUM FULL, from the
/// `pg_stat_progress_*` views.
public struct MaintenanceProgress: Sendable, Equatable, Codable {
    public var pid: Int32
    /// "VACUUM", "autovacuum", "ANALYZE", "CREATE INDEX", "CLUSTER", "VACUUM FULL"...
    public var command: String
    public var relation: String
    public var phase: String
    /// Units of work done and to do (heap blocks, sample blocks, index blocks or tuples).
    public var done: Int64
    public var total: Int64
    public var unit: String
    /// When the command started (`query_start`), for the elapsed time.
    public var startedAt: Date?
    /// Seconds since the start, at the section's clock.
    public var elapsedSeconds: Double?
    /// What the version adds: dead tuples (13-16) or their bytes and indexes (17+), delay (18+).
    public var details: [String]
    /// Units per second, from two samples when there are, else since the start.
    public var rate: Double?

    public init(pid: Int32, command: String, relation: String, phase: String, done: Int64, total: Int64, unit: String,
                startedAt: Date? = nil, elapsedSeconds: Double? = nil, details: [String] = [], rate: Double? = nil) {
        self.pid = pid; self.command = command; self.relation = relation; self.phase = phase
        self.done = done; self.total = total; self.unit = unit; self.startedAt = startedAt
        self.elapsedSeconds = elapsedSeconds; self.details = details
        self.rate = rate ?? Self.rate(done: done, elapsed: elapsedSeconds)
    }

    /// Work per second since the start; nil before any work or time.
    public static func rate(done: Int64, elapsed: Double?) -> Double? {
        guard let elapsed, elapsed > 0, done > 0 else { return nil }
        return Double(done) / elapsed
    }

    /// Work per second between two samples of the same command (same pid, relation, phase and
    /// unit, and progress made); nil otherwise.
    public static func rate(from previous: MaintenanceProgress, to current: MaintenanceProgress, seconds: Double) -> Double? {
        guard seconds > 0, previous.pid == current.pid, previous.relation == current.relation,
              previous.unit == current.unit, previous.phase == current.phase, current.done > previous.done else { return nil }
        return Double(current.done - previous.done) / seconds
    }

    public var donePercent: Double? {
        total > 0 ? min(100, Double(done) / Double(total) * 100) : nil
    }

    /// Seconds left at `rate`; nil when unknown.
    public var etaSeconds: Double? {
        guard let rate, rate > 0, total > 0 else { return nil }
        return Double(max(0, total - done)) / rate
    }
}

/// The Tables section: tables with their autovacuum thresholds and ages, the horizon, sequences
/// and running maintenance of the connected database.
public struct TablesSection: Sendable, Equatable, Codable {
    public var database: String
    public var capturedAt: Date
    public var serverVersion: Int
    public var settings: AutovacuumSettings
    /// Sorted by how near autovacuum is (`dueMaxPercent`), the largest first.
    public var tables: [TableStats]
    public var databases: [DatabaseAge]
    /// The oldest first.
    public var holders: [HorizonHolder]
    /// Sorted by used %, the largest first.
    public var sequences: [SequenceRow]
    public var maintenance: [MaintenanceProgress]
    /// What could not be read, and why (sequences not readable, activity of other roles hidden).
    public var limitations: [String]
    public var queryMilliseconds: Double

    public init(database: String, capturedAt: Date, serverVersion: Int = 150000, settings: AutovacuumSettings = AutovacuumSettings(),
                tables: [TableStats], databases: [DatabaseAge] = [], holders: [HorizonHolder] = [],
                sequences: [SequenceRow] = [], maintenance: [MaintenanceProgress] = [], limitations: [String] = [],
                queryMilliseconds: Double = 0) {
        self.database = database; self.capturedAt = capturedAt; self.serverVersion = serverVersion
        self.settings = settings; self.tables = tables; self.databases = databases; self.holders = holders
        self.sequences = sequences; self.maintenance = maintenance; self.limitations = limitations
        self.queryMilliseconds = queryMilliseconds
    }

    /// The oldest holder's age; nil when nothing holds the horizon.
    public var oldestXminAge: Int64? { holders.map(\.xminAge).max() }

    public var limitation: String? { limitations.isEmpty ? nil : limitations.joined(separator: "; ") }

    public static func sortedTables(_ rows: [TableStats]) -> [TableStats] {
        rows.sorted { ($0.dueMaxPercent, $1.oid) > ($1.dueMaxPercent, $0.oid) }
    }

    public static func sortedSequences(_ rows: [SequenceRow]) -> [SequenceRow] {
        rows.sorted { ($0.usedPercent ?? -1, $1.qualifiedName) > ($1.usedPercent ?? -1, $0.qualifiedName) }
    }

    /// The running command of a backend, for the Activity detail.
    public func maintenance(pid: Int32) -> MaintenanceProgress? { maintenance.first { $0.pid == pid } }
}

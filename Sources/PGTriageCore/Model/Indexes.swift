#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What can be wrong with an index (docs/usage.md, "Indexes"): the rules and their sources.
public enum IndexFlag: String, Sendable, Equatable, Hashable, CaseIterable, Comparable, Codable {
    /// No scan since the statistics were reset; not unique, primary, exclusion or replica
    /// identity (pgwatch `reco_drop_index`, postgres-checkup H002).
    case unused
    /// A leading prefix of another valid index of the same table (postgres-checkup H004).
    case redundant
    /// `indisvalid` false and no CREATE INDEX (CONCURRENTLY) building it now (H001, pgwatch).
    case invalid
    /// Estimated btree bloat at or over 40 % of an index of 1 MiB or more (ioguix, F005).
    case bloated

    public static func < (a: IndexFlag, b: IndexFlag) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// The btree bloat estimate of one index, or why there is none.
public enum IndexBloatEstimate: Sendable, Equatable, Codable {
    /// Percent of the index's size beyond what its entries need at the fillfactor.
    case estimated(percent: Double, bytes: Int64)
    /// Not a btree, or not among the largest indexes the estimate looks at.
    case notEstimated
    /// The method cannot be trusted here (ioguix's `is_na`: a `name` column).
    case notApplicable(String)
    /// No usable statistics (never analysed, or hidden from our role).
    case noStatistics(BloatEstimateStatus)

    public var percent: Double? {
        if case .estimated(let percent, _) = self { return percent }
        return nil
    }
}

/// One index as the catalog gives it: what the flags need (pure input of `IndexFindings`).
public struct IndexDefinition: Sendable, Equatable, Codable {
    public var oid: UInt32
    public var tableOid: UInt32
    public var schema: String
    public var table: String
    public var name: String
    /// Access method (`pg_am.amname`).
    public var method: String
    /// `indkey`: table column numbers, 0 for an expression; key columns then INCLUDE columns.
    public var columns: [Int]
    /// `indnkeyatts`: how many of `columns` are key columns.
    public var keyColumnCount: Int
    /// `indclass` and `indcollation`, one per key column.
    public var operatorClasses: [UInt32]
    public var collations: [UInt32]
    /// `pg_get_expr(indexprs)` and `pg_get_expr(indpred)`, nil when none.
    public var expressions: String?
    public var predicate: String?
    public var isUnique: Bool
    public var isPrimary: Bool
    public var isExclusion: Bool
    public var isReplicaIdentity: Bool
    public var isValid: Bool
    /// Why `expressions` and `predicate` were not read (`pg_get_expr` waits for the table's
    /// lock): e.g. "the table is locked by pid 4242". They are then "?" where present, and the
    /// index is neither called redundant nor said to make another one redundant.
    public var notReadBecause: String?

    public init(oid: UInt32, tableOid: UInt32, schema: String = "public", table: String, name: String, method: String = "btree",
                columns: [Int], keyColumnCount: Int? = nil, operatorClasses: [UInt32]? = nil, collations: [UInt32]? = nil,
                expressions: String? = nil, predicate: String? = nil, isUnique: Bool = false, isPrimary: Bool = false,
                isExclusion: Bool = false, isReplicaIdentity: Bool = false, isValid: Bool = true,
                notReadBecause: String? = nil) {
        let keys = keyColumnCount ?? columns.count
        self.oid = oid; self.tableOid = tableOid; self.schema = schema; self.table = table; self.name = name
        self.method = method; self.columns = columns; self.keyColumnCount = keys
        self.operatorClasses = operatorClasses ?? Array(repeating: 1978, count: keys)
        self.collations = collations ?? Array(repeating: 0, count: keys)
        self.expressions = expressions; self.predicate = predicate; self.isUnique = isUnique; self.isPrimary = isPrimary
        self.isExclusion = isExclusion; self.isReplicaIdentity = isReplicaIdentity; self.isValid = isValid
        self.notReadBecause = notReadBecause
    }

    /// Enforces something (a constraint or the replica identity): never proposed for dropping
    /// as unused.
    public var enforcesSomething: Bool { isUnique || isPrimary || isExclusion || isReplicaIdentity }
}

/// One index of the Indexes pane.
public struct IndexHealth: Sendable, Equatable, Identifiable, Codable {
    public var definition: IndexDefinition
    /// `relpages x block_size` (as of the last VACUUM/ANALYZE; no lock taken to read it).
    public var sizeBytes: Int64
    /// `idx_scan`, `idx_tup_read`, `idx_tup_fetch` since the statistics were reset.
    public var scans: Int64
    public var tuplesRead: Int64
    public var tuplesFetched: Int64
    /// `last_idx_scan` (16+); nil before 16 or never scanned.
    public var lastScan: Date?
    /// Scans per second over the interval between two reads; nil on the first read.
    public var scansPerSecond: Double?
    public var bloat: IndexBloatEstimate
    public var flags: [IndexFlag]
    /// The index that makes this one redundant.
    public var coveredBy: String?
    /// `pg_get_indexdef`, read only for flagged indexes (nil otherwise).
    public var indexDefinitionSQL: String?
    /// Why a flagged index's definition (its undo SQL) was not read: "the table is locked by
    /// pid 4242". The next read, after the lock is gone, reads it.
    public var definitionNotReadBecause: String?
    /// Quoted `schema.name`, as the fix SQL uses it.
    public var quotedName: String

    public init(definition: IndexDefinition, sizeBytes: Int64, scans: Int64 = 0, tuplesRead: Int64 = 0, tuplesFetched: Int64 = 0,
                lastScan: Date? = nil, scansPerSecond: Double? = nil, bloat: IndexBloatEstimate = .notEstimated,
                flags: [IndexFlag] = [], coveredBy: String? = nil, indexDefinitionSQL: String? = nil, quotedName: String? = nil) {
        self.definition = definition; self.sizeBytes = sizeBytes; self.scans = scans; self.tuplesRead = tuplesRead
        self.tuplesFetched = tuplesFetched; self.lastScan = lastScan; self.scansPerSecond = scansPerSecond; self.bloat = bloat
        self.flags = flags; self.coveredBy = coveredBy; self.indexDefinitionSQL = indexDefinitionSQL
        self.quotedName = quotedName ?? "\(SQLIdentifier.quote(definition.schema)).\(SQLIdentifier.quote(definition.name))"
    }

    public var id: UInt32 { definition.oid }
    public var schema: String { definition.schema }
    public var name: String { definition.name }
    public var table: String { definition.table }
    public var qualifiedTable: String { "\(schema).\(table)" }
    public var qualifiedName: String { "\(schema).\(name)" }

    /// The SQL that fixes the finding (nil when there is none): the console never runs it.
    public var fixSQL: String? { IndexFixSQL.fix(self) }
    /// The SQL that undoes the fix (nil when nothing needs undoing).
    public var undoSQL: String? { IndexFixSQL.undo(self) }
}

/// A foreign key whose columns are not the leading columns of any valid index of its table
/// (postgres-checkup H003): each delete or key update on the referenced table scans it.
public struct MissingFKIndex: Sendable, Equatable, Identifiable, Codable {
    public var constraintOid: UInt32
    public var schema: String
    public var table: String
    public var tableOid: UInt32
    public var constraint: String
    /// The FK's columns, in the constraint's order.
    public var columns: [String]
    /// `schema.table` it references.
    public var referencedTable: String
    /// The child table's `relpages x block_size`.
    public var tableSizeBytes: Int64
    /// Inserts + updates + deletes since the reset, and per second over the interval.
    public var tableWrites: Int64
    public var writesPerSecond: Double?
    /// Quoted `schema.table` and columns, as the fix SQL uses them.
    public var quotedTable: String
    public var quotedColumns: [String]

    public init(constraintOid: UInt32, schema: String, table: String, tableOid: UInt32, constraint: String, columns: [String],
                referencedTable: String, tableSizeBytes: Int64, tableWrites: Int64 = 0, writesPerSecond: Double? = nil,
                quotedTable: String? = nil, quotedColumns: [String]? = nil) {
        self.constraintOid = constraintOid; self.schema = schema; self.table = table; self.tableOid = tableOid
        self.constraint = constraint; self.columns = columns; self.referencedTable = referencedTable
        self.tableSizeBytes = tableSizeBytes; self.tableWrites = tableWrites; self.writesPerSecond = writesPerSecond
        self.quotedTable = quotedTable ?? "\(SQLIdentifier.quote(schema)).\(SQLIdentifier.quote(table))"
        self.quotedColumns = quotedColumns ?? columns.map(SQLIdentifier.quote)
    }

    public var id: UInt32 { constraintOid }
    public var qualifiedTable: String { "\(schema).\(table)" }

    public var fixSQL: String { IndexFixSQL.fix(self) }
    public var undoSQL: String { IndexFixSQL.undo(self) }
}

/// The Indexes section: every index of the connected database's user schemas.
public struct IndexesSection: Sendable, Equatable, Codable {
    public var database: String
    /// `pg_stat_database.stats_reset` of this database; nil when never reset.
    public var statsReset: Date?
    /// Server clock when read.
    public var capturedAt: Date
    /// Sorted: flagged first (by size), then the rest by size.
    public var indexes: [IndexHealth]
    public var missingFKIndexes: [MissingFKIndex]
    /// Seconds between this read and the one the rates come from; nil on the first.
    public var intervalSeconds: Double?
    /// How long the read took (client side), milliseconds.
    public var queryMilliseconds: Double
    /// What our role cannot see, with the fix; nil if nothing.
    public var limitation: String?

    public init(database: String, statsReset: Date? = nil, capturedAt: Date, indexes: [IndexHealth],
                missingFKIndexes: [MissingFKIndex] = [], intervalSeconds: Double? = nil, queryMilliseconds: Double = 0,
                limitation: String? = nil) {
        self.database = database; self.statsReset = statsReset; self.capturedAt = capturedAt; self.indexes = indexes
        self.missingFKIndexes = missingFKIndexes; self.intervalSeconds = intervalSeconds
        self.queryMilliseconds = queryMilliseconds; self.limitation = limitation
    }

    /// Statistics younger than this make "unused" a weak claim (postgres-checkup H002).
    public static let youngStatisticsSeconds: Double = 30 * 86_400

    /// Age of the statistics in seconds; nil when never reset.
    public var statisticsAge: Double? { statsReset.map { max(0, capturedAt.timeIntervalSince($0)) } }

    /// Reset less than 30 days ago.
    public var statisticsAreYoung: Bool { (statisticsAge ?? .infinity) < Self.youngStatisticsSeconds }

    /// `withRates(since:)` unless this section comes rated already (the service's
    /// `IndexesReader` rates the reads it keeps between): what a pane or a recording makes of a
    /// section handed to it, without rating it a second time.
    public func rated(since previous: IndexesSection?) -> IndexesSection {
        intervalSeconds == nil ? withRates(since: previous) : self
    }

    /// This read with scans and writes per second since `previous` (an earlier read of the same
    /// database): none without one, none for a counter that went down (a reset). Pure.
    public func withRates(since previous: IndexesSection?) -> IndexesSection {
        var rated = self
        guard let previous, previous.database == database else { return rated }
        let interval = capturedAt.timeIntervalSince(previous.capturedAt)
        guard interval > 0 else { return rated }
        rated.intervalSeconds = interval
        let scans = Dictionary(previous.indexes.map { ($0.definition.oid, $0.scans) }, uniquingKeysWith: { a, _ in a })
        let writes = Dictionary(previous.missingFKIndexes.map { ($0.tableOid, $0.tableWrites) }, uniquingKeysWith: { a, _ in a })
        for i in rated.indexes.indices {
            if let before = scans[rated.indexes[i].definition.oid], rated.indexes[i].scans >= before {
                rated.indexes[i].scansPerSecond = Double(rated.indexes[i].scans - before) / interval
            }
        }
        for i in rated.missingFKIndexes.indices {
            if let before = writes[rated.missingFKIndexes[i].tableOid], rated.missingFKIndexes[i].tableWrites >= before {
                rated.missingFKIndexes[i].writesPerSecond = Double(rated.missingFKIndexes[i].tableWrites - before) / interval
            }
        }
        return rated
    }

    public var flaggedCount: Int { indexes.count { !$0.flags.isEmpty } }

    /// The default order: flagged first, then by size, then by name.
    public static func sorted(_ indexes: [IndexHealth]) -> [IndexHealth] {
        indexes.sorted { a, b in
            if a.flags.isEmpty != b.flags.isEmpty { return !a.flags.isEmpty }
            if a.sizeBytes != b.sizeBytes { return a.sizeBytes > b.sizeBytes }
            return (a.qualifiedTable, a.name) < (b.qualifiedTable, b.name)
        }
    }
}

/// Identifier quoting as PostgreSQL's `quote_ident` does it for what the reader cannot quote in
/// SQL (hand-built rows): bare when lower-case letters, digits and `_` only (not first a
/// digit) and not a reserved word, else in double quotes with quotes doubled.
public enum SQLIdentifier {
    /// Words that must be quoted even when lower-case (PostgreSQL's reserved keywords).
    static let reserved: Set<String> = [
        "all", "analyse", "analyze", "and", "any", "array", "as", "asc", "asymmetric", "both", "case", "cast", "check",
        "collate", "column", "constraint", "create", "current_catalog", "current_date", "current_role", "current_time",
        "current_timestamp", "current_user", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except",
        "false", "fetch", "for", "foreign", "from", "grant", "group", "having", "in", "initially", "intersect", "into",
        "lateral", "leading", "limit", "localtime", "localtimestamp", "not", "null", "offset", "on", "only", "or", "order",
        "placing", "primary", "references", "returning", "select", "session_user", "some", "symmetric", "system_user",
        "table", "then", "to", "trailing", "true", "union", "unique", "user", "using", "variadic", "when", "where",
        "window", "with",
    ]

    public static func quote(_ name: String) -> String {
        let bare = !name.isEmpty && name.unicodeScalars.enumerated().allSatisfy { index, scalar in
            (scalar >= "a" && scalar <= "z") || scalar == "_" || (index > 0 && scalar >= "0" && scalar <= "9")
        }
        if bare && !reserved.contains(name) { return name }
        return "\"" + name.replacing("\"", with: "\"\"") + "\""
    }
}

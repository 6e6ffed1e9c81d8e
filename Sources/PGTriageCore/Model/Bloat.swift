#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

public enum RelationKind: String, Sendable, Equatable, Codable {
    case table
    case index
}

/// Whether an estimate could be made, and if not, why (docs/bloat.md).
public enum BloatEstimateStatus: String, Sendable, Equatable, Codable {
    case estimated
    /// Never analysed (`reltuples` < 0, or no `pg_stats` rows): no number is invented.
    case noStatistics = "no_statistics"
    /// Some columns have no statistics (added since the last ANALYZE, or statistics target 0).
    case incompleteStatistics = "incomplete_statistics"
    /// `pg_stats` hides columns our role may not SELECT: no estimate for that relation.
    case statisticsHidden = "statistics_hidden"
    /// A `name` column (ioguix's `is_na`): its statistics' width is not what is stored (64
    /// bytes, kept as `cstring` in an index), so the estimate cannot be trusted.
    case nameColumn = "not_applicable"

    public var label: String {
        switch self {
        case .estimated: return "estimated"
        case .noStatistics: return "no statistics"
        case .incompleteStatistics: return "incomplete statistics"
        case .statisticsHidden: return "statistics hidden"
        case .nameColumn: return "not applicable (a name column)"
        }
    }
}

/// One column as the estimate sees it: storage length and alignment from `pg_attribute`,
/// average width and null fraction from `pg_stats`.
public struct ColumnWidth: Sendable, Equatable {
    /// `attlen`: > 0 fixed, -1 varlena, -2 cstring.
    public var length: Int
    /// `attalign`: c, s, i or d.
    public var align: Character
    /// `pg_stats.avg_width` (bytes, as stored: a toasted value counts its pointer).
    public var averageWidth: Double
    public var nullFraction: Double

    public init(length: Int, align: Character, averageWidth: Double, nullFraction: Double = 0) {
        self.length = length; self.align = align; self.averageWidth = averageWidth; self.nullFraction = nullFraction
    }

    var alignment: Int {
        switch align {
        case "d": return 8
        case "i": return 4
        case "s": return 2
        default: return 1
        }
    }
}

/// The inputs of one estimate, as the catalog query returns them.
public struct BloatInputs: Sendable, Equatable, Codable {
    public var pages: Int64
    /// `reltuples`: -1 (14+) when never vacuumed or analysed.
    public var tuples: Double
    /// From reloptions; nil means the default (100 for tables, 90 for btree indexes).
    public var fillfactor: Int?
    public var columns: [ColumnWidth]
    /// Columns with a `pg_stats` row.
    public var columnsWithStatistics: Int
    /// Our role may SELECT the table (pg_stats shows only such columns).
    public var readable: Bool
    /// A column of type `name` (ioguix's `is_na`): no estimate.
    public var hasNameColumn: Bool

    public init(pages: Int64, tuples: Double, fillfactor: Int? = nil, columns: [ColumnWidth], columnsWithStatistics: Int? = nil,
                readable: Bool = true, hasNameColumn: Bool = false) {
        self.pages = pages; self.tuples = tuples; self.fillfactor = fillfactor; self.columns = columns
        self.columnsWithStatistics = columnsWithStatistics ?? columns.count; self.readable = readable
        self.hasNameColumn = hasNameColumn
    }
}

/// The result of an estimate: expected pages at the fillfactor, and what is beyond them.
public struct BloatEstimate: Sendable, Equatable, Codable {
    public var status: BloatEstimateStatus
    public var expectedPages: Int64?
    /// Pages beyond the expected (never below 0).
    public var bloatPages: Int64?
    /// Average stored width of one tuple with its line pointer, bytes.
    public var tupleBytes: Double?
}

/// The statistics-based estimate (the well-known ioguix/pgsql-bloat-estimation method, rewritten):
/// expected size = tuples x average tuple size (header, null bitmap, column widths with their
/// alignment, line pointer) packed into pages at the fillfactor; bloat = actual pages - expected.
/// Pure maths: unit-tested without a server. Method and limits: docs/bloat.md.
public enum BloatEstimator {
    /// Page header (PageHeaderData).
    static let pageHeader = 24.0
    /// Heap tuple header (HeapTupleHeaderData, before alignment).
    static let heapTupleHeader = 23.0
    /// Line pointer (ItemIdData).
    static let linePointer = 4.0
    /// Btree page special space (BTPageOpaqueData).
    static let btreeOpaque = 16.0
    /// Index tuple header (IndexTupleData) and its null bitmap.
    static let indexTupleHeader = 8.0
    static let indexNullBitmap = 4.0
    /// Btree internal pages are filled to 70 % (BTREE_NONLEAF_FILLFACTOR).
    static let btreeInternalFill = 0.70

    static func alignUp(_ value: Double, _ alignment: Int) -> Double {
        let a = Double(alignment)
        return (value / a).rounded(.up) * a
    }

    /// Average data width of a tuple: each column at its alignment (short varlenas, under 127
    /// bytes, are not aligned), weighted by how often it is not null.
    static func dataWidth(_ columns: [ColumnWidth]) -> Double {
        var offset = 0.0
        for column in columns {
            let present = max(0, min(1, 1 - column.nullFraction))
            let unaligned = column.length == -2 || (column.length == -1 && column.averageWidth < 127)
            if !unaligned {
                offset += present * (alignUp(offset, column.alignment) - offset)
            }
            offset += present * column.averageWidth
        }
        return offset
    }

    static func status(_ inputs: BloatInputs) -> BloatEstimateStatus {
        if inputs.hasNameColumn { return .nameColumn }
        if inputs.tuples < 0 { return .noStatistics }
        if inputs.columnsWithStatistics == 0 && !inputs.columns.isEmpty {
            return inputs.readable ? .noStatistics : .statisticsHidden
        }
        if inputs.columnsWithStatistics < inputs.columns.count {
            return inputs.readable ? .incompleteStatistics : .statisticsHidden
        }
        return .estimated
    }

    public static func table(_ inputs: BloatInputs, blockSize: Int = 8192, maxAlign: Int = 8) -> BloatEstimate {
        let status = status(inputs)
        guard status == .estimated else { return BloatEstimate(status: status) }
        let bs = Double(blockSize)
        let hasNulls = inputs.columns.contains { $0.nullFraction > 0 }
        let bitmap = hasNulls ? Double((inputs.columns.count + 7) / 8) : 0
        let header = alignUp(heapTupleHeader + bitmap, maxAlign)
        let data = alignUp(dataWidth(inputs.columns), maxAlign)
        let tuple = header + data + linePointer
        let fill = Double(inputs.fillfactor ?? 100) / 100
        // MaxHeapTuplesPerPage: tiny tuples are capped by the line-pointer limit.
        let cap = ((bs - pageHeader) / (alignUp(heapTupleHeader, maxAlign) + linePointer)).rounded(.down)
        let perPage = max(1, min((bs - pageHeader) * fill / tuple, cap))
        let expected = Int64((inputs.tuples / perPage).rounded(.up))
        return BloatEstimate(status: .estimated, expectedPages: expected, bloatPages: max(0, inputs.pages - expected), tupleBytes: tuple)
    }

    public static func btreeIndex(_ inputs: BloatInputs, blockSize: Int = 8192, maxAlign: Int = 8) -> BloatEstimate {
        let status = status(inputs)
        guard status == .estimated else { return BloatEstimate(status: status) }
        let bs = Double(blockSize)
        let hasNulls = inputs.columns.contains { $0.nullFraction > 0 }
        let header = alignUp(indexTupleHeader + (hasNulls ? indexNullBitmap : 0), maxAlign)
        let data = alignUp(dataWidth(inputs.columns), maxAlign)
        let tuple = header + data + linePointer
        let usable = bs - pageHeader - btreeOpaque
        let fill = Double(inputs.fillfactor ?? 90) / 100
        let leafPerPage = max(1, (usable * fill / tuple).rounded(.down))
        let internalPerPage = max(2, (usable * btreeInternalFill / tuple).rounded(.down))
        var level = (inputs.tuples / leafPerPage).rounded(.up)
        var total = level
        while level > 1 {
            level = (level / internalPerPage).rounded(.up)
            total += level
        }
        let expected = Int64(total) + 1  // + the metapage
        return BloatEstimate(status: .estimated, expectedPages: expected, bloatPages: max(0, inputs.pages - expected), tupleBytes: tuple)
    }
}

/// A vacuum running on a relation (`pg_stat_progress_vacuum`).
public struct VacuumProgress: Sendable, Equatable, Codable {
    public var pid: Int32
    public var relationOid: UInt32
    public var phase: String
    public var heapBlocksTotal: Int64
    public var heapBlocksScanned: Int64
    public var heapBlocksVacuumed: Int64
    public var indexVacuumCount: Int64

    public init(pid: Int32, relationOid: UInt32, phase: String, heapBlocksTotal: Int64 = 0, heapBlocksScanned: Int64 = 0,
                heapBlocksVacuumed: Int64 = 0, indexVacuumCount: Int64 = 0) {
        self.pid = pid; self.relationOid = relationOid; self.phase = phase; self.heapBlocksTotal = heapBlocksTotal
        self.heapBlocksScanned = heapBlocksScanned; self.heapBlocksVacuumed = heapBlocksVacuumed; self.indexVacuumCount = indexVacuumCount
    }

    /// Share of heap blocks scanned (0...1); nil before the total is known.
    public var scannedFraction: Double? {
        heapBlocksTotal > 0 ? min(1, Double(heapBlocksScanned) / Double(heapBlocksTotal)) : nil
    }
}

/// One table or btree index of the Bloat pane.
public struct RelationBloat: Sendable, Equatable, Identifiable, Codable {
    public var oid: UInt32
    public var schema: String
    public var name: String
    public var kind: RelationKind
    /// For an index: its table (same schema).
    public var table: String?
    public var tableOid: UInt32?
    /// `relpages x block_size` (as of the last VACUUM/ANALYZE; no lock taken to read it).
    public var sizeBytes: Int64
    /// `reltuples`; nil when unknown (-1).
    public var tuples: Double?
    public var fillfactor: Int
    public var status: BloatEstimateStatus
    /// Expected size at the fillfactor; nil without statistics.
    public var expectedBytes: Int64?
    public var bloatBytes: Int64?
    /// bloat / size x 100; nil without statistics.
    public var bloatPercent: Double?
    /// Tables: the TOAST table's size (left out of the estimate, shown apart).
    public var toastBytes: Int64?
    /// Indexes: false for an index left invalid by a failed CREATE INDEX CONCURRENTLY.
    public var isValid: Bool
    /// Tables, from pg_stat_all_tables.
    public var liveTuples: Int64?
    public var deadTuples: Int64?
    public var lastVacuum: Date?
    public var lastAutovacuum: Date?
    public var lastAnalyze: Date?
    public var lastAutoanalyze: Date?
    /// A vacuum running on this table now.
    public var vacuum: VacuumProgress?

    public init(
        oid: UInt32, schema: String, name: String, kind: RelationKind, table: String? = nil, tableOid: UInt32? = nil,
        sizeBytes: Int64, tuples: Double? = nil, fillfactor: Int = 100, status: BloatEstimateStatus = .estimated,
        expectedBytes: Int64? = nil, bloatBytes: Int64? = nil, bloatPercent: Double? = nil, toastBytes: Int64? = nil,
        isValid: Bool = true, liveTuples: Int64? = nil, deadTuples: Int64? = nil, lastVacuum: Date? = nil,
        lastAutovacuum: Date? = nil, lastAnalyze: Date? = nil, lastAutoanalyze: Date? = nil, vacuum: VacuumProgress? = nil
    ) {
        self.oid = oid; self.schema = schema; self.name = name; self.kind = kind; self.table = table; self.tableOid = tableOid
        self.sizeBytes = sizeBytes; self.tuples = tuples; self.fillfactor = fillfactor; self.status = status
        self.expectedBytes = expectedBytes; self.bloatBytes = bloatBytes; self.bloatPercent = bloatPercent
        self.toastBytes = toastBytes; self.isValid = isValid; self.liveTuples = liveTuples; self.deadTuples = deadTuples
        self.lastVacuum = lastVacuum; self.lastAutovacuum = lastAutovacuum; self.lastAnalyze = lastAnalyze
        self.lastAutoanalyze = lastAutoanalyze; self.vacuum = vacuum
    }

    public var id: UInt32 { oid }
    public var qualifiedName: String { "\(schema).\(name)" }

    /// Dead tuples as a share (0...1) of live + dead; nil when unknown or empty.
    public var deadRatio: Double? {
        guard let live = liveTuples, let dead = deadTuples, live + dead > 0 else { return nil }
        return Double(dead) / Double(live + dead)
    }

    /// The latest of the manual and automatic vacuum / analyze.
    public var lastVacuumAny: Date? { [lastVacuum, lastAutovacuum].compactMap { $0 }.max() }
    public var lastAnalyzeAny: Date? { [lastAnalyze, lastAutoanalyze].compactMap { $0 }.max() }

    /// Builds the row from the estimate's inputs.
    public static func estimated(
        oid: UInt32, schema: String, name: String, kind: RelationKind, inputs: BloatInputs, blockSize: Int, maxAlign: Int = 8
    ) -> RelationBloat {
        let estimate = kind == .table
            ? BloatEstimator.table(inputs, blockSize: blockSize, maxAlign: maxAlign)
            : BloatEstimator.btreeIndex(inputs, blockSize: blockSize, maxAlign: maxAlign)
        let bs = Int64(blockSize)
        let size = inputs.pages * bs
        return RelationBloat(
            oid: oid, schema: schema, name: name, kind: kind, sizeBytes: size,
            tuples: inputs.tuples >= 0 ? inputs.tuples : nil,
            fillfactor: inputs.fillfactor ?? (kind == .table ? 100 : 90),
            status: estimate.status,
            expectedBytes: estimate.expectedPages.map { $0 * bs },
            bloatBytes: estimate.bloatPages.map { $0 * bs },
            bloatPercent: estimate.bloatPages.map { inputs.pages > 0 ? Double($0) / Double(inputs.pages) * 100 : 0 }
        )
    }
}

/// The Bloat section: the connected database's largest tables and btree indexes.
public struct BloatSection: Sendable, Equatable, Codable {
    public var database: String
    /// Server clock when read.
    public var capturedAt: Date
    /// Sorted by wasted bytes (descending), then relations without an estimate by size.
    public var relations: [RelationBloat]
    /// At most this many tables and this many indexes (the largest by relpages) were considered.
    public var limit: Int
    /// Every vacuum running in this database.
    public var vacuums: [VacuumProgress]
    /// Relations whose statistics our role may not see, with the fix; nil if none.
    public var limitation: String?
    /// How long the read took (client side), milliseconds.
    public var queryMilliseconds: Double

    public init(database: String, capturedAt: Date, relations: [RelationBloat], limit: Int, vacuums: [VacuumProgress] = [],
                limitation: String? = nil, queryMilliseconds: Double = 0) {
        self.database = database; self.capturedAt = capturedAt; self.relations = relations; self.limit = limit
        self.vacuums = vacuums; self.limitation = limitation; self.queryMilliseconds = queryMilliseconds
    }

    /// The default order: wasted bytes descending; relations with no estimate after, by size.
    public static func sorted(_ relations: [RelationBloat]) -> [RelationBloat] {
        relations.sorted { a, b in
            switch (a.bloatBytes, b.bloatBytes) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default:
                if a.sizeBytes != b.sizeBytes { return a.sizeBytes > b.sizeBytes }
                return a.qualifiedName < b.qualifiedName
            }
        }
    }
}

/// Exact figures for one table from `pgstattuple_approx` (reads the pages not all-visible).
public struct ExactTableBloat: Sendable, Equatable {
    public var tableBytes: Int64
    public var scannedPercent: Double
    public var tupleCount: Int64
    public var tupleBytes: Int64
    public var deadTupleCount: Int64
    public var deadTupleBytes: Int64
    public var freeBytes: Int64

    public init(tableBytes: Int64, scannedPercent: Double = 100, tupleCount: Int64 = 0, tupleBytes: Int64, deadTupleCount: Int64 = 0,
                deadTupleBytes: Int64, freeBytes: Int64) {
        self.tableBytes = tableBytes; self.scannedPercent = scannedPercent; self.tupleCount = tupleCount; self.tupleBytes = tupleBytes
        self.deadTupleCount = deadTupleCount; self.deadTupleBytes = deadTupleBytes; self.freeBytes = freeBytes
    }

    /// Dead tuples (with their line pointers) plus free space beyond what the fillfactor keeps
    /// free on purpose: the figure comparable with the estimate's bloat. (pgstattuple's lengths
    /// leave out alignment padding, so this reads a few points under the estimate.)
    public func wastedBytes(fillfactor: Int = 100) -> Int64 {
        let reserved = Int64(Double(tableBytes) * Double(100 - fillfactor) / 100)
        return deadTupleBytes + deadTupleCount * 4 + max(0, freeBytes - reserved)
    }

    public func wastedPercent(fillfactor: Int = 100) -> Double {
        tableBytes > 0 ? Double(wastedBytes(fillfactor: fillfactor)) / Double(tableBytes) * 100 : 0
    }
}

/// Exact figures for one btree index from `pgstatindex`.
public struct ExactIndexBloat: Sendable, Equatable {
    public var indexBytes: Int64
    public var treeLevel: Int
    public var internalPages: Int64
    public var leafPages: Int64
    public var emptyPages: Int64
    public var deletedPages: Int64
    /// Average fullness of leaf pages, percent.
    public var averageLeafDensity: Double
    public var leafFragmentation: Double

    public init(indexBytes: Int64, treeLevel: Int = 1, internalPages: Int64 = 0, leafPages: Int64, emptyPages: Int64 = 0,
                deletedPages: Int64 = 0, averageLeafDensity: Double, leafFragmentation: Double = 0) {
        self.indexBytes = indexBytes; self.treeLevel = treeLevel; self.internalPages = internalPages; self.leafPages = leafPages
        self.emptyPages = emptyPages; self.deletedPages = deletedPages; self.averageLeafDensity = averageLeafDensity
        self.leafFragmentation = leafFragmentation
    }

    /// The leaf pages beyond those the live entries would fill at the fillfactor, plus empty
    /// and deleted pages: comparable with the estimate's bloat.
    public func wastedBytes(blockSize: Int = 8192, fillfactor: Int = 90) -> Int64 {
        let needed = Double(leafPages) * averageLeafDensity / Double(max(1, fillfactor))
        let sparse = max(0, Double(leafPages) - needed) * Double(blockSize)
        return Int64(sparse) + (emptyPages + deletedPages) * Int64(blockSize)
    }

    public func wastedPercent(blockSize: Int = 8192, fillfactor: Int = 90) -> Double {
        indexBytes > 0 ? Double(wastedBytes(blockSize: blockSize, fillfactor: fillfactor)) / Double(indexBytes) * 100 : 0
    }
}

public enum ExactBloat: Sendable, Equatable {
    case table(ExactTableBloat)
    case index(ExactIndexBloat)
}

/// Why exact figures cannot be had, with the fix.
public enum ExactBloatUnavailable: Sendable, Equatable, Error {
    /// The server has no pgstattuple (contrib not installed).
    case notInstalled
    /// Not created in the connected database.
    case notCreated(database: String)
    /// Our role may not execute its functions.
    case noPrivilege(role: String)
    /// Not a table, materialized view or btree index.
    case unsupportedRelation(String)

    public var message: String {
        switch self {
        case .notInstalled: return "pgstattuple is not installed on the server"
        case .notCreated(let database): return "pgstattuple is not created in database \(database)"
        case .noPrivilege(let role): return "role \(role) may not run pgstattuple's functions"
        case .unsupportedRelation(let what): return "exact figures are only for tables and btree indexes, not \(what)"
        }
    }

    public var fix: String? {
        switch self {
        case .notInstalled: return "install the server's contrib package, then CREATE EXTENSION pgstattuple;"
        case .notCreated(let database): return "CREATE EXTENSION pgstattuple; in database \(database)"
        case .noPrivilege(let role): return "GRANT pg_stat_scan_tables TO \(role)"
        case .unsupportedRelation: return nil
        }
    }

    public var summary: String { fix.map { "\(message): \($0)" } ?? message }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the Indexes section of the connected database. Every read is one round trip for the
/// counters (`IndexesQuery.refreshCounters`); the shape (definitions, foreign keys, the bloat
/// estimate: `IndexesQuery.refreshShape`) is read again only when it may have changed
/// (`needsShape`), and each flagged index's definition (its undo SQL) once. Neither waits for a
/// table someone has locked (`IndexesQuery.locked`): what it could not read says why, and is read
/// again next time. Keeps the last read, so the next gives rates per second.
public struct IndexesReader: Sendable {
    public let query: IndexesQuery
    /// The btree bloat estimate looks at the `limit` largest btree indexes (as the Bloat pane).
    public var limit: Int
    /// The last read, for rates.
    private var previous: IndexesSection?
    /// The last shape read, and when (monotonic seconds).
    private var shape: IndexesShape?
    /// How many times the shape was read.
    public private(set) var shapeReads = 0

    /// The shape is read again after this long even when nothing says it changed: a rename of a
    /// column, ANALYZE (the bloat estimate's statistics) and relation sizes written in place are
    /// not counted in `catalog_changes`.
    public static let shapeLifetime: Double = 300

    public init(versionNum: Int, limit: Int = 500) {
        self.query = IndexesQuery.forServer(versionNum: versionNum)
        self.limit = limit
    }

    public init(info: ServerInfo, limit: Int = 500) {
        self.init(versionNum: info.versionNum, limit: limit)
    }

    /// Forgets the previous sample and the shape (after a reconnect).
    public mutating func reset() {
        previous = nil
        shape = nil
    }

    /// Throws only when the connection is lost; any other failure (a statement_timeout on a
    /// huge catalog, say) is an `.unavailable` result.
    public mutating func read(_ connection: PGConnection) throws -> SectionResult<IndexesSection> {
        let started = MonotonicClock.now()
        do {
            let counters = try Self.decodeCounters(
                connection.executePacked(query.refreshCounters(foreignKeyTables: shape?.foreignKeyTables ?? [])))
            if needsShape(counters, now: started) {
                shape = try readShape(connection, counters: counters, at: started)
                shapeReads += 1
            }
            guard let shape else { throw PGError(kind: .decode, message: "indexes shape missing") }
            var section = Self.section(shape, counters)
            try readDefinitions(&section, connection)
            applyRates(&section)
            section.queryMilliseconds = (MonotonicClock.now() - started) * 1000
            return .available(section)
        } catch let error as PGError {
            if error.kind == .connectionLost || !connection.isConnected { throw error }
            let code = error.isQueryCanceled ? "timeout" : "failed"
            return .unavailable(SectionUnavailable(code: code, message: "indexes could not be read: \(error.description)"))
        }
    }

    /// Is the shape kept from an earlier read still this database's? Not when the catalogs were
    /// written since (or nothing counts their writes), the indexes are not the same set,
    /// something in it could not be read (a locked table), or it is older than `shapeLifetime`.
    func needsShape(_ counters: IndexesCounters, now: Double) -> Bool {
        guard let shape, let changes = counters.catalogChanges else { return true }
        if shape.catalogChanges != changes || shape.database != counters.database { return true }
        if !shape.isComplete || now - shape.readAt >= Self.shapeLifetime { return true }
        return counters.byOid.count != shape.oids.count || !counters.byOid.keys.allSatisfy(shape.oids.contains)
    }

    /// The shape's round trip. A lock taken between the query's look at the lock manager and its
    /// `pg_get_expr` times it out: once more, and the lock is seen.
    func readShape(_ connection: PGConnection, counters: IndexesCounters, at now: Double) throws -> IndexesShape {
        let sql = IndexesQuery.refreshShape(limit: limit)
        let results: [QueryResult]
        do {
            results = try connection.execute(sql)
        } catch let error as PGError where error.isLockTimeout && connection.isConnected {
            results = try connection.execute(sql)
        }
        var shape = try Self.decodeShape(Array(results.suffix(3)), counters: counters)
        shape.readAt = now
        return shape
    }

    /// `pg_get_indexdef` of the indexes whose fix is a drop (their undo), apart from the list, and
    /// once per shape: a definition that cannot be read (its table locked) says why, the list
    /// stays, and it is asked for again at the next read.
    mutating func readDefinitions(_ section: inout IndexesSection, _ connection: PGConnection) throws {
        var known = shape?.undoDefinitions ?? [:]
        let flagged = section.indexes.filter { $0.undoSQLNeedsDefinition && known[$0.definition.oid] == nil }.map(\.definition)
        var notRead: [UInt32: String] = [:]
        if !flagged.isEmpty {
            func array(_ oids: [UInt32]) -> String { "{" + oids.map(String.init).joined(separator: ",") + "}" }
            let wanted = flagged.map(\.oid)
            do {
                for row in try connection.query(IndexesQuery.definitions, [array(wanted), array(flagged.map(\.tableOid))]).allRows {
                    guard let oid = try row.int64("oid").map({ UInt32(truncatingIfNeeded: $0) }) else { continue }
                    if let definition = try row.string("definition") {
                        known[oid] = definition
                    } else if let held = try row.bool("lock_held") {
                        notRead[oid] = Self.lockReason(held: held, locker: try row.int("locker"))
                    }
                }
            } catch let error as PGError where error.isLockTimeout && connection.isConnected {
                // Locked after the look at the lock manager: the next read names the locker.
                for oid in wanted { notRead[oid] = "a lock on the table (lock timeout)" }
            }
            shape?.undoDefinitions = known
        }
        for i in section.indexes.indices {
            let oid = section.indexes[i].definition.oid
            section.indexes[i].indexDefinitionSQL = known[oid]
            section.indexes[i].definitionNotReadBecause = notRead[oid]
        }
    }

    /// Why a locked table's definitions were not read: its ACCESS EXCLUSIVE holder (a prepared
    /// transaction has no pid), or the session waiting for it that later readers queue behind.
    static func lockReason(held: Bool, locker: Int?) -> String {
        if held { return locker.map { "the table is locked by pid \($0)" } ?? "the table is locked by a prepared transaction" }
        return "pid \(locker.map(String.init) ?? "?") waits to lock the table exclusively (readers queue behind it)"
    }

    /// Scans and writes per second since the previous read (`IndexesSection.withRates`).
    mutating func applyRates(_ section: inout IndexesSection) {
        section = section.withRates(since: previous)
        previous = section
    }

    /// `int2vector` / `oidvector` text: "1 2 0".
    static func vector(_ text: String?) -> [Int] {
        (text ?? "").split(separator: " ").compactMap { Int($0) }
    }

    /// Decodes the counters' round trip (after its two `SET LOCAL`s): header, counters, builds,
    /// and the foreign keys' tables when they were asked for.
    public static func decodeCounters(_ all: [PackedResult]) throws -> IndexesCounters {
        let results = Array(all.drop { $0.columns.isEmpty })
        guard results.count >= 3, results[0].count == 1 else {
            throw PGError(kind: .decode, message: "indexes counters returned \(all.count) results, expected 5 or 6")
        }
        let head = results[0]
        func headColumn(_ name: String) throws -> QueryResult.Column { try head.column(name) }
        var counters = IndexesCounters(
            database: head.string(0, try headColumn("database")) ?? "", role: head.string(0, try headColumn("role")) ?? "",
            capturedAt: try head.date(0, try headColumn("now")) ?? Date(),
            statsReset: try head.date(0, try headColumn("stats_reset")),
            blockSize: try head.int64(0, try headColumn("block_size")) ?? 8192,
            maxAlign: Int(try head.int64(0, try headColumn("max_align")) ?? 8),
            catalogChanges: try head.int64(0, try headColumn("catalog_changes")))
        counters.inRecovery = try head.bool(0, try headColumn("in_recovery")) ?? false

        let list = results[1]
        let oid = try list.column("oid"), pages = try list.column("pages"), scans = try list.column("idx_scan")
        let read = try list.column("idx_tup_read"), fetched = try list.column("idx_tup_fetch"), last = try list.column("last_idx_scan")
        counters.byOid.reserveCapacity(list.count)
        for r in 0..<list.count {
            counters.byOid[UInt32(truncatingIfNeeded: try list.int64(r, oid) ?? 0)] = IndexCounters(
                pages: try list.int64(r, pages) ?? 0, scans: try list.int64(r, scans) ?? 0, tuplesRead: try list.int64(r, read) ?? 0,
                tuplesFetched: try list.int64(r, fetched) ?? 0, lastScan: list.isNull(r, last) ? nil : try list.date(r, last))
        }

        let builds = results[2]
        let relid = try builds.column("relid"), indexRelid = try builds.column("index_relid"), phase = try builds.column("phase")
        for r in 0..<builds.count {
            guard let table = try builds.int64(r, relid) else { counters.hiddenBuilds += 1; continue }
            counters.builds.append(IndexBuild(tableOid: UInt32(truncatingIfNeeded: table),
                                              indexOid: UInt32(truncatingIfNeeded: try builds.int64(r, indexRelid) ?? 0),
                                              phase: builds.string(r, phase) ?? ""))
        }

        if results.count > 3 {
            let tables = results[3]
            let tableOid = try tables.column("oid"), tablePages = try tables.column("pages"), writes = try tables.column("writes")
            for r in 0..<tables.count {
                counters.foreignKeyTables[UInt32(truncatingIfNeeded: try tables.int64(r, tableOid) ?? 0)] =
                    (pages: try tables.int64(r, tablePages) ?? 0, writes: try tables.int64(r, writes) ?? 0)
            }
        }
        return counters
    }

    /// Decodes the shape's three results (definitions, foreign keys, btree bloat inputs); the
    /// header's block size and alignment come from `counters`.
    public static func decodeShape(_ results: [QueryResult], counters: IndexesCounters) throws -> IndexesShape {
        guard results.count == 3 else {
            throw PGError(kind: .decode, message: "indexes shape returned \(results.count) results, expected 3")
        }
        var shape = IndexesShape(database: counters.database, catalogChanges: counters.catalogChanges)
        for row in results[0].allRows {
            let oid = UInt32(truncatingIfNeeded: try row.int64("oid") ?? 0)
            let columns = vector(try row.string("indkey"))
            let keys = try row.int("key_columns") ?? columns.count
            shape.definitions.append(IndexDefinition(
                oid: oid, tableOid: UInt32(truncatingIfNeeded: try row.int64("table_oid") ?? 0),
                schema: try row.string("schema") ?? "", table: try row.string("table_name") ?? "", name: try row.string("name") ?? "",
                method: try row.string("method") ?? "", columns: columns, keyColumnCount: keys,
                operatorClasses: vector(try row.string("indclass")).map { UInt32(truncatingIfNeeded: $0) },
                collations: vector(try row.string("indcollation")).map { UInt32(truncatingIfNeeded: $0) },
                expressions: try row.string("expressions"), predicate: try row.string("predicate"),
                isUnique: try row.bool("is_unique") ?? false, isPrimary: try row.bool("is_primary") ?? false,
                isExclusion: try row.bool("is_exclusion") ?? false, isReplicaIdentity: try row.bool("is_replident") ?? false,
                isValid: try row.bool("valid") ?? true,
                notReadBecause: try row.bool("not_read") == true
                    ? lockReason(held: try row.bool("lock_held") ?? true, locker: try row.int("locker")) : nil))
            if let quoted = try row.string("quoted_name"), !quoted.isEmpty { shape.quotedNames[oid] = quoted }
        }
        shape.oids = Set(shape.definitions.map(\.oid))

        let byTable = Dictionary(grouping: shape.definitions, by: \.tableOid)
        for row in results[1].allRows {
            let table = UInt32(truncatingIfNeeded: try row.int64("table_oid") ?? 0)
            let conkey = (try row.int32Array("conkey") ?? []).map(Int.init)
            guard !IndexFindings.isSupported(foreignKeyColumns: conkey, by: byTable[table] ?? []) else { continue }
            shape.missingFKIndexes.append(MissingFKIndex(
                constraintOid: UInt32(truncatingIfNeeded: try row.int64("oid") ?? 0), schema: try row.string("schema") ?? "",
                table: try row.string("table_name") ?? "", tableOid: table, constraint: try row.string("constraint_name") ?? "",
                columns: try row.stringArray("columns") ?? [], referencedTable: try row.string("referenced_table") ?? "",
                tableSizeBytes: (try row.int64("table_pages") ?? 0) * counters.blockSize, tableWrites: try row.int64("writes") ?? 0,
                quotedTable: try row.string("quoted_table"), quotedColumns: try row.stringArray("quoted_columns")))
        }

        // The btree estimate: the Bloat pane's inputs and arithmetic, unchanged.
        for row in results[2].allRows {
            let oid = UInt32(truncatingIfNeeded: try row.int64("oid") ?? 0)
            guard shape.oids.contains(oid) else { continue }  // a system catalog's index
            let inputs = try BloatReader.decodeInputs(row)
            let relation = RelationBloat.estimated(oid: oid, schema: "", name: "", kind: .index, inputs: inputs,
                                                   blockSize: Int(counters.blockSize), maxAlign: counters.maxAlign)
            if relation.status == .estimated, let percent = relation.bloatPercent, let bytes = relation.bloatBytes {
                shape.bloat[oid] = .estimated(percent: percent, bytes: bytes)
            } else if relation.status == .nameColumn {
                shape.bloat[oid] = .notApplicable("a name column: the estimate cannot be trusted")
            } else {
                if relation.status == .statisticsHidden { shape.hiddenStatistics += 1 }
                shape.bloat[oid] = .noStatistics(relation.status)
            }
        }
        return shape
    }

    /// One read: the shape with the counters' sizes and scans, flagged. An index in one but not
    /// the other (made or dropped between the two round trips) waits for the next read.
    public static func section(_ shape: IndexesShape, _ counters: IndexesCounters) -> IndexesSection {
        let blockSize = counters.blockSize
        let definitions = shape.definitions.filter { counters.byOid[$0.oid] != nil }
        let found = IndexFindings.flag(definitions, scans: counters.byOid.mapValues(\.scans), bloat: shape.bloat,
                                       sizes: counters.byOid.mapValues { $0.pages * blockSize }, building: counters.builds)
        let indexes = definitions.map { d -> IndexHealth in
            let c = counters.byOid[d.oid]!
            let finding = found[d.oid]
            // A standby counts only the scans run on it: an index idle here may be the primary's
            // busiest, so none is called unused (nor offered a DROP) on a standby.
            let flags = (finding?.flags ?? []).filter { !counters.inRecovery || $0 != .unused }
            return IndexHealth(
                definition: d, sizeBytes: c.pages * blockSize, scans: c.scans, tuplesRead: c.tuplesRead, tuplesFetched: c.tuplesFetched,
                lastScan: c.lastScan, bloat: shape.bloat[d.oid] ?? .notEstimated, flags: flags,
                coveredBy: finding?.coveredBy, quotedName: shape.quotedNames[d.oid])
        }
        var missing = shape.missingFKIndexes
        for i in missing.indices {
            guard let table = counters.foreignKeyTables[missing[i].tableOid] else { continue }
            missing[i].tableSizeBytes = table.pages * blockSize
            missing[i].tableWrites = table.writes
        }
        missing.sort { a, b in
            a.tableSizeBytes != b.tableSizeBytes ? a.tableSizeBytes > b.tableSizeBytes : (a.qualifiedTable, a.constraint) < (b.qualifiedTable, b.constraint)
        }

        var limitations: [String] = []
        if counters.inRecovery {
            limitations.append("a standby: scans here are this standby's own, not the primary's, so no index is called unused (read the primary and every standby before dropping one)")
        }
        let role = counters.role
        if shape.hiddenStatistics > 0 {
            limitations.append("\(shape.hiddenStatistics) indexes have statistics role \(role) may not read (no bloat estimate): GRANT pg_read_all_data TO \(role) (14+), or SELECT on their tables")
        }
        if counters.hiddenBuilds > 0 {
            limitations.append("\(counters.hiddenBuilds) index builds of other roles are hidden (an index they build may show as invalid): GRANT pg_monitor TO \(role)")
        }
        return IndexesSection(
            database: counters.database, statsReset: counters.statsReset, capturedAt: counters.capturedAt,
            indexes: IndexesSection.sorted(indexes), missingFKIndexes: missing,
            limitation: limitations.isEmpty ? nil : limitations.joined(separator: "; "))
    }
}

/// One index's size and counters, read every time.
public struct IndexCounters: Sendable, Equatable {
    public var pages: Int64
    public var scans: Int64
    public var tuplesRead: Int64
    public var tuplesFetched: Int64
    public var lastScan: Date?
}

/// What the counters' round trip gives: the header, every index's counters, the builds running,
/// and the foreign keys' tables' sizes and writes.
public struct IndexesCounters: Sendable {
    public var database: String
    public var role: String
    public var capturedAt: Date
    public var statsReset: Date?
    public var blockSize: Int64
    public var maxAlign: Int
    /// Rows written to the catalogs the shape is read from (`IndexesQuery.header`).
    public var catalogChanges: Int64?
    /// A standby: its scans are its own reads only (`IndexesReader.section`).
    public var inRecovery = false
    public var byOid: [UInt32: IndexCounters] = [:]
    public var builds: [IndexBuild] = []
    public var hiddenBuilds = 0
    public var foreignKeyTables: [UInt32: (pages: Int64, writes: Int64)] = [:]
}

/// What changes only with the catalogs: the indexes' definitions, the foreign keys without an
/// index, the bloat estimate, and the flagged indexes' `pg_get_indexdef` (read once each).
public struct IndexesShape: Sendable {
    public var database: String
    public var catalogChanges: Int64?
    public var readAt: Double = 0
    public var definitions: [IndexDefinition] = []
    public var oids: Set<UInt32> = []
    public var quotedNames: [UInt32: String] = [:]
    public var missingFKIndexes: [MissingFKIndex] = []
    public var bloat: [UInt32: IndexBloatEstimate] = [:]
    public var hiddenStatistics = 0
    public var undoDefinitions: [UInt32: String] = [:]

    /// Everything read: no expression or predicate skipped for a locked table.
    public var isComplete: Bool { definitions.allSatisfy { $0.notReadBecause == nil } }
    /// The tables whose size and writes the counters' round trip reads.
    public var foreignKeyTables: [UInt32] { Array(Set(missingFKIndexes.map(\.tableOid))).sorted() }
}

extension IndexHealth {
    /// Dropping it is proposed, so its undo needs `pg_get_indexdef`.
    var undoSQLNeedsDefinition: Bool {
        !Set(flags).isDisjoint(with: [.invalid, .redundant, .unused])
    }
}

extension IndexesReader {
    /// A shape as if read (tests of `needsShape`).
    mutating func setShape(_ shape: IndexesShape) { self.shape = shape }
}

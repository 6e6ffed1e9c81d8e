#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the Indexes section of the connected database: one round trip for everything, and one
/// more, small, for the definitions of the flagged indexes (their undo SQL); neither waits for a
/// table someone has locked (`IndexesQuery.locked`): what it could not read says why. Keeps the last
/// `idx_scan` per index and the last writes per table, so the next read gives rates per second.
public struct IndexesReader: Sendable {
    public let query: IndexesQuery
    /// The btree bloat estimate looks at the `limit` largest btree indexes (as the Bloat pane).
    public var limit: Int
    /// The last read, for rates.
    private var previous: IndexesSection?

    public init(versionNum: Int, limit: Int = 500) {
        self.query = IndexesQuery.forServer(versionNum: versionNum)
        self.limit = limit
    }

    public init(info: ServerInfo, limit: Int = 500) {
        self.init(versionNum: info.versionNum, limit: limit)
    }

    /// Forgets the previous sample (after a reconnect).
    public mutating func reset() {
        previous = nil
    }

    /// Throws only when the connection is lost; any other failure (a statement_timeout on a
    /// huge catalog, say) is an `.unavailable` result.
    public mutating func read(_ connection: PGConnection) throws -> SectionResult<IndexesSection> {
        let started = MonotonicClock.now()
        do {
            // The first result is the SET LOCAL's. A lock taken between the query's look at the
            // lock manager and its `pg_get_expr` times it out: once more, and the lock is seen.
            let results: [QueryResult]
            do {
                results = try connection.execute(query.refresh(limit: limit))
            } catch let error as PGError where error.isLockTimeout && connection.isConnected {
                results = try connection.execute(query.refresh(limit: limit))
            }
            var section = try Self.decode(Array(results.suffix(5)), limit: limit)
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

    /// `pg_get_indexdef` of the indexes whose fix is a drop (their undo), apart from the list:
    /// a definition that cannot be read (its table locked) says why, and the list stays.
    func readDefinitions(_ section: inout IndexesSection, _ connection: PGConnection) throws {
        let flagged = section.indexes.filter { $0.undoSQLNeedsDefinition }.map(\.definition)
        guard !flagged.isEmpty else { return }
        func array(_ oids: [UInt32]) -> String { "{" + oids.map(String.init).joined(separator: ",") + "}" }
        let wanted = flagged.map(\.oid)
        var definitions: [UInt32: String] = [:]
        var notRead: [UInt32: String] = [:]
        do {
            for row in try connection.query(IndexesQuery.definitions, [array(wanted), array(flagged.map(\.tableOid))]).allRows {
                guard let oid = try row.int64("oid").map({ UInt32(truncatingIfNeeded: $0) }) else { continue }
                if let definition = try row.string("definition") {
                    definitions[oid] = definition
                } else if let held = try row.bool("lock_held") {
                    notRead[oid] = Self.lockReason(held: held, locker: try row.int("locker"))
                }
            }
        } catch let error as PGError where error.isLockTimeout && connection.isConnected {
            // Locked after the look at the lock manager: the next read names the locker.
            for oid in wanted { notRead[oid] = "a lock on the table (lock timeout)" }
        }
        for i in section.indexes.indices {
            let oid = section.indexes[i].definition.oid
            section.indexes[i].indexDefinitionSQL = definitions[oid]
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

    /// Decodes the five results of `IndexesQuery.refresh` and flags the indexes.
    public static func decode(_ results: [QueryResult], limit: Int) throws -> IndexesSection {
        guard results.count == 5, let head = results[0].first else {
            throw PGError(kind: .decode, message: "indexes refresh returned \(results.count) results, expected 5")
        }
        let blockSize = Int64(try head.int("block_size") ?? 8192)
        let maxAlign = try head.int("max_align") ?? 8
        let role = try head.string("role") ?? ""

        struct Counters { var pages: Int64; var scans: Int64; var read: Int64; var fetched: Int64; var last: Date?; var hasName: Bool; var quoted: String }
        var definitions: [IndexDefinition] = []
        var counters: [UInt32: Counters] = [:]
        for row in results[1].allRows {
            let oid = UInt32(truncatingIfNeeded: try row.int64("oid") ?? 0)
            let columns = vector(try row.string("indkey"))
            let keys = try row.int("key_columns") ?? columns.count
            definitions.append(IndexDefinition(
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
            counters[oid] = Counters(
                pages: try row.int64("pages") ?? 0, scans: try row.int64("idx_scan") ?? 0, read: try row.int64("idx_tup_read") ?? 0,
                fetched: try row.int64("idx_tup_fetch") ?? 0, last: try row.date("last_idx_scan"),
                hasName: try row.bool("has_name_column") ?? false, quoted: try row.string("quoted_name") ?? "")
        }

        var builds: [IndexBuild] = []
        var hiddenBuilds = 0
        for row in results[3].allRows {
            guard let table = try row.int64("relid") else { hiddenBuilds += 1; continue }
            builds.append(IndexBuild(tableOid: UInt32(truncatingIfNeeded: table),
                                     indexOid: UInt32(truncatingIfNeeded: try row.int64("index_relid") ?? 0),
                                     phase: try row.string("phase") ?? ""))
        }

        // The btree estimate: the Bloat pane's inputs and arithmetic, unchanged.
        var bloat: [UInt32: IndexBloatEstimate] = [:]
        var hiddenStatistics = 0
        for row in results[4].allRows {
            let oid = UInt32(truncatingIfNeeded: try row.int64("oid") ?? 0)
            guard let counter = counters[oid] else { continue }
            if counter.hasName {
                bloat[oid] = .notApplicable("a name column: the estimate cannot be trusted")
                continue
            }
            let inputs = try BloatReader.decodeInputs(row)
            let relation = RelationBloat.estimated(oid: oid, schema: "", name: "", kind: .index, inputs: inputs,
                                                   blockSize: Int(blockSize), maxAlign: maxAlign)
            if relation.status == .estimated, let percent = relation.bloatPercent, let bytes = relation.bloatBytes {
                bloat[oid] = .estimated(percent: percent, bytes: bytes)
            } else {
                if relation.status == .statisticsHidden { hiddenStatistics += 1 }
                bloat[oid] = .noStatistics(relation.status)
            }
        }

        let sizes = counters.mapValues { $0.pages * blockSize }
        let found = IndexFindings.flag(definitions, scans: counters.mapValues(\.scans), bloat: bloat, sizes: sizes, building: builds)
        let indexes = definitions.map { d -> IndexHealth in
            let c = counters[d.oid]!
            let finding = found[d.oid]
            return IndexHealth(
                definition: d, sizeBytes: c.pages * blockSize, scans: c.scans, tuplesRead: c.read, tuplesFetched: c.fetched,
                lastScan: c.last, bloat: bloat[d.oid] ?? .notEstimated, flags: finding?.flags ?? [], coveredBy: finding?.coveredBy,
                quotedName: c.quoted.isEmpty ? nil : c.quoted)
        }

        let byTable = Dictionary(grouping: definitions, by: \.tableOid)
        var missing: [MissingFKIndex] = []
        for row in results[2].allRows {
            let table = UInt32(truncatingIfNeeded: try row.int64("table_oid") ?? 0)
            let conkey = (try row.int32Array("conkey") ?? []).map(Int.init)
            guard !IndexFindings.isSupported(foreignKeyColumns: conkey, by: byTable[table] ?? []) else { continue }
            missing.append(MissingFKIndex(
                constraintOid: UInt32(truncatingIfNeeded: try row.int64("oid") ?? 0), schema: try row.string("schema") ?? "",
                table: try row.string("table_name") ?? "", tableOid: table, constraint: try row.string("constraint_name") ?? "",
                columns: try row.stringArray("columns") ?? [], referencedTable: try row.string("referenced_table") ?? "",
                tableSizeBytes: (try row.int64("table_pages") ?? 0) * blockSize, tableWrites: try row.int64("writes") ?? 0,
                quotedTable: try row.string("quoted_table"), quotedColumns: try row.stringArray("quoted_columns")))
        }
        missing.sort { a, b in
            a.tableSizeBytes != b.tableSizeBytes ? a.tableSizeBytes > b.tableSizeBytes : (a.qualifiedTable, a.constraint) < (b.qualifiedTable, b.constraint)
        }

        var limitations: [String] = []
        if hiddenStatistics > 0 {
            limitations.append("\(hiddenStatistics) indexes have statistics role \(role) may not read (no bloat estimate): GRANT pg_read_all_data TO \(role) (14+), or SELECT on their tables")
        }
        if hiddenBuilds > 0 {
            limitations.append("\(hiddenBuilds) index builds of other roles are hidden (an index they build may show as invalid): GRANT pg_monitor TO \(role)")
        }
        return IndexesSection(
            database: try head.string("database") ?? "", statsReset: try head.date("stats_reset"),
            capturedAt: try head.date("now") ?? Date(), indexes: IndexesSection.sorted(indexes), missingFKIndexes: missing,
            limitation: limitations.isEmpty ? nil : limitations.joined(separator: "; "))
    }
}

extension IndexHealth {
    /// Dropping it is proposed, so its undo needs `pg_get_indexdef`.
    var undoSQLNeedsDefinition: Bool {
        !Set(flags).isDisjoint(with: [.invalid, .redundant, .unused])
    }
}

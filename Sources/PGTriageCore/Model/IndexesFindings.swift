/// The flags of the Indexes pane as pure functions of catalog rows (docs/usage.md, "Indexes";
/// sources in /work/shared/research/wave2-features.md section 1). Unit-tested without a server.
public enum IndexFindings {
    /// Bloated: estimated bloat at or over this share (postgres-checkup F005's warning level)...
    public static let bloatedPercent = 40.0
    /// ...of an index at least this large (F005 leaves smaller ones alone: their estimates are noise).
    public static let bloatedMinimumBytes: Int64 = 1 << 20

    /// Unused: never scanned since the reset and enforcing nothing (pgwatch `reco_drop_index`).
    /// An invalid index is flagged invalid instead (it cannot be scanned).
    public static func isUnused(_ index: IndexDefinition, scans: Int64) -> Bool {
        scans == 0 && index.isValid && !index.enforcesSomething
    }

    /// Invalid: `indisvalid` false, unless a CREATE INDEX / REINDEX is building it now
    /// (`pg_stat_progress_create_index`: its index, or its table while the index is not yet named).
    public static func isInvalid(_ index: IndexDefinition, building: [IndexBuild]) -> Bool {
        guard !index.isValid else { return false }
        return !building.contains { build in
            build.indexOid == index.oid || (build.indexOid == 0 && build.tableOid == index.tableOid)
        }
    }

    public static func isBloated(_ estimate: IndexBloatEstimate, sizeBytes: Int64) -> Bool {
        guard let percent = estimate.percent else { return false }
        return percent >= bloatedPercent && sizeBytes >= bloatedMinimumBytes
    }

    /// Whether `covering` makes `index` redundant (postgres-checkup H004, made exact): both valid,
    /// same table and access method; `index`'s columns a leading prefix of `covering`'s with the
    /// same operator classes and collations; same expressions and predicate (so never when either's could not be read). A primary key is
    /// never redundant; a unique index only to a unique or primary one on exactly its columns
    /// (a unique index on a prefix is a stronger constraint, not a redundant one). Exclusion and
    /// replica identity indexes are never redundant. Exact duplicates: one of the two, the
    /// non-unique one, else the later name.
    public static func covers(_ covering: IndexDefinition, _ index: IndexDefinition) -> Bool {
        guard covering.oid != index.oid, covering.tableOid == index.tableOid, covering.isValid, index.isValid,
              covering.method == index.method, !index.isPrimary, !index.isExclusion, !index.isReplicaIdentity,
              covering.notReadBecause == nil, index.notReadBecause == nil,
              covering.expressions == index.expressions, covering.predicate == index.predicate else { return false }
        let keys = index.keyColumnCount
        guard keys <= covering.keyColumnCount, index.columns.count <= covering.columns.count,
              Array(covering.columns.prefix(index.columns.count)) == index.columns,
              Array(covering.operatorClasses.prefix(keys)) == Array(index.operatorClasses.prefix(keys)),
              Array(covering.collations.prefix(keys)) == Array(index.collations.prefix(keys)) else { return false }
        let same = covering.columns == index.columns && covering.keyColumnCount == keys
        if index.isUnique {
            guard same, covering.isUnique || covering.isPrimary else { return false }
        }
        guard same else { return true }
        // Exact duplicates: keep the one that enforces more, else the first name.
        let rank = { (i: IndexDefinition) in i.isPrimary ? 2 : i.isUnique ? 1 : 0 }
        if rank(covering) != rank(index) { return rank(covering) > rank(index) }
        return covering.name < index.name
    }

    /// The index that makes `index` redundant, among `others` (its table's indexes): a primary
    /// or unique one first, then the one with the fewest columns, then by name.
    public static func coveringIndex(of index: IndexDefinition, among others: [IndexDefinition]) -> IndexDefinition? {
        others.filter { covers($0, index) }.min { a, b in
            let ra = a.isPrimary || a.isUnique ? 0 : 1, rb = b.isPrimary || b.isUnique ? 0 : 1
            if ra != rb { return ra < rb }
            if a.columns.count != b.columns.count { return a.columns.count < b.columns.count }
            return a.name < b.name
        }
    }

    /// Flags every index; `scans` and `bloat` by index oid.
    public static func flag(_ indexes: [IndexDefinition], scans: [UInt32: Int64], bloat: [UInt32: IndexBloatEstimate],
                            sizes: [UInt32: Int64], building: [IndexBuild]) -> [UInt32: (flags: [IndexFlag], coveredBy: String?)] {
        let byTable = Dictionary(grouping: indexes, by: \.tableOid)
        var out: [UInt32: (flags: [IndexFlag], coveredBy: String?)] = [:]
        for index in indexes {
            var flags: [IndexFlag] = []
            if isUnused(index, scans: scans[index.oid] ?? 0) { flags.append(.unused) }
            let covering = coveringIndex(of: index, among: byTable[index.tableOid] ?? [])
            if covering != nil { flags.append(.redundant) }
            if isInvalid(index, building: building) { flags.append(.invalid) }
            if isBloated(bloat[index.oid] ?? .notEstimated, sizeBytes: sizes[index.oid] ?? 0) { flags.append(.bloated) }
            out[index.oid] = (flags, covering?.name)
        }
        return out
    }

    /// Foreign keys whose columns are not the leading key columns (in any order, as H003
    /// matches them) of a valid, non-partial index of the child table.
    public static func isSupported(foreignKeyColumns: [Int], by indexes: [IndexDefinition]) -> Bool {
        let wanted = Set(foreignKeyColumns)
        return indexes.contains { index in
            index.isValid && index.predicate == nil && index.keyColumnCount >= wanted.count
                && Set(index.columns.prefix(wanted.count)) == wanted
        }
    }
}

/// A CREATE INDEX or REINDEX running now (`pg_stat_progress_create_index`).
public struct IndexBuild: Sendable, Equatable {
    public var tableOid: UInt32
    /// 0 until the index exists.
    public var indexOid: UInt32
    public var phase: String

    public init(tableOid: UInt32, indexOid: UInt32, phase: String = "") {
        self.tableOid = tableOid; self.indexOid = indexOid; self.phase = phase
    }
}

/// The SQL a DBA runs to fix a finding, and to undo that fix. The console never runs DDL: it
/// shows and copies it. CONCURRENTLY everywhere, so nothing blocks writes to the table.
public enum IndexFixSQL {
    /// `pg_get_indexdef` made CONCURRENTLY: `CREATE [UNIQUE] INDEX CONCURRENTLY name ON ...`.
    public static func createConcurrently(_ definition: String) -> String {
        for prefix in ["CREATE UNIQUE INDEX ", "CREATE INDEX "] where definition.hasPrefix(prefix) {
            return prefix + "CONCURRENTLY " + definition.dropFirst(prefix.count) + ";"
        }
        return definition + ";"
    }

    static func why(_ index: IndexHealth) -> String {
        var reasons: [String] = []
        if index.flags.contains(.invalid) { reasons.append("invalid") }
        if index.flags.contains(.redundant) { reasons.append("redundant to \(index.coveredBy ?? "?")") }
        if index.flags.contains(.unused) { reasons.append("unused since the statistics reset") }
        return reasons.joined(separator: ", ")
    }

    /// Invalid, redundant or unused: drop it; bloated only: rebuild it; otherwise nothing.
    public static func fix(_ index: IndexHealth) -> String? {
        let flags = Set(index.flags)
        if !flags.isDisjoint(with: [.invalid, .redundant, .unused]) {
            return "DROP INDEX CONCURRENTLY \(index.quotedName);  -- \(why(index))"
        }
        if flags.contains(.bloated) { return "REINDEX INDEX CONCURRENTLY \(index.quotedName);" }
        return nil
    }

    /// A drop is undone by building the index again (its definition, CONCURRENTLY); a REINDEX
    /// needs no undo.
    public static func undo(_ index: IndexHealth) -> String? {
        guard !Set(index.flags).isDisjoint(with: [.invalid, .redundant, .unused]) else { return nil }
        return index.indexDefinitionSQL.map(createConcurrently)
    }

    /// PostgreSQL's own name for the index (`table_col_col_idx`) when it fits in 63 bytes, so
    /// the undo can name it; nil otherwise (PostgreSQL then chooses).
    static func indexName(_ fk: MissingFKIndex) -> String? {
        let name = ([fk.table] + fk.columns + ["idx"]).joined(separator: "_")
        return name.utf8.count <= 63 ? name : nil
    }

    public static func fix(_ fk: MissingFKIndex) -> String {
        let name = indexName(fk).map { SQLIdentifier.quote($0) + " " } ?? ""
        return "CREATE INDEX CONCURRENTLY \(name)ON \(fk.quotedTable) (\(fk.quotedColumns.joined(separator: ", ")));"
    }

    public static func undo(_ fk: MissingFKIndex) -> String {
        guard let name = indexName(fk) else {
            return "-- DROP INDEX CONCURRENTLY the index the fix created (\\d \(fk.qualifiedTable) names it)"
        }
        return "DROP INDEX CONCURRENTLY \(SQLIdentifier.quote(fk.schema)).\(SQLIdentifier.quote(name));"
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the Bloat section of the connected database, and exact figures for one relation on
/// demand. Stateless: the service may call `read` on every refresh, or (cheaper, and enough for
/// something that changes over minutes) every few refreshes or when the pane is shown.
public struct BloatReader: Sendable {
    /// The largest `limit` tables and `limit` btree indexes are considered.
    public var limit: Int

    public init(limit: Int = 500) {
        self.limit = limit
    }

    /// One read, one round trip. Throws only when the connection is lost; any other failure
    /// (a statement_timeout on a huge catalog, say) is an `.unavailable` result.
    public func read(_ connection: PGConnection) throws -> SectionResult<BloatSection> {
        let started = MonotonicClock.now()
        do {
            let results = try connection.execute(BloatCatalog.refresh(limit: limit))
            var section = try Self.decode(results, limit: limit)
            section.queryMilliseconds = (MonotonicClock.now() - started) * 1000
            return .available(section)
        } catch let error as PGError {
            if error.kind == .connectionLost || !connection.isConnected { throw error }
            let code = error.isQueryCanceled ? "timeout" : "failed"
            return .unavailable(SectionUnavailable(code: code, message: "bloat could not be read: \(error.description)"))
        }
    }

    /// Decodes the four results of `BloatCatalog.refresh` and computes the estimates.
    public static func decode(_ results: [QueryResult], limit: Int) throws -> BloatSection {
        guard results.count == 4, let head = results[0].first else {
            throw PGError(kind: .decode, message: "bloat refresh returned \(results.count) results, expected 4")
        }
        let blockSize = try head.int("block_size") ?? 8192
        let maxAlign = try head.int("max_align") ?? 8
        let role = try head.string("role") ?? ""

        var vacuums: [UInt32: VacuumProgress] = [:]
        var allVacuums: [VacuumProgress] = []
        for row in results[3].allRows {
            let progress = VacuumProgress(
                pid: try row.int32("pid") ?? 0,
                relationOid: UInt32(truncatingIfNeeded: try row.int64("relid") ?? 0),
                phase: try row.string("phase") ?? "",
                heapBlocksTotal: try row.int64("heap_blks_total") ?? 0,
                heapBlocksScanned: try row.int64("heap_blks_scanned") ?? 0,
                heapBlocksVacuumed: try row.int64("heap_blks_vacuumed") ?? 0,
                indexVacuumCount: try row.int64("index_vacuum_count") ?? 0)
            vacuums[progress.relationOid] = progress
            allVacuums.append(progress)
        }

        var relations: [RelationBloat] = []
        var hidden = 0
        for row in results[1].allRows {
            let inputs = try decodeInputs(row)
            let oid = UInt32(truncatingIfNeeded: try row.int64("oid") ?? 0)
            var relation = RelationBloat.estimated(
                oid: oid, schema: try row.string("schema") ?? "", name: try row.string("name") ?? "",
                kind: .table, inputs: inputs, blockSize: blockSize, maxAlign: maxAlign)
            relation.toastBytes = try row.int64("toast_pages").map { $0 * Int64(blockSize) }
            relation.liveTuples = try row.int64("n_live_tup")
            relation.deadTuples = try row.int64("n_dead_tup")
            relation.lastVacuum = try row.date("last_vacuum")
            relation.lastAutovacuum = try row.date("last_autovacuum")
            relation.lastAnalyze = try row.date("last_analyze")
            relation.lastAutoanalyze = try row.date("last_autoanalyze")
            relation.vacuum = vacuums[oid]
            if relation.status == .statisticsHidden { hidden += 1 }
            relations.append(relation)
        }
        for row in results[2].allRows {
            let inputs = try decodeInputs(row)
            var relation = RelationBloat.estimated(
                oid: UInt32(truncatingIfNeeded: try row.int64("oid") ?? 0), schema: try row.string("schema") ?? "",
                name: try row.string("name") ?? "", kind: .index, inputs: inputs, blockSize: blockSize, maxAlign: maxAlign)
            relation.table = try row.string("table_name")
            relation.tableOid = try row.int64("table_oid").map { UInt32(truncatingIfNeeded: $0) }
            relation.isValid = try row.bool("valid") ?? true
            if let table = relation.tableOid { relation.vacuum = vacuums[table] }
            if relation.status == .statisticsHidden { hidden += 1 }
            relations.append(relation)
        }
        let limitation = hidden == 0 ? nil
            : "\(hidden) relations have statistics role \(role) may not read (pg_stats shows only columns it may SELECT): GRANT pg_read_all_data TO \(role) (14+), or SELECT on those tables"
        return BloatSection(
            database: try head.string("database") ?? "", capturedAt: try head.date("now") ?? Date(),
            relations: BloatSection.sorted(relations), limit: limit, vacuums: allVacuums, limitation: limitation)
    }

    static func decodeInputs(_ row: QueryResult.Row) throws -> BloatInputs {
        let lengths = try row.int32Array("attlen") ?? []
        let aligns = try row.stringArray("attalign") ?? []
        let widths = try row.int32Array("avg_width") ?? []
        let nulls = (try row.stringArray("null_frac") ?? []).map { PGText.double($0) ?? 0 }
        var columns: [ColumnWidth] = []
        for index in lengths.indices {
            columns.append(ColumnWidth(
                length: Int(lengths[index]),
                align: index < aligns.count ? (aligns[index].first ?? "i") : "i",
                averageWidth: index < widths.count ? Double(widths[index]) : 0,
                nullFraction: index < nulls.count ? nulls[index] : 0))
        }
        return BloatInputs(
            pages: try row.int64("pages") ?? 0,
            tuples: try row.double("tuples") ?? -1,
            fillfactor: try row.int("fillfactor"),
            columns: columns,
            columnsWithStatistics: try row.int("stats") ?? 0,
            readable: try row.bool("readable") ?? true,
            hasNameColumn: try row.bool("has_name_column") ?? false)
    }

    /// Whether exact figures can be had here: pgstattuple's schema (quoted), or why not.
    public static func exactAvailability(_ connection: PGConnection) throws -> Result<String, ExactBloatUnavailable> {
        guard let row = try connection.query(BloatCatalog.exactProbe).first else {
            return .failure(.notInstalled)
        }
        let database = try row.string("database") ?? ""
        let role = try row.string("role") ?? ""
        guard try row.string("extversion") != nil, let schema = try row.string("schema") else {
            return .failure(try row.bool("available") == false ? .notInstalled : .notCreated(database: database))
        }
        guard try row.bool("can_approx") == true, try row.bool("can_index") == true else {
            return .failure(.noPrivilege(role: role))
        }
        return .success(schema)
    }

    /// Exact figures for one table (`pgstattuple_approx`) or btree index (`pgstatindex`). It
    /// reads the relation, so it runs under its own statement_timeout (restored afterwards);
    /// cancel it from another thread with `connection.cancelHandle?.cancel()` (it then throws a
    /// PGError of kind `.cancelled`). Our session's lock_timeout still applies: it never queues
    /// long behind an ACCESS EXCLUSIVE lock. Run it on a connection other than the monitoring one
    /// so the refresh does not wait for it.
    public static func exact(oid: UInt32, on connection: PGConnection, timeoutSeconds: Double = 30) throws -> Result<ExactBloat, ExactBloatUnavailable> {
        let schema: String
        switch try exactAvailability(connection) {
        case .failure(let reason): return .failure(reason)
        case .success(let found): schema = found
        }
        guard let kindRow = try connection.query(BloatCatalog.relationKind, ["\(oid)"]).first else {
            return .failure(.unsupportedRelation("a relation that no longer exists"))
        }
        let relkind = try kindRow.string("relkind") ?? ""
        let am = try kindRow.string("amname")
        let isTable = relkind == "r" || relkind == "m"
        let isBtree = relkind == "i" && am == "btree"
        guard isTable || isBtree else {
            return .failure(.unsupportedRelation(relkind == "i" ? "a \(am ?? "non-btree") index" : "relkind \(relkind)"))
        }
        let milliseconds = max(1, Int(timeoutSeconds * 1000))
        _ = try connection.execute("SET statement_timeout = \(milliseconds)")
        defer { _ = try? connection.execute("SET statement_timeout = \(connection.settings.statementTimeoutMs)") }
        do {
            let sql = isTable ? BloatCatalog.pgstattupleApprox(schema: schema) : BloatCatalog.pgstatindex(schema: schema)
            guard let row = try connection.query(sql, ["\(oid)"], timeout: timeoutSeconds + 2).first else {
                throw PGError(kind: .decode, message: "pgstattuple returned no row")
            }
            if isTable {
                return .success(.table(ExactTableBloat(
                    tableBytes: try row.int64("table_len") ?? 0,
                    scannedPercent: try row.double("scanned_percent") ?? 0,
                    tupleCount: try row.double("approx_tuple_count").map { Int64($0) } ?? 0,
                    tupleBytes: try row.int64("approx_tuple_len") ?? 0,
                    deadTupleCount: try row.int64("dead_tuple_count") ?? 0,
                    deadTupleBytes: try row.int64("dead_tuple_len") ?? 0,
                    freeBytes: try row.int64("approx_free_space") ?? 0)))
            }
            return .success(.index(ExactIndexBloat(
                indexBytes: try row.int64("index_size") ?? 0,
                treeLevel: try row.int("tree_level") ?? 0,
                internalPages: try row.int64("internal_pages") ?? 0,
                leafPages: try row.int64("leaf_pages") ?? 0,
                emptyPages: try row.int64("empty_pages") ?? 0,
                deletedPages: try row.int64("deleted_pages") ?? 0,
                averageLeafDensity: try row.double("avg_leaf_density") ?? 0,
                leafFragmentation: try row.double("leaf_fragmentation") ?? 0)))
        } catch let error as PGError where error.isPermissionDenied {
            return .failure(.noPrivilege(role: connection.label.split(separator: "@").first.map(String.init) ?? ""))
        }
    }
}

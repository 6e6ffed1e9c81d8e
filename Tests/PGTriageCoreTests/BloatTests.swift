import Foundation
import Testing
@testable import PGTriageCore

@Suite struct BloatTests {
    // (id bigint, v int, payload text of 60 characters): as pgstattuple sees it, 97 bytes of tuple,
    // 104 aligned, plus a 4-byte line pointer.
    let churnColumns = [
        ColumnWidth(length: 8, align: "d", averageWidth: 8),
        ColumnWidth(length: 4, align: "i", averageWidth: 4),
        ColumnWidth(length: -1, align: "i", averageWidth: 61),
    ]

    @Test func tableEstimateMatchesHandArithmetic() throws {
        // 30 000 live rows in 1334 pages (100 000 loaded, 70 % deleted, then ANALYZE): measured
        // on PostgreSQL 15 with pgstattuple_approx: 62 % dead tuple bytes + 1 % free space.
        let inputs = BloatInputs(pages: 1334, tuples: 30_000, columns: churnColumns)
        let estimate = BloatEstimator.table(inputs)
        #expect(estimate.status == .estimated)
        #expect(estimate.tupleBytes == 108)
        // 8168 usable bytes / 108 = 75.6 tuples a page -> 397 pages.
        #expect(estimate.expectedPages == 397)
        #expect(estimate.bloatPages == Int64(1334 - 397))
        let row = RelationBloat.estimated(oid: 1, schema: "public", name: "churn", kind: .table, inputs: inputs, blockSize: 8192)
        #expect(row.sizeBytes == 1334 * 8192)
        #expect(row.expectedBytes == Int64(397 * 8192))
        #expect(row.bloatBytes == Int64(937 * 8192))
        #expect(abs(try #require(row.bloatPercent) - 70.24) < 0.01)
    }

    @Test func aFreshlyLoadedTableShowsNearZeroBloat() throws {
        // (id bigint, a int, b text md5 = 33 bytes, c timestamptz): 50 000 rows in 516 pages.
        let columns = [
            ColumnWidth(length: 8, align: "d", averageWidth: 8), ColumnWidth(length: 4, align: "i", averageWidth: 4),
            ColumnWidth(length: -1, align: "i", averageWidth: 33), ColumnWidth(length: 8, align: "d", averageWidth: 8),
        ]
        let row = RelationBloat.estimated(oid: 2, schema: "public", name: "fresh", kind: .table,
                                          inputs: BloatInputs(pages: 516, tuples: 50_000, columns: columns), blockSize: 8192)
        #expect(try #require(row.bloatPercent) < 2)
    }

    @Test func columnAlignmentPaddingIsCounted() {
        // int4 then int8: 4 bytes of padding before the int8.
        let padded = BloatEstimator.dataWidth([ColumnWidth(length: 4, align: "i", averageWidth: 4), ColumnWidth(length: 8, align: "d", averageWidth: 8)])
        #expect(padded == 16)
        let packed = BloatEstimator.dataWidth([ColumnWidth(length: 8, align: "d", averageWidth: 8), ColumnWidth(length: 4, align: "i", averageWidth: 4)])
        #expect(packed == 12)
        // A long varlena (>= 127 bytes: 4-byte header) is aligned; a short one is not.
        #expect(BloatEstimator.dataWidth([ColumnWidth(length: 1, align: "c", averageWidth: 1), ColumnWidth(length: -1, align: "i", averageWidth: 200)]) == 204)
        #expect(BloatEstimator.dataWidth([ColumnWidth(length: 1, align: "c", averageWidth: 1), ColumnWidth(length: -1, align: "i", averageWidth: 20)]) == 21)
        // A column that is always null takes no space.
        #expect(BloatEstimator.dataWidth([ColumnWidth(length: 8, align: "d", averageWidth: 8, nullFraction: 1)]) == 0)
    }

    @Test func nullsAddTheBitmapToTheHeader() {
        let withNulls = BloatEstimator.table(BloatInputs(pages: 10, tuples: 100, columns: [
            ColumnWidth(length: 4, align: "i", averageWidth: 4, nullFraction: 0.5),
        ] + Array(repeating: ColumnWidth(length: 4, align: "i", averageWidth: 4), count: 8)))
        // 23 + 2 bytes of bitmap (9 columns) -> 32 aligned.
        #expect(withNulls.tupleBytes == Double(32 + 40 + 4))
    }

    @Test func fillfactorIsNotBloat() {
        let full = BloatEstimator.table(BloatInputs(pages: 1000, tuples: 30_000, columns: churnColumns))
        let half = BloatEstimator.table(BloatInputs(pages: 1000, tuples: 30_000, fillfactor: 50, columns: churnColumns))
        #expect(half.expectedPages! > full.expectedPages! * 2 - 2)
    }

    @Test func tinyTuplesAreCappedByTheLinePointerLimit() {
        // A column that is always null: 24 bytes of header (with the bitmap) + 4 of line pointer
        // would fit 291.7 to a page; MaxHeapTuplesPerPage is 291.
        let estimate = BloatEstimator.table(BloatInputs(pages: 10, tuples: 2910, columns: [ColumnWidth(length: 4, align: "i", averageWidth: 4, nullFraction: 1)]))
        #expect(estimate.expectedPages == 10)
        #expect(estimate.bloatPages == 0)
    }

    @Test func neverAnalysedTablesGetNoInventedNumbers() {
        // reltuples -1 (14+: never vacuumed or analysed).
        let unknown = RelationBloat.estimated(oid: 3, schema: "public", name: "never", kind: .table,
                                              inputs: BloatInputs(pages: 45, tuples: -1, columns: churnColumns), blockSize: 8192)
        #expect(unknown.status == .noStatistics)
        #expect(unknown.bloatBytes == nil && unknown.bloatPercent == nil && unknown.expectedBytes == nil)
        #expect(unknown.tuples == nil)
        #expect(unknown.sizeBytes == 45 * 8192)
        // Vacuumed (reltuples known) but never analysed: no pg_stats rows.
        let vacuumed = BloatEstimator.table(BloatInputs(pages: 45, tuples: 10_000, columns: churnColumns, columnsWithStatistics: 0))
        #expect(vacuumed.status == .noStatistics)
        #expect(vacuumed.bloatPages == nil)
    }

    @Test func hiddenAndIncompleteStatistics() {
        let hidden = BloatEstimator.table(BloatInputs(pages: 45, tuples: 10_000, columns: churnColumns, columnsWithStatistics: 0, readable: false))
        #expect(hidden.status == .statisticsHidden)
        let partlyGranted = BloatEstimator.table(BloatInputs(pages: 45, tuples: 10_000, columns: churnColumns, columnsWithStatistics: 1, readable: false))
        #expect(partlyGranted.status == .statisticsHidden)
        let addedColumn = BloatEstimator.table(BloatInputs(pages: 45, tuples: 10_000, columns: churnColumns, columnsWithStatistics: 2))
        #expect(addedColumn.status == .incompleteStatistics)
        #expect(addedColumn.bloatPages == nil)
    }

    @Test func btreeEstimateMatchesHandArithmetic() {
        // A bigint primary key of 30 000 rows: 20-byte entries, 366 to a leaf page at fillfactor 90
        // -> 82 leaves + 1 root + 1 metapage.
        let estimate = BloatEstimator.btreeIndex(BloatInputs(pages: 276, tuples: 30_000, columns: [ColumnWidth(length: 8, align: "d", averageWidth: 8)]))
        #expect(estimate.tupleBytes == 20)
        #expect(estimate.expectedPages == 84)
        #expect(estimate.bloatPages == Int64(276 - 84))
        // Measured on 15: a freshly built index of 50 000 ints has 137 leaves + 1 root + meta = 139.
        let fresh = BloatEstimator.btreeIndex(BloatInputs(pages: 139, tuples: 50_000, columns: [ColumnWidth(length: 4, align: "i", averageWidth: 4)]))
        #expect(fresh.expectedPages! >= 135 && fresh.expectedPages! <= 143)
        #expect(fresh.bloatPages! <= 4)
    }

    @Test func aSmallerIndexThanExpectedIsNoBloat() {
        // Deduplication (13+) packs duplicates: fewer pages than expected is 0, not negative.
        let estimate = BloatEstimator.btreeIndex(BloatInputs(pages: 20, tuples: 100_000, columns: [ColumnWidth(length: 4, align: "i", averageWidth: 4)]))
        #expect(estimate.bloatPages == 0)
    }

    @Test func sortedByWastedBytesThenRelationsWithoutEstimateBySize() {
        func relation(_ name: String, size: Int64, bloat: Int64?) -> RelationBloat {
            RelationBloat(oid: 1, schema: "s", name: name, kind: .table, sizeBytes: size, status: bloat == nil ? .noStatistics : .estimated, bloatBytes: bloat)
        }
        let sorted = BloatSection.sorted([
            relation("a", size: 100, bloat: 10), relation("b", size: 900, bloat: nil), relation("c", size: 50, bloat: 40),
            relation("d", size: 10_000, bloat: nil), relation("e", size: 1, bloat: 0),
        ])
        #expect(sorted.map(\.name) == ["c", "a", "e", "d", "b"])
    }

    @Test func exactFiguresComparableWithTheEstimate() {
        // pgstattuple_approx of the churned table above (PostgreSQL 15).
        let table = ExactTableBloat(tableBytes: 10_928_128, tupleCount: 30_000, tupleBytes: 2_910_000, deadTupleCount: 70_000,
                                    deadTupleBytes: 6_790_000, freeBytes: 90_776)
        #expect(table.wastedBytes() == Int64(6_790_000 + 70_000 * 4 + 90_776))
        #expect(abs(table.wastedPercent() - 65.53) < 0.01)
        // Free space kept on purpose by a fillfactor is not waste.
        #expect(table.wastedBytes(fillfactor: 90) == Int64(6_790_000 + 70_000 * 4))
        // 274 leaves 30 % full hold what 91.3 leaves would at 90 %.
        let index = ExactIndexBloat(indexBytes: 276 * 8192, leafPages: 274, emptyPages: 2, deletedPages: 1, averageLeafDensity: 30)
        #expect(index.wastedBytes() == Int64((274.0 - 274.0 * 30 / 90) * 8192) + Int64(3 * 8192))
        let dense = ExactIndexBloat(indexBytes: 139 * 8192, leafPages: 137, averageLeafDensity: 91)
        #expect(dense.wastedBytes() == 0)
    }

    @Test func vacuumProgress() {
        #expect(VacuumProgress(pid: 1, relationOid: 2, phase: "scanning heap", heapBlocksTotal: 200, heapBlocksScanned: 50).scannedFraction == 0.25)
        #expect(VacuumProgress(pid: 1, relationOid: 2, phase: "initializing").scannedFraction == nil)
    }

    @Test func decodesTheCatalogResults() throws {
        let head = QueryResult(columns: ["now", "database", "role", "block_size", "max_align"],
                               rows: [["2026-11-26 01:00:00+00", "app", "watcher", "8192", "8"]])
        let tableColumns = ["oid", "schema", "name", "pages", "tuples", "fillfactor", "toast_pages", "readable", "natts", "stats",
                            "attlen", "attalign", "avg_width", "null_frac", "has_name_column", "n_live_tup", "n_dead_tup", "last_vacuum",
                            "last_autovacuum", "last_analyze", "last_autoanalyze"]
        let tables = QueryResult(columns: tableColumns, rows: [
            ["100", "public", "churn", "1334", "30000", nil, "0", "t", "3", "3", "{8,4,-1}", "{d,i,i}", "{8,4,61}", "{0,0,0}", "f",
             "30000", "70000", nil, nil, "2026-11-26 00:59:00+00", nil],
            ["101", "secret", "payroll", "100", "5000", "70", nil, "f", "2", "0", "{4,-1}", "{i,i}", "{0,0}", "{0,0}", "f",
             "5000", "0", nil, nil, nil, nil],
        ])
        let indexColumns = ["oid", "schema", "name", "table_name", "table_oid", "pages", "tuples", "valid", "fillfactor", "readable",
                            "natts", "stats", "attlen", "attalign", "avg_width", "null_frac", "has_name_column"]
        let indexes = QueryResult(columns: indexColumns, rows: [
            ["200", "public", "churn_pkey", "churn", "100", "276", "30000", "t", nil, "t", "1", "1", "{8}", "{d}", "{8}", "{0}", "f"],
            // A name column: its statistics' width (64) is not what the index stores.
            ["201", "public", "tags_pkey", "tags", "101", "20", "2000", "t", nil, "t", "1", "1", "{-2}", "{c}", "{64}", "{0}", "t"],
        ])
        let vacuums = QueryResult(columns: ["pid", "relid", "phase", "heap_blks_total", "heap_blks_scanned", "heap_blks_vacuumed", "index_vacuum_count"],
                                  rows: [["4242", "100", "scanning heap", "1334", "667", "0", "0"]])
        let section = try BloatReader.decode([head, tables, indexes, vacuums], limit: 500)
        #expect(section.database == "app")
        #expect(section.relations.map(\.name) == ["churn", "churn_pkey", "payroll", "tags_pkey"], "no estimate: by size")
        let tags = try #require(section.relations.first { $0.name == "tags_pkey" })
        #expect(tags.status == .nameColumn && tags.bloatPercent == nil)
        let churn = section.relations[0]
        #expect(churn.deadTuples == 70_000)
        #expect(churn.deadRatio == 0.7)
        #expect(churn.lastAnalyzeAny != nil)
        #expect(churn.vacuum?.scannedFraction == 0.5)
        #expect(churn.toastBytes == 0)
        let index = section.relations[1]
        #expect(index.kind == .index && index.table == "churn" && index.fillfactor == 90)
        #expect(index.vacuum?.pid == 4242)  // the table's vacuum also processes its indexes
        let payroll = section.relations[2]
        #expect(payroll.status == .statisticsHidden)
        #expect(payroll.fillfactor == 70)
        #expect(payroll.toastBytes == nil)
        #expect(section.limitation?.contains("GRANT pg_read_all_data TO watcher") == true)
        #expect(section.vacuums.count == 1)
    }

    @Test func jsonHasTheDocumentedShapeWithNullsWhereThereAreNoStatistics() throws {
        var snapshot = Snapshot(capturedAt: Date(timeIntervalSince1970: 1_800_000_000), info: ServerInfo(versionNum: 160000, version: "16"),
                                summary: ServerSummary(), activity: [], blocking: BlockingForest.build(waits: [:]))
        let estimated = RelationBloat.estimated(oid: 1, schema: "public", name: "churn", kind: .table,
                                                inputs: BloatInputs(pages: 1334, tuples: 30_000, columns: churnColumns), blockSize: 8192)
        let never = RelationBloat.estimated(oid: 2, schema: "public", name: "never", kind: .table,
                                            inputs: BloatInputs(pages: 45, tuples: -1, columns: churnColumns), blockSize: 8192)
        snapshot.setBloat(.available(BloatSection(database: "app", capturedAt: snapshot.capturedAt, relations: [estimated, never], limit: 500)))
        snapshot.setStatements(.unavailable(StatementsUnavailable.notPreloaded(database: "app", extensionCreated: false).section))
        let text = try snapshot.json(target: "u@h:1/app").encoded()
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["statements"] is NSNull)
        #expect(object["statements_info"] is NSNull)
        let unavailable = try #require(object["unavailable"] as? [String: [String: Any]])
        #expect(unavailable["statements"]?["code"] as? String == "not_preloaded")
        #expect((unavailable["statements"]?["fix"] as? String)?.contains("shared_preload_libraries") == true)
        #expect(unavailable["bloat"] == nil)
        let bloat = try #require(object["bloat"] as? [[String: Any]])
        #expect(bloat.count == 2)
        for key in ["schema", "name", "kind", "size_bytes", "bloat_bytes", "bloat_pct", "status", "n_dead_tup", "last_autovacuum", "vacuum"] {
            #expect(bloat[1].keys.contains(key), "bloat lacks \(key)")
        }
        #expect(bloat[0]["kind"] as? String == "table")
        #expect(bloat[0]["bloat_pct"] as? Double == 70.2)
        #expect(bloat[1]["status"] as? String == "no_statistics")
        #expect(bloat[1]["bloat_bytes"] is NSNull)
        #expect(bloat[1]["bloat_pct"] is NSNull)
        #expect(bloat[1]["size_bytes"] as? Int == 45 * 8192)
    }

    @Test func statementsJSONCarriesRatesAndAStringQueryid() throws {
        var rates = StatementRates()
        let key = StatementKey(userid: 10, dbid: 5, queryid: -9_000_000_000_000_000_001)
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        _ = rates.next(StatementSample(at: t0, statements: [StatementStats(key: key, query: "SELECT $1", counters: StatementCounters(calls: 10, execMs: 20, rows: 10))]))
        let (rows, interval) = rates.next(StatementSample(at: t0 + 2, statements: [StatementStats(key: key, query: "SELECT $1", counters: StatementCounters(calls: 210, execMs: 420, rows: 210))]))
        var snapshot = Snapshot(capturedAt: t0 + 2, info: ServerInfo(versionNum: 150000, version: "15"), summary: ServerSummary(), activity: [],
                                blocking: BlockingForest.build(waits: [:]))
        snapshot.setStatements(.available(StatementsSection(extensionVersion: "1.10", variant: .post0110, capturedAt: t0 + 2,
                                                            intervalSeconds: interval, limitation: "GRANT pg_read_all_stats", rows: rows)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try snapshot.json(target: "x").encoded().utf8)) as? [String: Any])
        let statements = try #require(object["statements"] as? [[String: Any]])
        #expect(statements.count == 1)
        #expect(statements[0]["queryid"] as? String == "-9000000000000000001")
        #expect(statements[0]["calls"] as? Int == 210)
        #expect(statements[0]["calls_per_s"] as? Double == 100)
        #expect(statements[0]["total_ms"] as? Double == 420)
        #expect(statements[0]["mean_ms"] as? Double == 2)
        #expect(statements[0]["rows"] as? Int == 210)
        #expect((object["statements_info"] as? [String: Any])?["interval_s"] as? Double == 2)
        #expect((object["limitations"] as? [String: String])?["statements"] == "GRANT pg_read_all_stats")
        #expect((object["unavailable"] as? [String: Any])?.isEmpty == true)
    }
}

import Foundation
import Testing
@testable import PGTriageCore

/// The SQL chosen for each pg_stat_statements version shipped with PostgreSQL 13 to 18 (and the
/// older 1.2-1.7 a server upgraded without ALTER EXTENSION UPDATE may still have), checked
/// against the column lists of the extension's own scripts.
@Suite struct StatementsCatalogTests {
    func query(_ version: String, schema: String = "public") throws -> StatementsQuery {
        try #require(StatementsQuery.forExtension(version: version, schema: schema, queryLength: 300))
    }

    @Test func versionsCompareNumerically() {
        #expect(ExtensionVersion("1.10")! > ExtensionVersion("1.9")!)
        #expect(ExtensionVersion("1.12") == ExtensionVersion(1, 12))
        #expect(ExtensionVersion("2") == ExtensionVersion(2, 0))
        #expect(ExtensionVersion("1.x") == nil)
        #expect(ExtensionVersion("") == nil)
        #expect(ExtensionVersion("1.2.3") == nil)
    }

    @Test(arguments: [
        ("1.2", StatementsVariant.post0102), ("1.4", .post0102), ("1.7", .post0102),
        ("1.8", .post0108),   // PostgreSQL 13
        ("1.9", .post0109),   // 14
        ("1.10", .post0110),  // 15, 16
        ("1.11", .post0111),  // 17
        ("1.12", .post0112),  // 18
        ("1.13", .post0112),  // newer than the catalog: the newest variant
    ])
    func variantFollowsTheInstalledVersion(version: String, variant: StatementsVariant) throws {
        #expect(try query(version).variant == variant)
    }

    @Test func tooOldOrUnreadableVersionsHaveNoQuery() {
        #expect(StatementsQuery.forExtension(version: "1.1", schema: "public") == nil)
        #expect(StatementsQuery.forExtension(version: "1.0", schema: "public") == nil)
        #expect(StatementsQuery.forExtension(version: "banana", schema: "public") == nil)
    }

    /// Names of columns the counters query reads from `s.` (the function's OUT columns).
    func sourceColumns(_ q: StatementsQuery) -> Set<String> {
        let regex = try! NSRegularExpression(pattern: "\\bs\\.([a-z_]+)")
        let sql = q.counters
        let matches = regex.matches(in: sql, range: NSRange(sql.startIndex..., in: sql))
        return Set(matches.compactMap { Range($0.range(at: 1), in: sql).map { String(sql[$0]) } })
    }

    @Test func preV18ReadsTotalTimeAndBlkTimes() throws {
        let q = try query("1.7")
        let columns = sourceColumns(q)
        #expect(columns.contains("total_time"))
        #expect(columns.contains("blk_read_time") && columns.contains("blk_write_time"))
        for absent in ["total_exec_time", "toplevel", "plans", "total_plan_time", "wal_bytes", "stats_since", "shared_blk_read_time"] {
            #expect(!columns.contains(absent), "1.7 has no \(absent)")
        }
        #expect(q.counterExpressions.contains("true AS toplevel") && q.counters.contains("coalesce((true)::text, '')"))
        #expect(q.counterExpressions.contains("NULL::numeric AS wal_bytes") && q.counters.contains("coalesce((NULL::numeric)::text, '')"))
        #expect(q.clockAndInfo.contains("NULL::timestamptz AS stats_reset"))
        #expect(!q.clockAndInfo.contains("pg_stat_statements_info"))
    }

    @Test func v18SplitsExecAndPlanTimeAndAddsWAL() throws {
        let q = try query("1.8")
        let columns = sourceColumns(q)
        #expect(columns.isSuperset(of: ["total_exec_time", "total_plan_time", "plans", "wal_bytes", "blk_read_time", "blk_write_time"]))
        #expect(!columns.contains("total_time"))
        #expect(!columns.contains("toplevel"))
        #expect(q.counterExpressions.contains("true AS toplevel") && q.counters.contains("coalesce((true)::text, '')"))
        #expect(!q.clockAndInfo.contains("pg_stat_statements_info"))
    }

    @Test func v19AddsToplevelAndTheInfoView() throws {
        let q = try query("1.9")
        let columns = sourceColumns(q)
        #expect(columns.contains("toplevel"))
        #expect(q.clockAndInfo.contains("public.pg_stat_statements_info"))
        #expect(!columns.contains("temp_blk_read_time"))
        #expect(q.texts.contains("s.toplevel"))
        #expect(q.fullText.contains("s.toplevel = $4::bool"))
    }

    @Test func v110AddsTempBlockTime() throws {
        let columns = sourceColumns(try query("1.10"))
        #expect(columns.isSuperset(of: ["temp_blk_read_time", "temp_blk_write_time", "blk_read_time", "blk_write_time"]))
        #expect(!columns.contains("shared_blk_read_time"))
        #expect(!columns.contains("stats_since"))
    }

    @Test func v111RenamesBlockTimesAndAddsStatsSince() throws {
        let columns = sourceColumns(try query("1.11"))
        #expect(columns.isSuperset(of: ["shared_blk_read_time", "shared_blk_write_time", "stats_since", "temp_blk_read_time"]))
        #expect(!columns.contains("blk_read_time"))
        #expect(!columns.contains("blk_write_time"))
        #expect(!columns.contains("parallel_workers_launched"))
    }

    @Test func v112AddsParallelWorkers() throws {
        let columns = sourceColumns(try query("1.12"))
        #expect(columns.isSuperset(of: ["parallel_workers_to_launch", "parallel_workers_launched", "shared_blk_read_time", "stats_since"]))
    }

    @Test(arguments: ["1.2", "1.8", "1.9", "1.10", "1.11", "1.12"])
    func everyVariantSelectsTheSameAliasesInTheSameOrder(version: String) throws {
        let reference = try query("1.12").counterExpressions.map(Self.alias)
        #expect(try query(version).counterExpressions.map(Self.alias) == reference)
    }

    static func alias(_ expression: String) -> String {
        if let range = expression.range(of: " AS ") { return String(expression[range.upperBound...]) }
        return String(expression.split(separator: ".").last ?? "")
    }

    @Test func countersNeverReadTheTextFileAndTextsAreCutInSQL() throws {
        let q = try query("1.10", schema: "\"My Schema\"")
        #expect(q.counters.contains("\"My Schema\".pg_stat_statements(false) s"))
        #expect(!q.counters.contains("s.query,") && !q.counters.contains("left("))
        #expect(q.texts.contains("\"My Schema\".pg_stat_statements(true) s"))
        #expect(q.texts.contains("left(s.query, 300) AS query"))
        #expect(q.texts.contains("s.queryid = ANY($1::bigint[])"))
        let refresh = q.refresh(expectedEntries: 2500)
        #expect(refresh.hasPrefix("SELECT clock_timestamp() AS now"))
        // The clock, the cursor over the counters, as many FETCHes of a batch as the entries
        // expected take, and a last one for any beyond.
        let statements = refresh.components(separatedBy: ";\n")
        #expect(statements.count == 6)
        #expect(statements[1] == "DECLARE pgtriage_statements NO SCROLL CURSOR FOR " + q.counters)
        #expect(Array(statements[2...4]) == Array(repeating: "FETCH \(StatementsQuery.batchRows) FROM pgtriage_statements", count: 3))
        #expect(statements[5] == "FETCH ALL FROM pgtriage_statements")
        #expect(q.refresh(expectedEntries: 0).components(separatedBy: ";\n").count == 4)
    }

    @Test(arguments: ["1.2", "1.8", "1.9", "1.10", "1.11", "1.12"])
    func theEntryCellHoldsTheFieldsTheDecoderReadsInItsOrder(version: String) throws {
        let q = try query(version)
        #expect(q.entryExpressions.map(StatementsQuery.alias) == StatementsReader.EntryField.allCases.map(\.alias))
        // One cell of text fields, then the names; NULL as an empty field.
        #expect(q.counters.hasPrefix("SELECT concat_ws(',', coalesce((s.userid)::text, '')"))
        #expect(q.counters.contains(") AS entry,\n       r.rolname,\n       d.datname\n"))
    }

    @Test func decodingSumsHiddenEntriesAndReadsEveryAlias() throws {
        // The cells as the counters query returns them: `entry` (every field but the names,
        // comma-separated, empty for NULL), `rolname`, `datname`.
        let result = QueryResult(columns: ["entry", "rolname", "datname"], rows: [
            ["10,5,true,-42,3,1.5,,,7,90,10,1,2,0,0.5,0,,1234,,,2026-11-26 00:00:00+00", "postgres", "db"],
            ["11,5,true,,2,10,,,1,0,0,0,0,0,0,0,,10,,,2026-11-26 00:00:00+00", "app", "db"],
            ["11,5,true,,5,20,,,1,0,0,0,0,0,0,0,,5,,,2026-11-26 00:00:01+00", "app", "db"],
        ])
        let stats = try StatementsReader.decodeCounters(result)
        #expect(stats.count == 2)
        #expect(stats[0].key == StatementKey(userid: 10, dbid: 5, queryid: -42, toplevel: true))
        #expect(stats[0].counters.walBytes == 1234)
        #expect(stats[0].counters.plans == nil)
        #expect(stats[0].statsSince != nil)
        #expect(stats[1].isHidden)
        #expect(stats[1].counters.calls == 7)
        #expect(stats[1].counters.execMs == 30)
        #expect(stats[1].statsSince == nil)
        #expect(stats[0].user == "postgres" && stats[1].user == "app")
    }

    @Test func aMalformedEntryIsADecodingError() {
        let result = QueryResult(columns: ["entry", "rolname", "datname"], rows: [["10,5,true,1,3", "postgres", "db"]])
        #expect(throws: PGError.self) { try StatementsReader.decodeCounters(result) }
        let notANumber = QueryResult(columns: ["entry", "rolname", "datname"],
                                     rows: [["10,5,true,1,x,1.5,,,7,90,10,1,2,0,0.5,0,,1234,,,", "postgres", "db"]])
        #expect(throws: PGError.self) { try StatementsReader.decodeCounters(notANumber) }
    }

    // MARK: missing extension

    @Test func notInstalledOnTheServer() {
        let probe = StatementsProbe(database: "app", preloadLibraries: "", availableOnServer: false)
        guard case .failure(let reason) = probe.diagnose(queryLength: 100) else { Issue.record("expected a reason"); return }
        #expect(reason == .notInstalled(database: "app"))
        #expect(reason.fix?.contains("shared_preload_libraries") == true)
        #expect(reason.fix?.contains("CREATE EXTENSION pg_stat_statements; in database app") == true)
    }

    @Test func notPreloaded() {
        let probe = StatementsProbe(database: "app", preloadLibraries: "auto_explain", availableOnServer: true)
        guard case .failure(let reason) = probe.diagnose(queryLength: 100) else { Issue.record("expected a reason"); return }
        #expect(reason == .notPreloaded(database: "app", extensionCreated: false))
        #expect(reason.code == "not_preloaded")
        #expect(reason.fix == "add pg_stat_statements to shared_preload_libraries and restart the server, then run CREATE EXTENSION pg_stat_statements; in database app")
        // Created but not loaded: only the restart is missing.
        let created = StatementsProbe(extensionVersion: "1.10", schema: "public", database: "app", preloadLibraries: "")
        guard case .failure(let other) = created.diagnose(queryLength: 100) else { Issue.record("expected a reason"); return }
        #expect(other.fix == "add pg_stat_statements to shared_preload_libraries and restart the server")
    }

    @Test func preloadedButNotCreatedHere() {
        let probe = StatementsProbe(database: "sales", preloadLibraries: "pg_stat_statements", libraryLoaded: true, availableOnServer: true)
        guard case .failure(let reason) = probe.diagnose(queryLength: 100) else { Issue.record("expected a reason"); return }
        #expect(reason == .notCreated(database: "sales"))
        #expect(reason.fix == "CREATE EXTENSION pg_stat_statements; in database sales")
        #expect(reason.section.code == "not_created")
    }

    @Test func preloadListIsParsedLikeTheServerDoes() {
        #expect(StatementsProbe(preloadLibraries: "auto_explain, pg_stat_statements").preloadListsIt == true)
        #expect(StatementsProbe(preloadLibraries: "\"pg_stat_statements\"").preloadListsIt == true)
        #expect(StatementsProbe(preloadLibraries: "$libdir/pg_stat_statements.so").preloadListsIt == true)
        #expect(StatementsProbe(preloadLibraries: "pg_stat_statements_extra").preloadListsIt == false)
        #expect(StatementsProbe(preloadLibraries: nil).preloadListsIt == nil)
    }

    @Test func aRoleThatCannotSeeTheSettingStillGetsTheQueryWhenTheLibraryIsLoaded() throws {
        let probe = StatementsProbe(extensionVersion: "1.10", schema: "public", preloadLibraries: nil, libraryLoaded: true, seesAllTexts: false)
        let chosen = try probe.diagnose(queryLength: 80).get()
        #expect(chosen.variant == .post0110)
        #expect(probe.textLimitation?.contains("GRANT pg_read_all_stats TO postgres") == true)
    }

    @Test func tooOldAnExtensionSaysToUpdateIt() {
        let probe = StatementsProbe(extensionVersion: "1.1", schema: "public", libraryLoaded: true)
        guard case .failure(let reason) = probe.diagnose(queryLength: 100) else { Issue.record("expected a reason"); return }
        #expect(reason == .unsupportedVersion("1.1"))
        #expect(reason.fix == "ALTER EXTENSION pg_stat_statements UPDATE;")
    }
}

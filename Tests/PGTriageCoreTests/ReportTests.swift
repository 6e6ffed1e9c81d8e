import Foundation
import Testing
@testable import PGTriageCore

/// The report's checks as pure functions of hand-made facts: thresholds at their edges, the
/// document's shape in both formats, and the roadmap.
@Suite struct ReportTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)  // 2026-11-30

    /// Facts with every part read and empty: a quiet, healthy server.
    static func facts(versionNum: Int = 180006, activity: [BackendActivity] = [], connections: Int = 5, maxConnections: Int = 100,
                      statements: [StatementStats]? = [], indexes: [IndexHealth] = [], tables: [TableStats] = [],
                      sequences: [SequenceRow] = []) -> ReportFacts {
        let info = ServerInfo(versionNum: versionNum, version: "\(versionNum / 10000).\(versionNum % 100)",
                              privileges: Privileges(superuser: true), currentUser: "postgres", ownPid: 1)
        let snapshot = Snapshot(capturedAt: now, info: info,
                                summary: ServerSummary(startTime: now.addingTimeInterval(-40 * 86_400), connections: connections, maxConnections: maxConnections),
                                activity: activity, blocking: BlockingForest())
        let statementsResult: SectionResult<StatementsSection>
        if let statements {
            var rates = StatementRates()
            let rows = rates.next(StatementSample(at: now, statements: statements)).rows
            statementsResult = .available(StatementsSection(extensionVersion: "1.11", variant: .post0111, capturedAt: now, rows: rows))
        } else {
            statementsResult = .unavailable(SectionUnavailable(code: "not_installed", message: "pg_stat_statements is not installed"))
        }
        return ReportFacts(
            target: "postgres@db:5432/app", generatedAt: now, info: info, snapshot: snapshot, statements: statementsResult,
            indexes: .available(IndexesSection(database: "app", statsReset: now.addingTimeInterval(-40 * 86_400), capturedAt: now, indexes: indexes)),
            tables: .available(TablesSection(database: "app", capturedAt: now, tables: tables, sequences: sequences)),
            bloat: .available(BloatSection(database: "app", capturedAt: now, relations: [], limit: 500)),
            databases: .available([DatabaseStats(name: "app", sizeBytes: 1 << 30, isCurrent: true, statsReset: now.addingTimeInterval(-40 * 86_400))]),
            settings: .available([]), extensions: .available([]), tableActivity: .available([]),
            cache: .available(CacheTotals(heapHit: 100, heapRead: 0, indexHit: 100, indexRead: 0)),
            tablesWithoutPrimaryKey: .available([]), notValidConstraints: .available([]),
            checkpoints: .available(CheckpointStats(timed: 100, requested: 1)), roleTimeouts: .available([]),
            waits: .available(WaitEventSample(seconds: 3, samples: 30, entries: [])),
            replication: .available(ReplicationFacts(inRecovery: false)), partitionKeys: .available([]))
    }

    static func statement(_ id: Int64, ms: Double, calls: Int64 = 10, query: String = "SELECT 1") -> StatementStats {
        StatementStats(key: StatementKey(userid: 10, dbid: 5, queryid: id), user: "app", query: query,
                       counters: StatementCounters(calls: calls, execMs: ms))
    }

    static func backend(_ pid: Int32, state: String, stateAge: Double, xactAge: Double?) -> BackendActivity {
        BackendActivity(pid: pid, database: "app", user: "app", application: "shop", backendType: "client backend", state: state,
                        xactStart: xactAge.map { now.addingTimeInterval(-$0) }, stateChange: now.addingTimeInterval(-stateAge), query: "UPDATE t SET v = 1")
    }

    func build(_ f: ReportFacts) -> Report { ReportChecks.build(f) }

    @Test func oneStatementOverThirtyPercentIsP1AndOursAreLeftOut() throws {
        var own = Self.statement(9, ms: 100_000, query: "SELECT pgtriage /* pgtriage */")
        own.isOwn = true
        let report = build(Self.facts(statements: [Self.statement(1, ms: 310), Self.statement(2, ms: 690), own]))
        let check = try #require(report.check("top_statements"))
        #expect(check.priority == .p1)
        #expect(check.objects == ["queryid:2", "queryid:1"])
        let even = build(Self.facts(statements: (1...4).map { Self.statement($0, ms: 250) }))
        #expect(even.check("top_statements")?.priority == nil, "25 % each: none dominates")
    }

    @Test func slowStatementsNeedTwentyMillisecondsAndAHundredCalls() {
        let slow = build(Self.facts(statements: [Self.statement(1, ms: 2_000, calls: 100), Self.statement(2, ms: 1_980, calls: 99)]))
        #expect(slow.check("slow_statements")?.priority == .p2)
        #expect(slow.check("slow_statements")?.objects == ["queryid:1"])
        let fast = build(Self.facts(statements: [Self.statement(1, ms: 1_999, calls: 100)]))
        #expect(fast.check("slow_statements")?.priority == nil)
    }

    @Test func missingStatisticsAreSaidNotLeftOut() throws {
        let report = build(Self.facts(statements: nil))
        let check = try #require(report.check("top_statements"))
        #expect(check.priority == nil)
        #expect(check.conclusions == ["Not checked: pg_stat_statements is not installed"])
        let coverage = try #require(report.check("coverage"))
        guard case .table(let table) = coverage.observations[0] else { Issue.record("no table"); return }
        #expect(table.rows.contains(["query statistics (pg_stat_statements)", "pg_stat_statements is not installed"]))
    }

    @Test func versionSupportByEndOfLifeAndMinor() {
        let now = Self.now
        #expect(VersionSupport.judge(versionNum: 130023, at: now).priority == .p1, "13 ended 2025-11-13")
        #expect(VersionSupport.judge(versionNum: 140020, at: now).priority == .p1, "14 ended 2026-11-12")
        #expect(VersionSupport.judge(versionNum: 150018, at: now).priority == .p2, "15 ends 2027-11-11, within 12 months")
        let old16 = VersionSupport.judge(versionNum: 160002, at: now)
        #expect(old16.priority == .p2 && old16.status.contains("16.2 is behind 16.11"))
        #expect(VersionSupport.judge(versionNum: 180006, at: now).priority == nil)
        #expect(VersionSupport.judge(versionNum: 190000, at: now).status.contains("not in pgtriage's release table"))
        #expect(ReportFormat.day(PostgresReleases.known[15]!.endOfLife) == "2027-11-11")
    }

    @Test func connectionsAgainstMaxConnections() {
        #expect(build(Self.facts(connections: 79)).check("connections")?.priority == nil)
        #expect(build(Self.facts(connections: 80)).check("connections")?.priority == .p2)
        #expect(build(Self.facts(connections: 95)).check("connections")?.priority == .p1)
    }

    @Test func idleInTransactionAndLongTransactions() {
        let young = build(Self.facts(activity: [Self.backend(10, state: "idle in transaction", stateAge: 30, xactAge: 31)]))
        #expect(young.check("idle_in_transaction")?.priority == .p3)
        #expect(young.check("idle_in_transaction")?.objects.contains("pid:10") == true)
        #expect(young.check("long_transactions")?.priority == nil)
        let old = build(Self.facts(activity: [Self.backend(11, state: "idle in transaction", stateAge: 60, xactAge: 3_601)]))
        #expect(old.check("idle_in_transaction")?.priority == .p2)
        #expect(old.check("long_transactions")?.priority == .p1)
        #expect(old.check("long_transactions")?.recommendations.first?.doSQL == "SELECT pg_terminate_backend(11);")
    }

    @Test func sequentialScanRuleAtItsEdges() {
        var f = Self.facts()
        f.tableActivity = .available([
            TableActivity(oid: 1, name: "big", seqScans: 96, indexScans: 4, liveTuples: 10_000),
            TableActivity(oid: 2, name: "small", seqScans: 96, indexScans: 4, liveTuples: 9_999),
            TableActivity(oid: 3, name: "edge", seqScans: 95, indexScans: 5, liveTuples: 50_000),
            TableActivity(oid: 4, name: "noindex", seqScans: 3, indexScans: nil, liveTuples: 20_000),
        ])
        let check = build(f).check("missing_indexes")
        #expect(check?.objects == ["public.big", "public.noindex"])
        #expect(check?.priority == .p2)
    }

    @Test func integerKeysPastSeventyFivePercentAreP1() {
        let seq = SequenceRow(schema: "public", name: "t_id_seq", sequenceType: "integer", columnType: "integer", ownedBy: "public.t.id",
                              lastValue: 1_700_000_000, sequenceMax: Int64(Int32.max))
        let check = build(Self.facts(sequences: [seq])).check("integer_capacity")
        #expect(check?.priority == .p1)
        #expect(check?.recommendations.first?.doSQL == "ALTER TABLE public.t ALTER COLUMN id TYPE bigint;\nALTER SEQUENCE public.t_id_seq AS bigint;")
        let half = SequenceRow(schema: "public", name: "u_id_seq", sequenceType: "bigint", columnType: "integer", ownedBy: "public.u.id",
                               lastValue: 1_100_000_000, sequenceMax: Int64.max)
        #expect(build(Self.facts(sequences: [half])).check("integer_capacity")?.priority == .p2)
    }

    @Test func autovacuumOffWithDeadRowsIsP2WithResetAndUndo() throws {
        let t = TableStats(oid: 7, schema: "public", name: "churn", sizeBytes: 1 << 20, reltuples: 2_000, liveTuples: 2_000, deadTuples: 18_000,
                           options: TableAutovacuumOptions(enabled: false))
        let check = try #require(build(Self.facts(tables: [t])).check("autovacuum"))
        #expect(check.priority == .p2)
        #expect(check.recommendations.first?.doSQL == "ALTER TABLE public.churn RESET (autovacuum_enabled); VACUUM (ANALYZE) public.churn;")
        #expect(check.recommendations.first?.undoSQL == "ALTER TABLE public.churn SET (autovacuum_enabled = off);")
    }

    @Test func tablesWithoutPrimaryKeyUseAUniqueIndexWhenThereIsOne() {
        var f = Self.facts()
        f.tablesWithoutPrimaryKey = .available([TableWithoutPrimaryKey(oid: 1, name: "events", uniqueIndex: "events_uuid_key"),
                                                TableWithoutPrimaryKey(oid: 2, name: "log")])
        let check = build(f).check("primary_keys")
        #expect(check?.priority == .p2)
        #expect(check?.recommendations.map(\.doSQL) == ["ALTER TABLE public.events ADD PRIMARY KEY USING INDEX events_uuid_key;",
                                                         "ALTER TABLE public.log ADD PRIMARY KEY (/* columns */);"])
    }

    @Test func slotsAndCheckpoints() {
        var f = Self.facts()
        f.replication = .available(ReplicationFacts(inRecovery: false, slots: [
            ReplicationFacts.Slot(name: "old", active: false, retainedBytes: 1 << 20),
            ReplicationFacts.Slot(name: "huge", active: true, retainedBytes: 11 << 30),
            ReplicationFacts.Slot(name: "fine", active: true, retainedBytes: 1 << 30),
        ]))
        f.checkpoints = .available(CheckpointStats(timed: 40, requested: 10))
        let report = build(f)
        #expect(report.check("wal_retained")?.priority == .p1)
        #expect(report.check("wal_retained")?.objects == ["old", "huge"])
        #expect(report.check("checkpoints")?.priority == .p2)
        f.checkpoints = .available(CheckpointStats(timed: 2, requested: 7))
        #expect(build(f).check("checkpoints")?.priority == nil, "too few to judge")
        #expect(build(f).check("high_availability")?.priority == .p3, "a primary without standby")
    }

    /// fsync or full_page_writes off can corrupt the cluster in a crash: P1, with the SQL that
    /// turns them back on; synchronous_commit off loses the last commits only: P3.
    @Test func settingsThatTradeCrashSafetyAreFlagged() throws {
        var f = Self.facts()
        f.settings = .available([ChangedSetting(name: "fsync", setting: "off", source: "configuration file"),
                                 ChangedSetting(name: "work_mem", setting: "64MB", source: "configuration file")])
        let check = try #require(build(f).check("settings_changed"))
        #expect(check.priority == .p1)
        #expect(check.conclusions.contains { $0.hasPrefix("fsync = off: ") })
        #expect(check.recommendations.first?.doSQL == "ALTER SYSTEM SET fsync = on; SELECT pg_reload_conf();")
        f.settings = .available([ChangedSetting(name: "synchronous_commit", setting: "off", source: "configuration file")])
        #expect(build(f).check("settings_changed")?.priority == .p3)
        f.settings = .available([ChangedSetting(name: "work_mem", setting: "64MB", source: "configuration file")])
        #expect(build(f).check("settings_changed")?.priority == nil)
    }

    @Test func roleTimeoutsPrecedenceAndZero() {
        let configs = [["statement_timeout=5s"], ["statement_timeout=1min", "lock_timeout=2s"], ["lock_timeout=9s"]]
        #expect(RoleTimeouts.effective("statement_timeout", in: configs, fallback: "0") == "5s")
        #expect(RoleTimeouts.effective("lock_timeout", in: configs, fallback: "0") == "2s")
        #expect(RoleTimeouts.effective("idle_in_transaction_session_timeout", in: configs, fallback: "0") == "0")
        #expect(RoleTimeouts.isZero("0") && RoleTimeouts.isZero("0ms") && !RoleTimeouts.isZero("5s") && !RoleTimeouts.isZero(""))
        var f = Self.facts()
        f.roleTimeouts = .available([RoleTimeouts(role: "shop", sessions: 3), RoleTimeouts(role: "batch", sessions: 1, statementTimeout: "1h"),
                                     RoleTimeouts(role: "idle", sessions: 0), RoleTimeouts(role: "postgres", sessions: 1)])
        #expect(build(f).check("role_timeouts")?.objects == ["shop"], "only roles connected now, not ours, without both timeouts")
    }

    @Test func readsAreSelectsWithoutLocking() {
        #expect(ReportChecks.isRead("  SELECT 1"))
        #expect(ReportChecks.isRead("with x as (select 1) select * from x"))
        #expect(!ReportChecks.isRead("SELECT * FROM t FOR UPDATE"))
        #expect(!ReportChecks.isRead("WITH d AS (DELETE FROM t RETURNING *) SELECT * FROM d"))
        #expect(!ReportChecks.isRead("UPDATE t SET v = 1"))
    }

    @Test func roadmapListsEveryRecommendationOnceMostUrgentFirst() throws {
        let idle = Self.backend(11, state: "idle in transaction", stateAge: 60, xactAge: 3_601)
        let seq = SequenceRow(schema: "public", name: "t_id_seq", sequenceType: "integer", columnType: "integer", ownedBy: "public.t.id",
                              lastValue: 1_700_000_000, sequenceMax: Int64(Int32.max))
        let report = build(Self.facts(activity: [idle], sequences: [seq]))
        let roadmap = try #require(report.check("roadmap"))
        let sql = roadmap.recommendations.compactMap(\.doSQL)
        #expect(sql.filter { $0 == "SELECT pg_terminate_backend(11);" }.count == 1, "in two checks, once in the roadmap")
        #expect(roadmap.priority == .p1)
        guard case .text(let first) = roadmap.observations.first else { Issue.record("no checklist"); return }
        #expect(first.hasPrefix("- [ ] **P1** "))
        let immediate = try #require(report.check("immediate_optimizations"))
        #expect(immediate.priority == .p1)
    }

    @Test func markdownHasExactlyTheDocumentsHeadingsAndSafeTables() {
        var f = Self.facts(statements: [Self.statement(1, ms: 10, query: "SELECT 'a|b'\n FROM \u{1b}[2Jt")])
        f.settings = .available((0..<50).map { ChangedSetting(name: "s\($0)", setting: "v", source: "configuration file") })
        let markdown = ReportMarkdown.render(build(f))
        let headings = markdown.split(separator: "\n").filter { $0.hasPrefix("#") && !$0.hasPrefix("####") }.map(String.init)
        #expect(headings == ["# Database Architecture Assessment", "## Current Database Overview", "## Performance Analysis",
                             "### Query Performance", "### Bottleneck Assessment", "## Schema Design Review", "### Data Model Analysis",
                             "### Indexing Strategy", "## Scalability Recommendations", "### Immediate Optimizations",
                             "### Strategic Enhancements", "## Implementation Roadmap"])
        #expect(markdown.contains("SELECT 'a\\|b' FROM [2Jt"), "one line, pipe escaped, escape character gone")
        #expect(!markdown.contains("\u{1b}"))
        #expect(markdown.contains("The list is limited to 40 of 50 rows."))
        #expect(markdown.contains("#### Top statements by total time [P1]"))
        #expect(markdown.contains("**Observations**") && markdown.contains("**Conclusions**") && markdown.contains("**Recommendations**"))
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let report = build(Self.facts(statements: [Self.statement(1, ms: 10)]))
        let text = try ReportJSON.document(report).encoded()
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["generated_at", "server", "sections"])
        let sections = try #require(json["sections"] as? [[String: Any]])
        #expect(sections.map { Set($0.keys) }.allSatisfy { $0 == ["title", "checks"] })
        let checks = sections.flatMap { $0["checks"] as? [[String: Any]] ?? [] }
        #expect(checks.allSatisfy { Set($0.keys) == ["id", "title", "priority", "observations", "conclusions", "recommendations", "objects"] })
        let top = try #require(checks.first { $0["id"] as? String == "top_statements" })
        #expect(top["priority"] as? String == "P1")
        let recommendation = try #require((top["recommendations"] as? [[String: Any]])?.first)
        #expect(Set(recommendation.keys) == ["text", "do_sql", "undo_sql"])
        #expect(recommendation["undo_sql"] is NSNull)
        #expect(recommendation["do_sql"] as? String == "EXPLAIN (GENERIC_PLAN) SELECT 1;")
        let quiet = try #require(checks.first { $0["id"] as? String == "deadlocks" })
        #expect(quiet["priority"] is NSNull)
    }
}

extension ReportTests {
    @Test func aCheckRecommendsAtMostTenThingsAndCountsTheRest() throws {
        var f = Self.facts()
        f.tablesWithoutPrimaryKey = .available((1...25).map { TableWithoutPrimaryKey(oid: UInt32($0), name: "t\($0)") })
        let check = try #require(build(f).check("primary_keys"))
        #expect(check.recommendations.count == 11)
        #expect(check.recommendations.last?.text.hasPrefix("The same for the other 15 ") == true)
        #expect(check.recommendations.last?.doSQL == nil)
        #expect(check.objects.count == 25, "objects keep every one")
        guard case .table(let table) = check.observations[0] else { Issue.record("no table"); return }
        #expect(table.rows.count == 10 && table.total == 25)
    }
}

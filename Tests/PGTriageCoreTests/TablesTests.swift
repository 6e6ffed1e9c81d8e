import Foundation
import Testing
@testable import PGTriageCore

/// The autovacuum formula of `relation_needs_vacanalyze()` (src/backend/postmaster/autovacuum.c),
/// wraparound limits (varsup.c), sequences and maintenance progress, worked by hand.
@Suite struct TablesTests {
    let defaults = AutovacuumSettings()

    @Test func vacuumThresholdIsBasePlusScaleFactorTimesReltuples() {
        let t = AutovacuumThresholds(settings: defaults, options: TableAutovacuumOptions(), reltuples: 10_000)
        #expect(t.vacuum == 50 + 0.2 * 10_000)
        #expect(t.insert == 1000 + 0.2 * 10_000)
        #expect(t.analyze == 50 + 0.1 * 10_000)
        #expect(t.freezeMaxAge == 200_000_000)
    }

    @Test func neverVacuumedTableCountsAsNoTuples() {
        let t = AutovacuumThresholds(settings: defaults, options: TableAutovacuumOptions(), reltuples: -1)
        #expect(t.vacuum == 50 && t.analyze == 50 && t.insert == 1000)
    }

    @Test func maxThresholdCapsTheVacuumThresholdOn18Only() {
        var on18 = defaults
        on18.vacuumMaxThreshold = 100_000_000
        let big = AutovacuumThresholds(settings: on18, options: TableAutovacuumOptions(), reltuples: 1_000_000_000)
        #expect(big.vacuum == 100_000_000)
        let before18 = AutovacuumThresholds(settings: defaults, options: TableAutovacuumOptions(), reltuples: 1_000_000_000)
        #expect(before18.vacuum == 50 + 200_000_000)
        // -1 on the table turns the cap off; a table's own cap wins over the setting.
        let off = AutovacuumThresholds(settings: on18, options: TableAutovacuumOptions.parse(["autovacuum_vacuum_max_threshold=-1"]),
                                       reltuples: 1_000_000_000)
        #expect(off.vacuum == 50 + 200_000_000)
        let own = AutovacuumThresholds(settings: on18, options: TableAutovacuumOptions.parse(["autovacuum_vacuum_max_threshold=5000"]),
                                       reltuples: 1_000_000)
        #expect(own.vacuum == 5000)
    }

    @Test func insertThresholdCountsOnlyUnfrozenPagesWhenRelallfrozenIsKnown() {
        let t = AutovacuumThresholds(settings: defaults, options: TableAutovacuumOptions(), reltuples: 10_000,
                                     relpages: 100, relallfrozen: 75)
        #expect(t.unfrozenShare == 0.25)
        #expect(t.insert == 1000 + 0.2 * 10_000 * 0.25)
        let off = AutovacuumThresholds(settings: defaults, options: TableAutovacuumOptions.parse(["autovacuum_vacuum_insert_threshold=-1"]),
                                       reltuples: 10_000)
        #expect(off.insert == nil)
    }

    @Test func reloptionsOverrideTheSettingsAndFreezeAgesOnlyLower() {
        let options = TableAutovacuumOptions.parse([
            "fillfactor=90", "autovacuum_enabled=off", "autovacuum_vacuum_scale_factor=0.01", "autovacuum_vacuum_threshold=1000",
            "autovacuum_analyze_scale_factor=0.05", "autovacuum_freeze_max_age=100000000",
            "autovacuum_multixact_freeze_max_age=900000000",
        ])
        #expect(options.enabled == false)
        #expect(options.overridden.count == 6)
        let t = AutovacuumThresholds(settings: defaults, options: options, reltuples: 100_000)
        #expect(t.vacuum == 1000 + 0.01 * 100_000)
        #expect(t.analyze == 50 + 0.05 * 100_000)
        #expect(t.freezeMaxAge == 100_000_000)
        #expect(t.multixactFreezeMaxAge == 400_000_000)  // a table cannot raise the setting
        #expect(TableAutovacuumOptions.parse(["autovacuum_enabled=0"]).enabled == false)
        #expect(TableAutovacuumOptions.parse(["autovacuum_enabled=true"]).enabled == true)
    }

    @Test func dueAndFreezePercentagesOfATable() {
        let row = TableStats(oid: 1, schema: "public", name: "t", sizeBytes: 8192, reltuples: 1000, liveTuples: 1000,
                           deadTuples: 500, modsSinceAnalyze: 75, insertsSinceVacuum: 600,
                           options: TableAutovacuumOptions.parse(["autovacuum_enabled=false"]),
                           xidAge: 150_000_000, mxidAge: 0, serverVersion: 150000)
        #expect(!row.autovacuumEnabled)
        #expect(row.thresholds.vacuum == 250)
        #expect(row.vacuumDuePercent == 200)
        #expect(row.insertDuePercent == 50)
        #expect(row.analyzeDuePercent == 50)
        #expect(row.dueMaxPercent == 200)
        #expect(abs((row.deadPercent ?? 0) - 100.0 / 3) < 1e-9)
        #expect(row.freezePercent == 75)
        // 150M of the 2^31 - 1 - 3M XIDs before the stop (14+).
        #expect(abs(row.wraparoundPercent - 150_000_000 / 2_144_483_647 * 100) < 1e-9)
        var off = AutovacuumSettings()
        off.autovacuum = false
        #expect(!TableStats(oid: 2, schema: "s", name: "u", sizeBytes: 0, reltuples: 0, liveTuples: 0, deadTuples: 0, settings: off).autovacuumEnabled)
    }

    @Test func wraparoundStopMarginByVersion() {
        #expect(Wraparound.xidStopMargin(serverVersion: 130010) == 1_000_000)
        #expect(Wraparound.xidStopMargin(serverVersion: 140000) == 3_000_000)
        #expect(Wraparound.mxidStopMargin(serverVersion: 130010) == 100)
        #expect(abs(Wraparound.xidPercent(age: 2_144_483_647, serverVersion: 180000) - 100) < 1e-9)
    }

    @Test func sequenceRunsOutAtItsColumnsTypeNotItsOwn() {
        // A bigint sequence feeding an integer column: 1.8e9 is 84 % of 2^31 - 1.
        let s = SequenceRow(schema: "public", name: "orders_id_seq", sequenceType: "bigint", columnType: "integer",
                            lastValue: 1_800_000_000, sequenceMax: Int64.max)
        #expect(s.maxValue == 2_147_483_647)
        #expect(abs((s.usedPercent ?? 0) - 1_800_000_000 / 2_147_483_647.0 * 100) < 1e-9)
        let own = SequenceRow(schema: "public", name: "free", sequenceType: "smallint", lastValue: 16_384, sequenceMax: 32_767)
        #expect(abs((own.usedPercent ?? 0) - 50.0015) < 0.001)
        #expect(SequenceRow(schema: "p", name: "n", sequenceType: "bigint", columnType: "numeric", lastValue: 10, sequenceMax: 100).maxValue == 100)
        #expect(SequenceRow(schema: "p", name: "never", sequenceType: "bigint", lastValue: nil, sequenceMax: 100).usedPercent == nil)
        let sorted = TablesSection.sortedSequences([own, s])
        #expect(sorted.map(\.name) == ["orders_id_seq", "free"])
    }

    @Test func maintenanceRateAndEtaFromElapsedTimeAndFromTwoSamples() {
        let first = MaintenanceProgress(pid: 7, command: "VACUUM", relation: "t", phase: "scanning heap", done: 250, total: 1000,
                                        unit: "blocks", elapsedSeconds: 10)
        #expect(first.donePercent == 25)
        #expect(first.rate == 25)
        #expect(first.etaSeconds == 30)
        let second = MaintenanceProgress(pid: 7, command: "VACUUM", relation: "t", phase: "scanning heap", done: 750, total: 1000,
                                         unit: "blocks", elapsedSeconds: 20)
        #expect(MaintenanceProgress.rate(from: first, to: second, seconds: 10) == 50)
        var other = second
        other.phase = "vacuuming indexes"
        #expect(MaintenanceProgress.rate(from: first, to: other, seconds: 10) == nil)
        #expect(MaintenanceProgress(pid: 1, command: "ANALYZE", relation: "t", phase: "initializing", done: 0, total: 0, unit: "blocks",
                                    elapsedSeconds: 1).etaSeconds == nil)
    }

    @Test func decodeBuildsRowsFromTheCatalogsColumns() throws {
        let head = QueryResult(columns: ["now", "database", "role", "block_size", "autovacuum", "track_counts", "vacuum_threshold",
                                         "vacuum_scale_factor", "vacuum_max_threshold", "insert_threshold", "insert_scale_factor",
                                         "analyze_threshold", "analyze_scale_factor", "freeze_max_age", "multixact_freeze_max_age",
                                         "reads_all_stats", "in_recovery"],
                               rows: [["2026-01-01 00:00:00+00", "shop", "triage", "8192", "on", "on", "50", "0.2", nil, "1000", "0.2",
                                       "50", "0.1", "200000000", "400000000", "t", "f"]])
        let tables = QueryResult(columns: ["oid", "schema", "name", "pages", "tuples", "allfrozen", "reloptions", "xid_age", "mxid_age",
                                           "n_live_tup", "n_dead_tup", "n_mod_since_analyze", "n_ins_since_vacuum", "last_vacuum",
                                           "last_autovacuum", "last_analyze", "last_autoanalyze"],
                                 rows: [["16400", "public", "hot", "10", "100", nil, "{autovacuum_enabled=false}", "1000", "5",
                                         "100", "900", "0", "0", nil, nil, nil, nil],
                                        ["16401", "public", "cold", "1", "-1", nil, nil, "10", "0", "0", "0", "0", "0", nil, nil, nil, nil]])
        let databases = QueryResult(columns: ["name", "xid_age", "mxid_age"], rows: [["shop", "1000", "5"]])
        let horizon = QueryResult(columns: ["kind", "id", "pid", "xmin_age", "owner", "detail", "since"],
                                  rows: [["backend", "4242", "4242", "37", "alice", "psql idle in transaction", "2026-01-01 00:00:00+00"]])
        let maintenance = QueryResult(columns: ["pid", "command", "relation", "phase", "done", "total", "unit", "started_at", "details"],
                                      rows: [["77", "autovacuum", "public.hot", "scanning heap", "5", "10", "blocks", "2025-12-31 23:59:50+00", ""]])
        let section = try TablesReader.decode([head, tables, databases, horizon, maintenance], serverVersion: 150000)
        #expect(section.tables.map(\.name) == ["hot", "cold"])
        let hot = section.tables[0]
        #expect(!hot.autovacuumEnabled && hot.sizeBytes == 81920 && hot.thresholds.vacuum == 70)
        #expect(section.tables[1].reltuples == nil)
        #expect(section.holders.first?.kind == .backend && section.holders.first?.pid == 4242)
        #expect(section.oldestXminAge == 37)
        #expect(section.maintenance.first?.elapsedSeconds == 10 && section.maintenance.first?.etaSeconds == 10)
        #expect(section.maintenance.first?.details == [])
        #expect(section.limitations.isEmpty)
    }

    @Test func everyMaintenanceVariantSelectsTheSameColumns() {
        // The same aliases in the same order: the UNION ALL fails otherwise, and the decoder reads them by name.
        for sql in [TablesCatalog.maintenancePost130000, TablesCatalog.maintenancePost170000, TablesCatalog.maintenancePost180000] {
            #expect(sql.contains("AS details"))
            #expect(sql.contains("pg_stat_progress_analyze") && sql.contains("pg_stat_progress_create_index") && sql.contains("pg_stat_progress_cluster"))
        }
        #expect(TablesCatalog.maintenance(serverVersion: 160004) == TablesCatalog.maintenancePost130000)
        #expect(TablesCatalog.maintenance(serverVersion: 170000) == TablesCatalog.maintenancePost170000)
        #expect(TablesCatalog.maintenancePost130000.contains("num_dead_tuples"))
        #expect(TablesCatalog.maintenancePost170000.contains("dead_tuple_bytes") && !TablesCatalog.maintenancePost170000.contains("delay_time"))
        #expect(TablesCatalog.maintenancePost180000.contains("delay_time"))
        #expect(TablesCatalog.tables(serverVersion: 180000).contains("c.relallfrozen"))
        #expect(!TablesCatalog.tables(serverVersion: 170000).contains("relallfrozen"))
        for sql in [TablesCatalog.refresh(serverVersion: 150000), TablesCatalog.sequences] {
            #expect(!sql.contains("pg_relation_size") && !sql.contains("pg_total_relation_size"))
        }
    }
}

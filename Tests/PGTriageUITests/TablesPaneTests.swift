#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import PGTriageUI
import PGTriageCore

/// A hand-built Tables section read 5 s before the snapshot: a table past its threshold with
/// autovacuum off, one near it, a quiet one; an idle transaction (Fixtures.a, pid 101) holding
/// the horizon and a replication slot; a sequence past 75 %; a running autovacuum.
enum TablesFixtures {
    static let t0 = Fixtures.t0
    static func ago(_ s: Double) -> Date { t0.addingTimeInterval(-s) }

    static let hot = TableStats(
        oid: 16400, schema: "public", name: "hot_counters", sizeBytes: 48 << 20, pages: 6144, reltuples: 2000, liveTuples: 2000,
        deadTuples: 150_000, modsSinceAnalyze: 150_000, insertsSinceVacuum: 0, lastAnalyze: ago(3600),
        options: TableAutovacuumOptions.parse(["autovacuum_enabled=false"]), xidAge: 120_000_000, mxidAge: 10)
    static let orders = TableStats(
        oid: 16410, schema: "public", name: "orders", sizeBytes: 120 << 20, pages: 15360, reltuples: 200_000, liveTuples: 200_000,
        deadTuples: 36_000, modsSinceAnalyze: 9_000, insertsSinceVacuum: 12_000, lastAutovacuum: ago(3 * 3600),
        lastAutoanalyze: ago(3 * 3600), xidAge: 180_000_000, mxidAge: 0)
    static let accounts = TableStats(
        oid: 16420, schema: "public", name: "accounts", sizeBytes: 8 << 20, pages: 1024, reltuples: 50_000, liveTuples: 50_000,
        deadTuples: 10, lastVacuum: ago(2 * 86_400), lastAnalyze: ago(2 * 86_400), xidAge: 2_000_000)
    static let holders = [
        HorizonHolder(kind: .backend, id: "101", pid: 101, xminAge: 1_234_567, owner: "alice", detail: "psql idle in transaction", since: ago(300)),
        HorizonHolder(kind: .replicationSlot, id: "standby_slot", xminAge: 5_000, owner: "physical", detail: "inactive"),
    ]
    static let sequence = SequenceRow(schema: "public", name: "ids_id_seq", sequenceType: "bigint", columnType: "integer",
                                      ownedBy: "public.ids.id", lastValue: 1_800_000_000, sequenceMax: Int64.max)
    static let vacuum = MaintenanceProgress(pid: 4242, command: "autovacuum", relation: "public.orders", phase: "scanning heap",
                                            done: 3840, total: 15360, unit: "blocks", elapsedSeconds: 30)

    static func section() -> TablesSection {
        TablesSection(database: "shop", capturedAt: ago(5), tables: TablesSection.sortedTables([hot, orders, accounts]),
                      databases: [DatabaseAge(name: "shop", xidAge: 180_000_000, mxidAge: 10, settings: AutovacuumSettings(), serverVersion: 150018)],
                      holders: holders, sequences: [sequence], maintenance: [vacuum])
    }

    static func snapshot(_ section: TablesSection? = section(), unavailable: [String: SectionUnavailable] = [:]) -> Snapshot {
        var s = Fixtures.snapshot()
        s.tables = section
        s.unavailable = unavailable
        return s
    }

    static func state(width: Int = 80, height: Int = 24, snapshot: Snapshot = snapshot()) -> AppState {
        var s = Fixtures.state(width: width, height: height, snapshot: snapshot)
        Fixtures.press([.char(Character("\(Pane.tables.number)"))], &s)
        return s
    }
}

@Suite struct TablesPaneTests {
    func lines(_ state: AppState) -> [String] {
        let backend = MemoryBackend(width: state.width, height: state.height)
        backend.draw(view(state))
        return backend.lines()
    }

    func blank(_ n: Int) -> [String] { Array(repeating: "", count: n) }

    static let hints = "? help  v view  Enter detail  / filter  s sort  q quit"

    @Test func tablesAt80x24ShowTheHorizonTheAttentionLineAndTheNearestToAutovacuumFirst() {
        expectScreen(lines(TablesFixtures.state()), ScreenHeader.lines + [
            " Tables — 3 of 3 tables, 1 autovacuum off · read 5.5s ago · v: horizon holders",
            " horizon oldest xmin 1.2M XIDs backend 101 alice (psql idle in transaction) +1",
            " seq public.ids_id_seq 84% · autovacuum public.orders 25% · db shop freeze 90%",
            "  NAME                  SIZE   DEAD DEAD%  DUE% AV   FRZ% VACUUMED",
            "  public.hot_counters   48MB   150k   99%  33k% OFF   60%    never",
            "  public.orders        120MB    36k   15%   90% on    90%    3h00m",
            "  public.accounts      8.0MB     10    0%    0% on     1%    2d00h",
        ] + blank(13) + [Self.hints])
    }

    @Test func flagsAreColoured() {
        var s = TablesFixtures.state()
        Fixtures.press([.end], &s)  // the selection away from the rows checked
        let backend = MemoryBackend(width: 80, height: 24)
        backend.draw(view(s))
        #expect(backend.styleAt(x: 43, y: 7).role == .bloatCritical)  // hot_counters due 33k %
        #expect(backend.styleAt(x: 48, y: 7).role == .bloatCritical)  // autovacuum OFF
        #expect(backend.styleAt(x: 2, y: 7).role == .bloatCritical)  // its name too
        #expect(backend.styleAt(x: 43, y: 8).role == .bloatWarning)  // orders due 90 %
        #expect(backend.styleAt(x: 54, y: 8).role == .bloatWarning)  // orders freeze 90 %
        #expect(backend.styleAt(x: 54, y: 7).role == .default)  // hot_counters freeze 60 %
        #expect(backend.styleAt(x: 48, y: 8).role == .textDim)  // autovacuum on
        #expect(backend.styleAt(x: 9, y: 4).role == .ageCritical)  // horizon held 1.2M XIDs
        #expect(backend.styleAt(x: 23, y: 5).role == .bloatCritical)  // sequence 84 %
    }

    @Test func vCyclesThroughHoldersSequencesAndMaintenance() {
        var s = TablesFixtures.state()
        Fixtures.press([.char("v")], &s)
        #expect(s.tables.view == .holders)
        #expect(Array(lines(s)[3...8]) == [
            " Tables — 2 horizon holders · read 5.5s ago · v: sequences · db shop",
            " horizon oldest xmin 1.2M XIDs backend 101 alice (psql idle in transaction) +1",
            " seq public.ids_id_seq 84% · autovacuum public.orders 25% · db shop freeze 90%",
            "  KIND             ID             XMIN AGE  SINCE OWNER      DETAIL",
            "  backend          101                1.2M  5m00s alice      psql idle in trans…",
            "  replication_slot standby_slot       5.0k      - physical   inactive",
        ])
        Fixtures.press([.char("v")], &s)
        #expect(Array(lines(s)[6...7]) == [
            "  SEQUENCE                   TYPE      LAST VALUE USED% OWNED BY",
            "  public.ids_id_seq          integer         1.8G   84% public.ids.id",
        ])
        Fixtures.press([.char("v")], &s)
        #expect(Array(lines(s)[6...7]) == [
            "      PID COMMAND      PHASE               DONE ELAPSED    ETA RELATION",
            "     4242 autovacuum   scanning heap        25%     30s  1m30s public.orders",
        ])
        Fixtures.press([.char("v")], &s)
        #expect(s.tables.view == .tables)
    }

    @Test func sortFilterAndDetail() {
        var s = TablesFixtures.state()
        Fixtures.press([.char("s")], &s)
        #expect(s.tables.sort == .freeze)
        #expect(s.tables.rows.map(\.name) == ["orders", "hot_counters", "accounts"])
        Fixtures.press([.char("S")], &s)
        #expect(s.tables.rows.map(\.name) == ["accounts", "hot_counters", "orders"])
        Fixtures.press([.char("/")] + Fixtures.chars("autovacuum off") + [.enter], &s)
        #expect(s.tables.rows.map(\.name) == ["hot_counters"])
        Fixtures.press([.escape], &s)
        #expect(s.tables.filter.isEmpty && s.tables.rows.count == 3)

        var d = TablesFixtures.state()
        Fixtures.press([.enter], &d)
        #expect(d.tables.detail?.oid == 16400)
        let shown = lines(d)
        #expect(Array(shown[3...14]) == [
            "┌ public.hot_counters — Esc closes · arrows scroll ────────────────────────────┐",
            "│ table         public.hot_counters                                            │",
            "│ size          48MB (6144 pages, as of the last VACUUM/ANALYZE)               │",
            "│ reltuples     2000                                                           │",
            "│ live / dead   2000 / 150000 (99% dead)                                       │",
            "│ autovacuum    OFF: only anti-wraparound vacuums will come                    │",
            "│ reloptions    autovacuum_enabled=false                                       │",
            "│ vacuum at     450 dead = 50 + 0.20 x 2000                                    │",
            "│               150000 dead: 33k% of it                                        │",
            "│ insert at     1400 inserted = 1000 + 0.20 x 2000                             │",
            "│               0 since vacuum: 0% of it                                       │",
            "│ analyze at    250 changed = 50 + 0.10 x 2000                                 │",
        ])
        Fixtures.press([.escape], &d)
        #expect(d.tables.detail == nil)
    }

    @Test func aOnABackendHolderSelectsItOnActivity() {
        var s = TablesFixtures.state()
        Fixtures.press([.char("a")], &s)
        #expect(s.pane == .tables)  // a table is not a backend
        Fixtures.press([.char("v"), .char("a")], &s)
        #expect(s.pane == .activity)
        #expect(s.activity.selection == RowSelection(key: [101], index: 0))
        #expect(s.selectedPid == 101)
        // A slot is no backend: nothing happens.
        var slot = TablesFixtures.state()
        Fixtures.press([.char("v"), .down, .char("a")], &slot)
        #expect(slot.pane == .tables)
    }

    @Test func jumpingToAnIdleHolderListsIdleSessions() {
        var section = TablesFixtures.section()
        section.holders = [HorizonHolder(kind: .backend, id: "105", pid: 105, xminAge: 10, owner: "erin", detail: "idle")]
        var s = TablesFixtures.state(snapshot: TablesFixtures.snapshot(section))
        Fixtures.press([.char("v"), .enter], &s)
        #expect(s.pane == .activity && s.activity.showIdle)
        #expect(s.selectedPid == 105)
    }

    @Test func activityDetailShowsTheBackendsRunningMaintenance() {
        var section = TablesFixtures.section()
        section.maintenance = [MaintenanceProgress(pid: 104, command: "VACUUM", relation: "public.orders", phase: "scanning heap",
                                                   done: 500, total: 1000, unit: "blocks", elapsedSeconds: 10)]
        var s = TablesFixtures.state(snapshot: TablesFixtures.snapshot(section))
        Fixtures.press([.char("1")], &s)
        // The Tables section is read only on its pane: the last one seen is used, with its age.
        var activity = s
        activity.snapshot = Fixtures.snapshot()
        let pid104 = activity.activity.rows.firstIndex { $0.pid == 104 }!
        activity.activity.selection = RowSelection(key: [104], index: pid104)
        Fixtures.press([.enter], &activity)
        #expect(activity.detail?.pid == 104)
        let text = lines(activity).joined(separator: "\n")
        #expect(text.contains("maintenance   VACUUM public.orders: scanning heap 50%, 10s left (5.0s ago)"), "\(text)")
    }

    @Test func unavailableAndWaiting() {
        let reason = SectionUnavailable(code: "timeout", message: "tables could not be read: canceling statement due to statement timeout")
        let s = TablesFixtures.state(snapshot: TablesFixtures.snapshot(nil, unavailable: ["tables": reason]))
        #expect(lines(s)[3] == " Tables — unavailable")
        #expect(lines(s).contains { $0.contains("tables could not be read") })
        let waiting = TablesFixtures.state(snapshot: TablesFixtures.snapshot(nil))
        #expect(lines(waiting)[13].contains("Waiting for the first tables read (every 30s)..."))
    }

    @Test func scopeReadsTheSectionOnlyOnThePane() {
        let s = TablesFixtures.state()
        #expect(AppState.scope(s).sections == [.tables])
        var other = s
        Fixtures.press([.char("1")], &other)
        #expect(!AppState.scope(other).sections.contains(.tables))
    }
}

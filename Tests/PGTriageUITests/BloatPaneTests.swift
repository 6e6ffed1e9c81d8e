#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import PGTriageUI
import PGTriageCore

/// A hand-built Bloat section: read 12 s before the snapshot; one table being vacuumed, one never
/// analysed, an index.
enum BloatFixtures {
    static let t0 = Fixtures.t0
    static func ago(_ s: Double) -> Date { t0.addingTimeInterval(-s) }
    static let mb: Int64 = 1 << 20

    static let vacuum = VacuumProgress(pid: 4242, relationOid: 16400, phase: "scanning heap", heapBlocksTotal: 6144,
                                       heapBlocksScanned: 2765, indexVacuumCount: 0)

    static let hot = RelationBloat(
        oid: 16400, schema: "public", name: "hot_counters", kind: .table, sizeBytes: 48 * mb, tuples: 2000,
        expectedBytes: 16 * mb, bloatBytes: 32 * mb, bloatPercent: 66.7, toastBytes: 0, liveTuples: 2000, deadTuples: 150_000,
        lastAnalyze: ago(3600), vacuum: vacuum)
    static let orders = RelationBloat(
        oid: 16410, schema: "public", name: "orders", kind: .table, sizeBytes: 120 * mb, tuples: 200_000,
        expectedBytes: 100 * mb, bloatBytes: 20 * mb, bloatPercent: 16.7, toastBytes: 2 * mb, liveTuples: 200_000, deadTuples: 5_000,
        lastAutovacuum: ago(300), lastAutoanalyze: ago(280))
    static let ordersPkey = RelationBloat(
        oid: 16415, schema: "public", name: "orders_pkey", kind: .index, table: "orders", tableOid: 16410, sizeBytes: 40 * mb,
        tuples: 200_000, fillfactor: 90, expectedBytes: 26 * mb, bloatBytes: 14 * mb, bloatPercent: 35)
    static let accounts = RelationBloat(
        oid: 16420, schema: "public", name: "accounts", kind: .table, sizeBytes: 8 * mb, tuples: 50_000,
        expectedBytes: 8 * mb - 100 * 1024, bloatBytes: 100 * 1024, bloatPercent: 1.2, liveTuples: 50_000, deadTuples: 10,
        lastVacuum: ago(2 * 86_400), lastAutovacuum: ago(3 * 86_400), lastAnalyze: ago(2 * 86_400))
    static let fresh = RelationBloat(
        oid: 16430, schema: "public", name: "imported_rows", kind: .table, sizeBytes: 5 * mb, status: .noStatistics,
        liveTuples: 0, deadTuples: 0)

    static func section(_ relations: [RelationBloat] = [hot, orders, ordersPkey, accounts, fresh]) -> BloatSection {
        BloatSection(database: "shop", capturedAt: ago(12), relations: BloatSection.sorted(relations), limit: 500, vacuums: [vacuum])
    }

    static func snapshot(_ section: BloatSection? = section(), unavailable: [String: SectionUnavailable] = [:]) -> Snapshot {
        var s = Fixtures.snapshot()
        s.bloat = section
        s.unavailable = unavailable
        return s
    }

    static func state(width: Int = 80, height: Int = 24, snapshot: Snapshot = snapshot()) -> AppState {
        var s = Fixtures.state(width: width, height: height, snapshot: snapshot)
        Fixtures.press([.char("4")], &s)
        return s
    }
}

@Suite struct BloatPaneTests {
    func lines(_ state: AppState) -> [String] {
        let backend = MemoryBackend(width: state.width, height: state.height)
        backend.draw(view(state))
        return backend.lines()
    }

    func blank(_ n: Int) -> [String] { Array(repeating: "", count: n) }
    static let hints = "? help  Enter detail  / filter  s sort  x exact  q quit"

    @Test func bloatAt80x24() {
        expectScreen(lines(BloatFixtures.state()), ScreenHeader.lines + [
            " Bloat — 5 of 5 relations · read 12s ago · TOAST not included · db shop",
            "  NAME                 KIND    SIZE    EST. BLOAT DEAD%  VACUUMED ANALYZED",
            "  public.hot_counters  table   48MB    32MB   67%   99%  scan 45%    1h00m",
            "  public.orders        table  120MB    20MB   17%    2%     5m00s    4m40s",
            "  public.orders_pkey   index   40MB    14MB   35%",
            "  public.accounts      table  8.0MB   100kB    1%    0%     2d00h    2d00h",
            "  public.imported_rows table  5.0MB no statistics     -     never    never",
        ] + blank(13) + [Self.hints])
    }

    @Test func widerShowsDeadTuplesToastAndTheRunningVacuum() {
        let shown = lines(BloatFixtures.state(width: 140))
        #expect(Array(shown[3...9]) == [
            " Bloat — 5 of 5 relations · read 12s ago · TOAST not included · sort: wasted bytes, largest first · db shop",
            "  NAME                 KIND    SIZE    EST. BLOAT   DEAD DEAD%  TOAST  VACUUMED ANALYZED VACUUM NOW",
            "  public.hot_counters  table   48MB    32MB   67%   150k   99%         scan 45%    1h00m pid 4242 scanning heap 45% scanned",
            "  public.orders        table  120MB    20MB   17%   5.0k    2%  2.0MB     5m00s    4m40s",
            "  public.orders_pkey   index   40MB    14MB   35%",
            "  public.accounts      table  8.0MB   100kB    1%     10    0%            2d00h    2d00h",
            "  public.imported_rows table  5.0MB no statistics      0     -            never    never",
        ])
    }

    @Test func coloursFollowBloatAndDeadShares() {
        var s = BloatFixtures.state()
        Fixtures.press([.end], &s)  // the selection away from the rows checked
        let backend = MemoryBackend(width: 80, height: 24)
        backend.draw(view(s))
        #expect(backend.styleAt(x: 40, y: 5).role == .bloatCritical)  // hot_counters 67 %
        #expect(backend.styleAt(x: 40, y: 6).role == .default)  // orders 17 %
        #expect(backend.styleAt(x: 40, y: 7).role == .bloatWarning)  // orders_pkey 35 %
        #expect(backend.styleAt(x: 40, y: 8).role == .default)  // accounts: 100kB, below the 1 MB floor
        #expect(backend.styleAt(x: 48, y: 5).role == .bloatCritical)  // 99 % dead
        #expect(backend.styleAt(x: 56, y: 5).role == .textHighlight)  // vacuum running
        let top = MemoryBackend(width: 80, height: 24)
        top.draw(view(BloatFixtures.state()))
        #expect(top.styleAt(x: 40, y: 9).role == .textDim)  // no statistics
        #expect(backend.styleAt(x: 40, y: 4).attributes.contains(.underline))  // sorted by wasted bytes
    }

    @Test func unavailableShowsMessageAndFix() {
        let reason = SectionUnavailable(code: "failed", message: "bloat could not be read: permission denied for table pg_statistic",
                                        fix: "GRANT pg_monitor TO triage")
        let s = BloatFixtures.state(snapshot: BloatFixtures.snapshot(nil, unavailable: ["bloat": reason]))
        expectScreen(lines(s), ScreenHeader.lines + [" Bloat — unavailable"] + blank(6) + [
            "       bloat could not be read: permission denied for table pg_statistic",
            "",
            "                                   To fix it:",
            "                           GRANT pg_monitor TO triage",
            "",
            "                         The other panes keep working.",
        ] + blank(7) + ["? help  q quit"])
    }

    @Test func waitingForTheFirstRead() {
        let s = BloatFixtures.state(snapshot: BloatFixtures.snapshot(nil))
        #expect(lines(s)[13].contains("Waiting for the first bloat read (every 30s)..."))
    }

    @Test func detailShowsStatisticsVacuumAndHowToGetExactFigures() {
        var s = BloatFixtures.state()
        Fixtures.press([.enter], &s)
        #expect(s.bloat.detail?.oid == 16400)
        let shown = lines(s)
        #expect(Array(shown[3...18]) == [
            "┌ public.hot_counters — Esc closes · x exact figures · arrows scroll ──────────┐",
            "│ relation      public.hot_counters                                            │",
            "│ kind          table                                                          │",
            "│ size          48MB (6144 pages, as of the last VACUUM/ANALYZE)               │",
            "│ TOAST         0B (not included in the estimate)                              │",
            "│ rows          2.0k (reltuples)                                               │",
            "│ fillfactor    100                                                            │",
            "│ expected size 16MB                                                           │",
            "│ est. bloat    32MB (67% of the size)                                         │",
            "│ live tuples   2.0k                                                           │",
            "│ dead tuples   150k (99%)                                                     │",
            "│ last vacuum   never                                                          │",
            "│ autovacuum    never                                                          │",
            "│ last analyze  1h00m ago                                                      │",
            "│ autoanalyze   never                                                          │",
            "│ vacuum now    pid 4242: scanning heap 45% scanned (2765/6144 blocks, 0 index │",
        ])
        Fixtures.press([.end], &s)
        #expect(lines(s).joined().contains("x reads them with pgstattuple_approx"))
        // x asks first; y sends the request to the service.
        #expect(Fixtures.press([.char("x")], &s).isEmpty)
        #expect(lines(s).joined().contains("y reads the relation, any other key does not"))
        #expect(Fixtures.press([.char("y")], &s) == [.fetchExactBloat(oid: 16400)])
        Fixtures.press([.escape], &s)
        #expect(s.bloat.detail == nil)
    }

    /// `x` on the list asks first, its keys at the start of the line (at 80 columns its end is cut).
    @Test func exactReadFromTheListAsksWithItsKeysFirst() {
        var s = BloatFixtures.state()
        #expect(Fixtures.press([.char("x")], &s).isEmpty)
        #expect(lines(s).contains { $0.hasPrefix(" y reads every page of public.hot_counters with pgstattuple") }, "\(lines(s))")
        #expect(Fixtures.press([.char("y")], &s) == [.fetchExactBloat(oid: 16400)])
    }

    @Test func noStatisticsDetail() {
        var s = BloatFixtures.state()
        Fixtures.press([.end, .enter], &s)
        let text = lines(s).joined(separator: "\n")
        #expect(text.contains("est. bloat    no statistics: never analysed (ANALYZE public.imported_rows;"))
        #expect(text.contains("rows          unknown (never vacuumed or analysed)"))
    }

    @Test func exactFiguresArriveInTheDetail() {
        var s = BloatFixtures.state()
        Fixtures.press([.enter], &s)
        s.bloat.exact = .running(oid: 16400, name: "public.hot_counters")
        s.receiveExactBloat(oid: 16400, .figures(.table(ExactTableBloat(
            tableBytes: 48 * BloatFixtures.mb, tupleCount: 2000, tupleBytes: 200_000, deadTupleCount: 150_000,
            deadTupleBytes: 15 * BloatFixtures.mb, freeBytes: 17 * BloatFixtures.mb))))
        #expect(s.status?.text == "exact figures for public.hot_counters read (Enter shows them)")
        Fixtures.press([.end], &s)
        let text = lines(s).joined(separator: "\n")
        #expect(text.contains("exact         33MB wasted (68%) by pgstattuple_approx, 100% scanned"))
        // An answer for another relation (or after Esc) is ignored.
        s.bloat.exact = nil
        s.receiveExactBloat(oid: 16400, .failed("late"))
        #expect(s.bloat.exact == nil)
    }

    // MARK: - Keys

    func shownNames(_ s: AppState) -> [String] { BloatRows.rows(s).map(\.name) }

    @Test func defaultOrderIsWastedBytesWithNoStatisticsLast() {
        let s = BloatFixtures.state()
        #expect(shownNames(s) == ["hot_counters", "orders", "orders_pkey", "accounts", "imported_rows"])
    }

    @Test func sortCyclesAndReverses() {
        var s = BloatFixtures.state()
        Fixtures.press([.char("s")], &s)
        #expect(s.bloat.sort == .bloatPercent && s.bloat.sortDescending)
        #expect(shownNames(s) == ["hot_counters", "orders_pkey", "orders", "accounts", "imported_rows"])
        Fixtures.press([.char("s")], &s)
        #expect(s.bloat.sort == .size)
        #expect(shownNames(s) == ["orders", "hot_counters", "orders_pkey", "accounts", "imported_rows"])
        Fixtures.press([.char("S")], &s)
        #expect(shownNames(s) == ["imported_rows", "accounts", "orders_pkey", "hot_counters", "orders"])
        #expect(s.status?.text == "sort: size, smallest first")
        Fixtures.press([.char("s"), .char("s"), .char("s")], &s)  // dead %, dead, last vacuum
        #expect(s.bloat.sort == .vacuumed)
        // Never vacuumed first; indexes (no vacuum of their own) last.
        #expect(shownNames(s) == ["hot_counters", "imported_rows", "accounts", "orders", "orders_pkey"])
        Fixtures.press([.char("s"), .char("s")], &s)
        #expect(s.bloat.sort == .name && !s.bloat.sortDescending)
        #expect(shownNames(s).first == "accounts")
        // The sorted column is underlined: NAME.
        let backend = MemoryBackend(width: 80, height: 24)
        backend.draw(view(s))
        #expect(backend.styleAt(x: 2, y: 4).attributes.contains(.underline))
    }

    @Test func filterIsLiveAndBelongsToThePane() {
        var s = BloatFixtures.state()
        Fixtures.press([.char("/")] + Fixtures.chars("order"), &s)
        #expect(s.filterEditing && s.bloat.filter == "order" && s.activity.filter.isEmpty)
        #expect(shownNames(s) == ["orders", "orders_pkey"])
        #expect(lines(s)[23].hasPrefix("filter: order█"))
        Fixtures.press([.enter], &s)
        #expect(!s.filterEditing)
        Fixtures.press(Fixtures.chars("/x"), &s)
        #expect(shownNames(s).isEmpty)
        #expect(lines(s)[13].contains("No relation matches \"orderx\" (Esc clears the filter)"))
        Fixtures.press([.escape], &s)
        #expect(shownNames(s).count == 5)
        Fixtures.press(Fixtures.chars("/no statistics"), &s)
        #expect(shownNames(s) == ["imported_rows"])
    }

    @Test func selectionSurvivesRefresh() {
        var s = BloatFixtures.state()
        Fixtures.press([.down, .down], &s)
        #expect(BloatPane.selected(s)?.name == "orders_pkey")
        var orders = BloatFixtures.orders
        orders.bloatBytes = 60 * BloatFixtures.mb
        orders.bloatPercent = 50
        let next = BloatFixtures.section([BloatFixtures.hot, orders, BloatFixtures.ordersPkey, BloatFixtures.accounts, BloatFixtures.fresh])
        _ = update(&s, .service(.snapshot(BloatFixtures.snapshot(next))))
        #expect(shownNames(s).first == "orders")
        #expect(BloatPane.selected(s)?.name == "orders_pkey")
    }

    @Test func actionKeysPointElsewhere() {
        var s = BloatFixtures.state()
        Fixtures.press([.char("c")], &s)
        #expect(s.pendingAction == nil && s.status?.text == BackendActions.actionsElsewhere)
        Fixtures.press([.char("2")], &s)
        #expect(s.pane == .locks)
    }
}

/// The system catalogs' relations are hidden by default: a DBA cannot act on them.
@Suite struct BloatSystemCatalogTests {
    @Test func systemCatalogsAreHiddenUntilAsked() {
        var catalog = BloatFixtures.orders
        catalog.oid = 1259
        catalog.schema = "pg_catalog"
        catalog.name = "pg_class"
        var toast = BloatFixtures.accounts
        toast.oid = 2840
        toast.schema = "pg_toast"
        toast.name = "pg_toast_2619"
        var s = BloatFixtures.state(snapshot: BloatFixtures.snapshot(BloatFixtures.section(
            [BloatFixtures.hot, BloatFixtures.orders, catalog, toast])))
        #expect(s.bloat.rows.map(\.name) == ["hot_counters", "orders"])
        Fixtures.press([.char("o")], &s)
        #expect(Set(s.bloat.rows.map(\.name)) == ["hot_counters", "orders", "pg_class", "pg_toast_2619"])
        #expect(s.status?.text == "system catalogs shown")
        Fixtures.press([.char("o")], &s)
        #expect(s.bloat.rows.count == 2)
    }
}

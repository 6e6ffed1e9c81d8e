#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import PGTriageUI
import PGTriageCore

/// Hand-built pg_stat_statements samples: rates come from two samples 2 s apart, through the
/// core's own `StatementRates`, so the figures are consistent.
enum StatementFixtures {
    static let t0 = Fixtures.t0

    static func entry(_ queryid: Int64?, _ query: String, user: String = "app", toplevel: Bool = true,
                      _ c: StatementCounters) -> StatementStats {
        StatementStats(key: StatementKey(userid: 10, dbid: 5, queryid: queryid, toplevel: toplevel),
                       user: user, database: "shop", query: query, queryIsCut: query.hasSuffix("..."), counters: c)
    }

    static func counters(calls: Int64, ms: Double, rows: Int64, hit: Int64, read: Int64, temp: Int64 = 0, wal: Int64 = 0) -> StatementCounters {
        StatementCounters(calls: calls, execMs: ms, plans: 0, planMs: 0, rows: rows, sharedBlocksHit: hit, sharedBlocksRead: read,
                          tempBlocksWritten: temp, walBytes: wal)
    }

    static let first: [StatementStats] = [
        entry(101, "SELECT * FROM orders WHERE customer_id = $1", counters(calls: 10_000, ms: 50_000, rows: 90_000, hit: 1_000_000, read: 20_000)),
        entry(102, "UPDATE accounts SET balance = balance + $1 WHERE id = $2", user: "batch",
              counters(calls: 5_000, ms: 20_000, rows: 5_000, hit: 40_000, read: 100, wal: 2_000_000)),
        entry(103, "INSERT INTO events (kind, payload)\n  VALUES ($1, $2)", counters(calls: 800, ms: 1_000, rows: 800, hit: 3_000, read: 10, wal: 800_000)),
        entry(104, "SELECT sum(amount) FROM ledger WHERE account = $1", toplevel: false,
              counters(calls: 2_000, ms: 3_000, rows: 2_000, hit: 9_000, read: 0)),
        entry(nil, "<insufficient privilege>", user: "other", counters(calls: 100, ms: 200, rows: 100, hit: 100, read: 0)),
    ]

    static let second: [StatementStats] = [
        entry(101, "SELECT * FROM orders WHERE customer_id = $1", counters(calls: 10_400, ms: 51_600, rows: 93_600, hit: 1_036_000, read: 24_000)),
        entry(102, "UPDATE accounts SET balance = balance + $1 WHERE id = $2", user: "batch",
              counters(calls: 5_100, ms: 20_800, rows: 5_100, hit: 40_900, read: 100, wal: 2_400_000)),
        entry(103, "INSERT INTO events (kind, payload)\n  VALUES ($1, $2)", counters(calls: 840, ms: 1_050, rows: 840, hit: 3_100, read: 10, wal: 840_000)),
        entry(104, "SELECT sum(amount) FROM ledger WHERE account = $1", toplevel: false,
              counters(calls: 2_200, ms: 3_300, rows: 2_200, hit: 9_800, read: 0)),
        entry(nil, "<insufficient privilege>", user: "other", counters(calls: 100, ms: 200, rows: 100, hit: 100, read: 0)),
        // New since the first sample: no rate yet.
        entry(105, "SELECT pg_sleep($1)", counters(calls: 2, ms: 4_000, rows: 2, hit: 0, read: 0)),
    ]

    /// The section after one sample (no rates yet) or two.
    static func section(samples: Int = 2, limitation: String? = nil) -> StatementsSection {
        var rates = StatementRates()
        var result = rates.next(StatementSample(at: t0.addingTimeInterval(-2), statements: first))
        if samples > 1 { result = rates.next(StatementSample(at: t0, statements: second)) }
        return StatementsSection(extensionVersion: "1.10", variant: .post0110, capturedAt: t0, intervalSeconds: result.interval,
                                 limitation: limitation, rows: result.rows)
    }

    static func snapshot(_ section: StatementsSection? = section(), unavailable: [String: SectionUnavailable] = [:]) -> Snapshot {
        var s = Fixtures.snapshot()
        s.statements = section
        s.unavailable = unavailable
        return s
    }

    static func state(width: Int = 80, height: Int = 24, snapshot: Snapshot = snapshot()) -> AppState {
        var s = Fixtures.state(width: width, height: height, snapshot: snapshot)
        Fixtures.press([.char("3")], &s)
        return s
    }
}

@Suite struct StatementsPaneTests {
    func lines(_ state: AppState) -> [String] {
        let backend = MemoryBackend(width: state.width, height: state.height)
        backend.draw(view(state))
        return backend.lines()
    }

    func blank(_ n: Int) -> [String] { Array(repeating: "", count: n) }
    static let header = ScreenHeader.lines
    static let hints = "? help  Enter detail  / filter  s sort  t totals  e explain  q quit"

    @Test func ratesAt80x24() {
        expectScreen(lines(StatementFixtures.state()), Self.header + [
            " Statements — 5 of 6 statements · rates over 2.0s · pg_stat_statements 1.10",
            "  TIME%   MS/S CALLS/S   MEAN ROWS/S  HIT% READ/S QUERY",
            "  58.2%    800     200  4.0ms   1.8k 90.0%   16MB SELECT * FROM orders WHERE cu…",
            "  29.1%    400      50  8.0ms     50  100%     0B UPDATE accounts SET balance =…",
            "   1.8%   25.0      20  1.3ms     20  100%     0B INSERT INTO events (kind, pay…",
            "   0.0%   0.00       0      -      0     -     0B <insufficient privilege>",
            "      —      —       —      —      —     —      — SELECT pg_sleep($1)",
        ] + blank(13) + [Self.hints])
    }

    @Test func totalsAt80x24() {
        var s = StatementFixtures.state()
        let effects = Fixtures.press([.char("t")], &s)
        #expect(effects.isEmpty && s.statements.totals)
        s.status = nil
        let shown = lines(s)
        #expect(Array(shown[3...9]) == [
            " Statements — 5 of 6 statements · totals since reset · pg_stat_statements 1.10",
            "  TIME%  TOTAL   CALLS   MEAN   ROWS  HIT%   READ QUERY",
            "  63.7%  51.6s     10k  5.0ms    94k 97.7%  188MB SELECT * FROM orders WHERE cu…",
            "  25.7%  20.8s    5.1k  4.1ms   5.1k 99.8%  800kB UPDATE accounts SET balance =…",
            "   4.9%   4.0s       2   2.0s      2     -     0B SELECT pg_sleep($1)",
            "   1.3%   1.1s     840  1.3ms    840 99.7%   80kB INSERT INTO events (kind, pay…",
            "   0.2%  200ms     100  2.0ms    100  100%     0B <insufficient privilege>",
        ])
        #expect(shown[23] == "? help  Enter detail  / filter  s sort  t totals  e explain  q quit")
    }

    @Test func widerShowsTempWalUserAndDatabase() {
        let shown = lines(StatementFixtures.state(width: 120))
        #expect(Array(shown[3...10]) == [
            " Statements — 5 of 6 statements · rates over 2.0s · pg_stat_statements 1.10 · sort: time share, largest first",
            "  TIME%   MS/S CALLS/S   MEAN ROWS/S  HIT% READ/S TEMP/S  WAL/S USER  DB   QUERY",
            "  58.2%    800     200  4.0ms   1.8k 90.0%   16MB     0B     0B app   shop SELECT * FROM orders WHERE customer_id = $1",
            "  29.1%    400      50  8.0ms     50  100%     0B     0B  195kB batch shop UPDATE accounts SET balance = balance + $1 W…",
            "   1.8%   25.0      20  1.3ms     20  100%     0B     0B   20kB app   shop INSERT INTO events (kind, payload) VALUES ($…",
            "   0.0%   0.00       0      -      0     -     0B     0B     0B other shop <insufficient privilege>",
            "      —      —       —      —      —     —      —      —      — app   shop SELECT pg_sleep($1)",
            "",
        ].map { String($0.prefix(120)) })
    }

    @Test func nestedShownWithArrow() {
        var s = StatementFixtures.state(width: 100)
        Fixtures.press([.char("n")], &s)
        #expect(s.statements.showNested)
        let shown = lines(s)
        #expect(shown[3] == " Statements — 6 of 6 statements · rates over 2.0s · pg_stat_statements 1.10 · nested shown")
        #expect(lines(StatementFixtures.state(width: 130))[3].hasSuffix("· sort: time share, largest first · nested hidden"))
        #expect(shown[7] == "  10.9%    150     100  1.5ms    100  100%     0B     0B ↳ SELECT sum(amount) FROM ledger WHERE acc…")
    }

    @Test func unavailableShowsMessageAndFix() {
        let s = StatementFixtures.state(snapshot: StatementFixtures.snapshot(nil, unavailable: [
            "statements": StatementsUnavailable.notPreloaded(database: "shop", extensionCreated: false).section]))
        expectScreen(lines(s), Self.header + [
            " Statements — unavailable",
        ] + blank(5) + [
            "              pg_stat_statements is not loaded: it is missing from",
            "                            shared_preload_libraries",
            "",
            "                                   To fix it:",
            "   add pg_stat_statements to shared_preload_libraries and restart the server,",
            "         then run CREATE EXTENSION pg_stat_statements; in database shop",
            "",
            "                         The other panes keep working.",
        ] + blank(6) + ["? help  q quit"])
        // Every other pane keeps working.
        var other = s
        Fixtures.press([.char("1")], &other)
        #expect(lines(other)[5].hasPrefix("  101 shop alice"))
    }

    @Test func notCreatedNamesTheDatabase() {
        let s = StatementFixtures.state(snapshot: StatementFixtures.snapshot(nil, unavailable: [
            "statements": StatementsUnavailable.notCreated(database: "shop").section]))
        let shown = lines(s)
        #expect(shown.contains { $0.contains("CREATE EXTENSION pg_stat_statements; in database shop") })
        #expect(shown.contains { $0.contains("pg_stat_statements is loaded but not created in database shop") })
    }

    /// Before the second sample there are no rates: the totals since the reset show, and say so.
    @Test func firstSampleShowsTotalsUntilRates() {
        let s = StatementFixtures.state(snapshot: StatementFixtures.snapshot(StatementFixtures.section(
            samples: 1, limitation: "texts of other roles' statements are hidden: GRANT pg_read_all_stats TO triage")))
        expectScreen(lines(s), Self.header + [
            " Statements — 4 of 5 statements · totals until rates · pg_stat_statements 1.10",
            "  TIME%  TOTAL   CALLS   MEAN   ROWS  HIT%   READ QUERY",
            "  67.4%  50.0s     10k  5.0ms    90k 98.0%  156MB SELECT * FROM orders WHERE cu…",
            "  27.0%  20.0s    5.0k  4.0ms   5.0k 99.8%  800kB UPDATE accounts SET balance =…",
            "   1.3%   1.0s     800  1.3ms    800 99.7%   80kB INSERT INTO events (kind, pay…",
            "   0.3%  200ms     100  2.0ms    100  100%     0B <insufficient privilege>",
        ] + blank(12) + [
            " totals since the last reset: rates per second from the next refresh",
            " note: texts of other roles' statements are hidden: GRANT pg_read_all_stats TO…",
            Self.hints,
        ])
    }

    @Test func stylesCarryMeaning() {
        var s = StatementFixtures.state()
        Fixtures.press([.end], &s)  // away from the first rows
        let backend = MemoryBackend(width: 80, height: 24)
        backend.draw(view(s))
        #expect(backend.styleAt(x: 3, y: 4).attributes.contains(.underline))  // TIME%: the sort
        #expect(!backend.styleAt(x: 10, y: 4).attributes.contains(.underline))
        #expect(backend.styleAt(x: 60, y: 8).role == .textDim)  // another role's hidden entry
        #expect(backend.styleAt(x: 6, y: 9).role == .tableSelected)  // pg_sleep, selected
    }

    @Test func detailShowsEveryCounterAndSaysTheTextIsCut() {
        let cut = StatementFixtures.entry(101, "SELECT * FROM orders WHERE customer_id = $1 AND ...", StatementFixtures.second[0].counters)
        var section = StatementFixtures.section()
        section.rows[0].stats = cut
        var s = StatementFixtures.state(snapshot: StatementFixtures.snapshot(section))
        let effects = Fixtures.press([.enter], &s)
        #expect(effects == [.fetchStatementText(cut.key)])  // the whole text is asked for at once
        #expect(s.statements.detail?.key.queryid == 101)
        let shown = lines(s)
        #expect(Array(shown[3...13]) == [
            "┌ statement 101 — Esc closes · arrows scroll ──────────────────────────────────┐",
            "│ queryid       101                                                            │",
            "│ user          app                                                            │",
            "│ database      shop                                                           │",
            "│ level         top-level                                                      │",
            "│                                                                              │",
            "│ counter              total    per s (2.0s)                                   │",
            "│ calls                  10k             200                                   │",
            "│ exec time            51.6s        800 ms/s                                   │",
            "│ time share           63.7%           58.2%                                   │",
            "│ mean time            5.0ms           4.0ms                                   │",
        ])
        #expect(shown[23] == "Esc close  ↑↓ scroll  e explain  ? help")
        Fixtures.press([.end], &s)
        let end = lines(s).joined(separator: "\n")
        #expect(end.contains("query  (cut; reading the whole text...)"))
        #expect(end.contains("SELECT * FROM orders WHERE customer_id = $1 AND ..."))
        // The service's answer replaces the cut text.
        s.receiveStatementText(key: cut.key, text: "SELECT * FROM orders WHERE customer_id = $1 AND status = $2")
        #expect(lines(s).joined().contains("AND status = $2"))
        Fixtures.press([.escape], &s)
        #expect(s.statements.detail == nil)
    }

    // MARK: - Keys

    func shownIds(_ s: AppState) -> [Int64?] { StatementsRows.rows(s).map(\.stats.key.queryid) }

    @Test func defaultOrderIsTimeShareWithNoRatesLast() {
        let s = StatementFixtures.state()
        #expect(shownIds(s) == [101, 102, 103, nil, 105])
        #expect(s.selectedStatement?.stats.key.queryid == 101)
    }

    @Test func sortCyclesAndReverses() {
        var s = StatementFixtures.state()
        Fixtures.press([.char("s")], &s)  // exec time per second
        #expect(s.statements.sortColumn == .time && s.statements.sortDescending)
        Fixtures.press([.char("s")], &s)  // calls per second
        #expect(s.statements.sortColumn == .calls)
        #expect(shownIds(s) == [101, 102, 103, nil, 105])
        Fixtures.press([.char("S")], &s)
        #expect(!s.statements.sortDescending)
        #expect(shownIds(s) == [nil, 103, 102, 101, 105])  // no rate: last either way
        #expect(s.status?.text == "sort: calls, smallest first")
        Fixtures.press(Array(repeating: .char("s"), count: 3), &s)  // mean, rows, hit ratio: worst first
        #expect(s.statements.sortColumn == .hit && !s.statements.sortDescending)
        Fixtures.press(Array(repeating: .char("s"), count: 4), &s)  // read, temp, wal, (plan not tracked) user
        #expect(s.statements.sortColumn == .user && !s.statements.sortDescending)
        #expect(shownIds(s).first == 101)  // app < batch < other
        // In totals mode the same column sorts by the totals.
        Fixtures.press(Array(repeating: .char("s"), count: 3), &s)  // database, query, share
        #expect(s.statements.sortColumn == .share)
        Fixtures.press([.char("t")], &s)
        #expect(shownIds(s) == [101, 102, 105, 103, nil])
    }

    @Test func filterIsLiveAndBelongsToThePane() {
        var s = StatementFixtures.state()
        Fixtures.press([.char("/")], &s)
        #expect(s.filterEditing && s.pane == .statements)
        Fixtures.press(Fixtures.chars("ACCOUNTS"), &s)
        #expect(s.statements.filter == "ACCOUNTS" && s.activity.filter.isEmpty)
        #expect(shownIds(s) == [102])
        #expect(lines(s)[23].hasPrefix("filter: ACCOUNTS█"))
        Fixtures.press([.backspace], &s)
        #expect(s.statements.filter == "ACCOUNT")
        Fixtures.press([.enter], &s)
        #expect(!s.filterEditing && shownIds(s) == [102])
        #expect(lines(s)[3].contains("filter \"ACCOUNT\""))
        // "t" is a command again once the input is closed.
        Fixtures.press([.char("t")], &s)
        #expect(s.statements.totals && s.statements.filter == "ACCOUNT")
        // Activity keeps its own filter.
        Fixtures.press([.char("1")], &s)
        #expect(ActivityRows.rows(s).count == 4)
        Fixtures.press([.char("3"), .escape], &s)
        #expect(s.statements.filter.isEmpty && shownIds(s).count == 5)
        // Esc while typing clears too; queryids and users match.
        Fixtures.press([.char("/")] + Fixtures.chars("batch"), &s)
        #expect(shownIds(s) == [102])
        Fixtures.press([.escape], &s)
        #expect(!s.filterEditing && shownIds(s).count == 5)
    }

    @Test func nestedToggle() {
        var s = StatementFixtures.state()
        #expect(!shownIds(s).contains(104))
        Fixtures.press([.char("n")], &s)
        #expect(shownIds(s) == [101, 102, 104, 103, nil, 105])
        Fixtures.press([.char("n")], &s)
        #expect(!shownIds(s).contains(104))
        // Before 1.9 nested statements are not told apart: n says so and changes nothing.
        var old = StatementFixtures.section()
        old.extensionVersion = "1.8"
        old.variant = .post0108
        var o = StatementFixtures.state(snapshot: StatementFixtures.snapshot(old))
        Fixtures.press([.char("n")], &o)
        #expect(!o.statements.showNested && o.status?.kind == .error)
        #expect(o.status?.text == "pg_stat_statements 1.8 does not tell nested statements apart (1.9+)")
        #expect(StatementsRows.rows(o).count == 6)
    }

    @Test func selectionSurvivesRefresh() {
        var s = StatementFixtures.state()
        Fixtures.press([.down], &s)
        #expect(s.selectedStatement?.stats.key.queryid == 102)
        // Next refresh: 103 got busy and now comes first; the cursor stays on 102.
        var section = StatementFixtures.section()
        section.rows.swapAt(0, 2)
        if var rate = section.rows[0].rate { rate.timeShare = 0.9; section.rows[0].rate = rate }
        _ = update(&s, .service(.snapshot(StatementFixtures.snapshot(section))))
        #expect(shownIds(s).first == 103)
        #expect(s.selectedStatement?.stats.key.queryid == 102)
        #expect(s.statements.cursor.resolved(in: StatementsRows.rows(s).map(\.stats.key)).index == 2)
        // Gone: the selection stays at the same height.
        section.rows.removeAll { $0.stats.key.queryid == 102 }
        _ = update(&s, .service(.snapshot(StatementFixtures.snapshot(section))))
        #expect(s.selectedStatement?.stats.key.queryid == 101)
    }

    /// The list starts from its last order when the entries are the same, in the same places:
    /// it must still follow the new figures.
    @Test func theSameEntriesInPlaceAreSortedByTheirNewFigures() {
        var s = StatementFixtures.state()
        #expect(shownIds(s) == [101, 102, 103, nil, 105])
        var section = StatementFixtures.section()
        let busy = section.rows.firstIndex { $0.stats.key.queryid == 103 }!
        section.rows[busy].rate?.timeShare = 0.9
        _ = update(&s, .service(.snapshot(StatementFixtures.snapshot(section))))
        #expect(shownIds(s) == [103, 101, 102, nil, 105])
        _ = update(&s, .service(.snapshot(StatementFixtures.snapshot(section))))
        #expect(shownIds(s) == [103, 101, 102, nil, 105])
        section.rows[busy].rate?.timeShare = 0
        _ = update(&s, .service(.snapshot(StatementFixtures.snapshot(section))))
        #expect(shownIds(s) == [101, 102, 103, nil, 105])
    }

    @Test func humanisedFiguresFitSixColumns() {
        #expect(Humanize.bytes(Double(812)) == "812B")
        #expect(Humanize.bytes(Double(12 * 1024)) == "12kB")
        #expect(Humanize.bytes(Double(1_258_291)) == "1.2MB")
        #expect(Humanize.bytes(Double(999 * 1024 * 1024)) == "999MB")
        #expect(Humanize.bytes(Double(1000 * 1024 * 1024)) == "1.0GB")
        #expect(Humanize.count(950) == "950")
        #expect(Humanize.count(12_345) == "12k")
        #expect(Humanize.count(999_600) == "1.0M")
        #expect(Humanize.count(0.5, fraction: true) == "0.5")
        #expect(Humanize.duration(0.05) == "0.05ms")
        #expect(Humanize.duration(412) == "412ms")
        #expect(Humanize.duration(12_345) == "12.3s")
        #expect(Humanize.duration(303_000) == "5m03s")
        #expect(Humanize.number(1500) == "1.5k")
        #expect(Humanize.share(0.9996) == "100%")
        #expect(Humanize.share(nil) == "-")
    }

    @Test func cancelAndTerminateAreNotForStatements() {
        var s = StatementFixtures.state()
        Fixtures.press([.char("K")], &s)
        #expect(s.pendingAction == nil)
        #expect(s.status?.text == BackendActions.actionsElsewhere)
    }
}

/// pgtriage's own monitoring statements are not the server's workload: hidden until `o`.
@Suite struct StatementsOwnTests {
    @Test func ownStatementsAreHiddenUntilAsked() {
        var section = StatementFixtures.section()
        section.rows[1].stats.isOwn = true
        var s = StatementFixtures.state(snapshot: StatementFixtures.snapshot(section))
        let own = section.rows[1].stats.key
        #expect(!s.statements.rows.contains { $0.stats.key == own })
        Fixtures.press([.char("o")], &s)
        #expect(s.statements.rows.contains { $0.stats.key == own })
        #expect(s.status?.text == "pgtriage's own statements shown")
    }
}

@Suite struct StatementsExplainTests {
    /// `e` on a statement: explained in its database; on 15 a `$n` text opens the input line for
    /// values (no GENERIC_PLAN before 16); a cut text waits for its whole text.
    @Test func explainTheSelectedStatement() throws {
        var section = StatementFixtures.section()
        section.rows[0].stats = StatementFixtures.entry(101, "SELECT count(*) FROM orders", StatementFixtures.second[0].counters)
        var s = StatementFixtures.state(snapshot: StatementFixtures.snapshot(section))
        let effects = Fixtures.press([.home, .char("e")], &s)
        guard case .explain(.run(let request))? = effects.first else {
            Issue.record("no EXPLAIN asked for: \(effects)")
            return
        }
        #expect(request.sql == "SELECT count(*) FROM orders")
        #expect(request.database == "shop")
        #expect(!request.analyze)
        // ANALYZE asks first (it runs the statement), then runs it, rolled back.
        var analyzed = StatementFixtures.state(snapshot: StatementFixtures.snapshot(section))
        #expect(Fixtures.press([.home, .char("a")], &analyzed).isEmpty)
        #expect(analyzed.plan.pendingAnalyze?.request.sql == "SELECT count(*) FROM orders")
        guard case .explain(.run(let analyze))? = Fixtures.press([.char("y")], &analyzed).first else {
            Issue.record("no EXPLAIN ANALYZE after y")
            return
        }
        #expect(analyze.analyze && analyze.database == "shop")

        var withParameters = StatementFixtures.section()
        withParameters.rows[0].stats = StatementFixtures.entry(102, "SELECT * FROM orders WHERE id = $1", StatementFixtures.second[0].counters)
        var p = StatementFixtures.state(snapshot: StatementFixtures.snapshot(withParameters))
        #expect(Fixtures.press([.home, .char("e")], &p).isEmpty)
        #expect(p.plan.input?.text == "SELECT * FROM orders WHERE id = $1")
        // ANALYZE needs values for $1...: the SQL line opens with ANALYZE on.
        var pa = StatementFixtures.state(snapshot: StatementFixtures.snapshot(withParameters))
        #expect(Fixtures.press([.home, .char("a")], &pa).isEmpty)
        #expect(pa.plan.input?.text == "SELECT * FROM orders WHERE id = $1" && pa.plan.input?.analyze == true)
        #expect(pa.status?.text.contains("put values in place of $1") == true)

        var cutSection = StatementFixtures.section()
        cutSection.rows[0].stats = StatementFixtures.entry(103, "SELECT * FROM orders WHERE ...", StatementFixtures.second[0].counters)
        var c = StatementFixtures.state(snapshot: StatementFixtures.snapshot(cutSection))
        #expect(Fixtures.press([.home, .char("e")], &c).isEmpty)
        #expect(c.status?.text.contains("Enter reads its whole text") == true)
    }
}

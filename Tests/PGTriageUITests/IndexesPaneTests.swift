#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import PGTriageUI
import PGTriageCore

/// A hand-built Indexes section, read 12 s before the snapshot, with one of each finding and a
/// foreign key without an index.
enum IndexesFixtures {
    static let t0 = Fixtures.t0
    static let mb: Int64 = 1 << 20

    static let ordersPkey = IndexHealth(
        definition: IndexDefinition(oid: 1, tableOid: 100, table: "orders", name: "orders_pkey", columns: [1], isUnique: true, isPrimary: true),
        sizeBytes: 40 * mb, scans: 120_000, bloat: .estimated(percent: 8, bytes: 3 * mb))
    static let noteIdx = IndexHealth(
        definition: IndexDefinition(oid: 2, tableOid: 100, table: "orders", name: "orders_note_idx", columns: [4]),
        sizeBytes: 12 * mb, flags: [.unused],
        indexDefinitionSQL: "CREATE INDEX orders_note_idx ON public.orders USING btree (note)")
    static let codeIdx = IndexHealth(
        definition: IndexDefinition(oid: 3, tableOid: 100, table: "orders", name: "orders_code_idx", columns: [3]),
        sizeBytes: 6 * mb, scans: 40, flags: [.redundant], coveredBy: "orders_code_id_idx",
        indexDefinitionSQL: "CREATE INDEX orders_code_idx ON public.orders USING btree (code)")
    static let codeKey = IndexHealth(
        definition: IndexDefinition(oid: 4, tableOid: 100, table: "orders", name: "orders_code_key", columns: [3], isUnique: true, isValid: false),
        sizeBytes: 2 * mb, flags: [.invalid],
        indexDefinitionSQL: "CREATE UNIQUE INDEX orders_code_key ON public.orders USING btree (code)")
    static let churnPkey = IndexHealth(
        definition: IndexDefinition(oid: 5, tableOid: 200, table: "churn", name: "churn_pkey", columns: [1], isUnique: true, isPrimary: true),
        sizeBytes: 22 * mb, scans: 9, bloat: .estimated(percent: 89, bytes: 19 * mb), flags: [.bloated])
    static let codeIdIdx = IndexHealth(
        definition: IndexDefinition(oid: 6, tableOid: 100, table: "orders", name: "orders_code_id_idx", columns: [3, 1]),
        sizeBytes: 8 * mb, scans: 3_500)
    static let fk = MissingFKIndex(
        constraintOid: 900, schema: "public", table: "orders", tableOid: 100, constraint: "orders_customer_id_fkey",
        columns: ["customer_id"], referencedTable: "public.customers", tableSizeBytes: 96 * mb, tableWrites: 5000)

    static func section(at: Date = t0.addingTimeInterval(-12), scale: Int64 = 0) -> IndexesSection {
        var rows = [ordersPkey, noteIdx, codeIdx, codeKey, churnPkey, codeIdIdx]
        for i in rows.indices { rows[i].scans += scale * Int64(i) }
        return IndexesSection(database: "shop", statsReset: t0.addingTimeInterval(-3 * 86_400 - 12), capturedAt: at,
                              indexes: IndexesSection.sorted(rows), missingFKIndexes: [fk])
    }

    static func snapshot(_ section: IndexesSection? = section(), unavailable: [String: SectionUnavailable] = [:]) -> Snapshot {
        var s = Fixtures.snapshot()
        s.indexes = section
        s.unavailable = unavailable
        return s
    }

    static func state(width: Int = 80, height: Int = 24, snapshot: Snapshot = snapshot()) -> AppState {
        var s = Fixtures.state(width: width, height: height, snapshot: snapshot)
        Fixtures.press([.char("6")], &s)
        return s
    }
}

@Suite struct IndexesPaneTests {
    func lines(_ state: AppState) -> [String] {
        let backend = MemoryBackend(width: state.width, height: state.height)
        backend.draw(view(state))
        return backend.lines()
    }

    func blank(_ n: Int) -> [String] { Array(repeating: "", count: n) }
    static let hints = "? help  Enter detail  / filter  s sort  f FKs  w copy SQL  q quit"

    @Test func indexesAt80x24() {
        expectScreen(lines(IndexesFixtures.state()), ScreenHeader.lines + [
            " Indexes — 4 flagged of 6 · f: 1 FK without index · read 12s ago · db shop",
            "  TABLE         INDEX                SIZE   SCANS SCANS/S FLAGS",
            "  public.churn  churn_pkey           22MB       9       - bloated",
            "  public.orders orders_note_idx      12MB       0       - unused",
            "  public.orders orders_code_idx     6.0MB      40       - redundant",
            "  public.orders orders_code_key     2.0MB       0       - invalid",
            "  public.orders orders_pkey          40MB    120k       -",
            "  public.orders orders_code_id_idx  8.0MB    3.5k       -",
        ] + blank(11) + [
            " note: stats reset 3d00h ago (< 30 days: unused means little yet); scans on th…",
            Self.hints,
        ])
    }

    @Test func foreignKeysWithoutAnIndexAreTheSecondList() {
        var s = IndexesFixtures.state()
        Fixtures.press([.char("f")], &s)
        let shown = lines(s)
        #expect(shown[3] == " Indexes — 1 foreign key without an index · f: indexes · read 12s ago · db shop")
        #expect(shown[5].contains("public.orders") && shown[5].contains("orders_customer_id_fkey") && shown[5].contains("customer_id"))
        #expect(shown[5].contains("96MB"))
    }

    @Test func flaggedOnlySortAndFilter() {
        var s = IndexesFixtures.state()
        Fixtures.press([.char("a")], &s)
        #expect(s.indexes.rows.map(\.name) == ["churn_pkey", "orders_note_idx", "orders_code_idx", "orders_code_key"])
        Fixtures.press([.char("a"), .char("s")], &s)
        #expect(s.indexes.sort == .size)
        #expect(s.indexes.rows.first?.name == "orders_pkey")
        Fixtures.press([.char("S")], &s)
        #expect(s.indexes.rows.first?.name == "orders_code_key")
        Fixtures.press([.char("/")] + Fixtures.chars("redundant") + [.enter], &s)
        #expect(s.indexes.rows.map(\.name) == ["orders_code_idx"])
    }

    /// A filter shows in the title at 80 columns, where the title's last parts are dropped.
    @Test func theFilterShowsInTheTitleAt80Columns() {
        var s = IndexesFixtures.state()
        Fixtures.press([.char("/")] + Fixtures.chars("orders") + [.enter], &s)
        #expect(lines(s)[3].hasPrefix(" Indexes — 4 flagged of 6 · filter \"orders\" · "), "\(lines(s)[3])")
    }

    @Test func detailShowsTheFixAndUndoAndWCopiesThem() {
        var s = IndexesFixtures.state()
        Fixtures.press([.down, .enter], &s)
        let shown = lines(s).joined(separator: "\n")
        #expect(shown.contains("unused: no scan since the statistics reset"))
        #expect(shown.contains("DROP INDEX CONCURRENTLY public.orders_note_idx;"))
        #expect(shown.contains("CREATE INDEX CONCURRENTLY orders_note_idx ON public.orders USING btree"))
        let effects = Fixtures.press([.char("w")], &s)
        #expect(effects == [.copyToClipboard("""
            -- fix public.orders_note_idx
            DROP INDEX CONCURRENTLY public.orders_note_idx;  -- unused since the statistics reset
            -- undo
            CREATE INDEX CONCURRENTLY orders_note_idx ON public.orders USING btree (note);

            """)])
        _ = update(&s, .clipboardCopied(.copied(bytes: 150, throughTmux: false)))
        #expect(s.visibleStatus?.text.hasPrefix("copied 150 bytes of SQL to your clipboard (OSC 52") == true)
        _ = update(&s, .clipboardCopied(.failed("standard output is not a terminal")))
        #expect(s.visibleStatus?.text == "could not copy: standard output is not a terminal")
        #expect(s.visibleStatus?.kind == .error)
        // A healthy index has nothing to copy, and says so.
        Fixtures.press([.escape, .end], &s)
        #expect(Fixtures.press([.char("w")], &s).isEmpty)
        #expect(s.visibleStatus?.text.hasPrefix("nothing to fix") == true)
    }

    @Test func theForeignKeyFixIsCopiedFromItsList() {
        var s = IndexesFixtures.state()
        Fixtures.press([.char("f")], &s)
        let effects = Fixtures.press([.char("w")], &s)
        #expect(effects == [.copyToClipboard("""
            -- index for foreign key orders_customer_id_fkey
            CREATE INDEX CONCURRENTLY orders_customer_id_idx ON public.orders (customer_id);
            -- undo
            DROP INDEX CONCURRENTLY public.orders_customer_id_idx;

            """)])
    }

    @Test func scansPerSecondComeFromTwoReads() {
        var s = IndexesFixtures.state()
        var next = IndexesFixtures.snapshot(IndexesFixtures.section(at: Fixtures.t0.addingTimeInterval(18), scale: 30))
        next.capturedAt = Fixtures.t0.addingTimeInterval(20)
        _ = update(&s, .service(.snapshot(next)))
        // 30 x position more scans over 30 s.
        #expect(s.indexes.section?.intervalSeconds == 30)
        #expect(s.indexes.rows.first { $0.name == "orders_code_id_idx" }?.scansPerSecond == 5)
    }

    /// Each refresh hands the pane the same read until the next one: its rows are not filtered
    /// and sorted again for it (100 000 of them cost more than the rest of the console), but
    /// they are for a new read, a new sort or filter, and a read of another database.
    @Test func rowsAreBuiltOncePerReadAndKey() {
        var s = IndexesFixtures.state()
        let built = s.indexes.rowsSource
        #expect(built != nil && s.indexes.rowIDs == s.indexes.rows.map(\.id))
        #expect(s.indexes.longestTable == "public.orders".count && s.indexes.longestIndex == "orders_code_id_idx".count)
        var again = IndexesFixtures.snapshot()
        again.capturedAt = Fixtures.t0.addingTimeInterval(1)
        _ = update(&s, .service(.snapshot(again)))
        #expect(s.indexes.rowsSource == built, "the same read: the rows stay as built")
        Fixtures.press([.char("s")], &s)
        #expect(s.indexes.rowsSource != built && s.indexes.rows.first?.name == "orders_pkey", "sorted by size")
        let sorted = s.indexes.rowsSource
        var next = IndexesFixtures.snapshot(IndexesFixtures.section(at: Fixtures.t0.addingTimeInterval(18)))
        next.capturedAt = Fixtures.t0.addingTimeInterval(20)
        _ = update(&s, .service(.snapshot(next)))
        #expect(s.indexes.rowsSource != sorted && s.indexes.rowsSource?.capturedAt == Fixtures.t0.addingTimeInterval(18))
    }

    @Test func unavailableShowsTheReason() {
        let reason = SectionUnavailable(code: "timeout", message: "indexes could not be read: canceling statement due to statement timeout")
        let s = IndexesFixtures.state(snapshot: IndexesFixtures.snapshot(nil, unavailable: ["indexes": reason]))
        #expect(lines(s)[3] == " Indexes — unavailable")
        #expect(lines(s).joined(separator: "\n").contains("canceling statement due to statement timeout"))
    }

    @Test func readOnlyWhileShownAndOnlyThen() {
        var s = IndexesFixtures.state()
        #expect(AppState.scope(s).sections == [.indexes])
        Fixtures.press([.char("1")], &s)
        #expect(!AppState.scope(s).sections.contains(.indexes))
    }

    @Test func osc52Encoding() throws {
        #expect(try OSC52.sequence(for: "DROP INDEX x;", insideTmux: false).get() == "\u{1B}]52;c;RFJPUCBJTkRFWCB4Ow==\u{07}")
        let tmux = try OSC52.sequence(for: "a", insideTmux: true).get()
        #expect(tmux == "\u{1B}]52;c;YQ==\u{07}" + "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;YQ==\u{07}\u{1B}\\")
        let long = String(repeating: "x", count: 80_000)
        #expect(throws: OSC52.Refusal.self) { try OSC52.sequence(for: long, insideTmux: false).get() }
        let backend = MemoryBackend()
        #expect(backend.copyToClipboard("SELECT 1") == .copied(bytes: 8, throughTmux: false))
        #expect(backend.copied == ["SELECT 1"])
        #expect(backend.copyToClipboard(long) == .failed("the SQL is 80000 bytes; terminals take at most 100000 bytes of OSC 52"))
    }
}

@Suite struct TabTitlesTests {
    @Test func tabsShortenByHandChosenTitlesThenLoseTheirGapsThenAreCut() {
        let whole = PaneRegistry.panes.map(\.title)
        let short = PaneRegistry.panes.map(\.shortTitle)
        #expect(Header.tabLayout(width: 96) == .init(titles: whole, gap: 1), "8 whole tabs take 96 columns")
        #expect(Header.tabLayout(width: 95) == .init(titles: whole, gap: 0))
        #expect(Header.tabLayout(width: 80) == .init(titles: short, gap: 1))
        #expect(Header.tabLayout(width: 69) == .init(titles: short, gap: 0), "80 columns beside READ-ONLY")
        let cut = Header.tabLayout(width: 50)
        #expect(cut.width <= 50 || cut.titles.allSatisfy { $0.count == 3 })
        #expect(cut.titles.allSatisfy { $0.count >= 3 })
        #expect(cut.titles != short)
    }
}

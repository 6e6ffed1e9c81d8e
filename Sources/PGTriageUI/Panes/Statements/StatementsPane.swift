#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// Pane 3: which statements eat the time, from pg_stat_statements. Per-second rates over the last
/// interval by default, totals since the last reset on `t`.
public enum StatementsPane {
    /// Shown instead of a rate before an entry's second sample.
    static let noRate = "—"

    /// Columns for this width. The figures that matter most stay at 80 columns; temp, WAL,
    /// planning (where tracked), user and database join when the query keeps 40 columns.
    static func columns(width: Int, rows: StatementRowList, totals: Bool,
                        tracksPlanning: Bool) -> [(StatementColumn, PaneColumn)] {
        func col(_ c: StatementColumn, _ w: Int, _ a: TextAlignment = .right) -> (StatementColumn, PaneColumn) {
            (c, PaneColumn(title: c.title(totals: totals), width: w, alignment: a))
        }
        // The widest name is measured once per list (`StatementRowList`), not at every frame.
        func fit(_ c: StatementColumn, _ widest: Int, cap: Int) -> Int {
            min(cap, max(c.title(totals: totals).count, widest))
        }
        var chosen: [(StatementColumn, PaneColumn)] = [
            col(.share, 5), col(.time, 6), col(.calls, 7), col(.mean, 6), col(.rows, 6), col(.hit, 5), col(.read, 6),
        ]
        var optional: [(StatementColumn, PaneColumn)] = [col(.temp, 6), col(.wal, 6)]
        if tracksPlanning { optional.append(col(.plan, 6)) }
        optional.append(col(.user, fit(.user, rows.widestUser, cap: 14), .left))
        optional.append(col(.database, fit(.database, rows.widestDatabase, cap: 14), .left))
        let minQuery = 40
        for c in optional {
            if width - PaneDraw.used((chosen + [c]).map(\.1.width)) >= minQuery { chosen.append(c) } else { break }
        }
        chosen.append(col(.query, max(1, width - PaneDraw.used(chosen.map(\.1.width))), .left))
        return chosen
    }

    static func cells(_ row: StatementRow, columns: [StatementColumn], totals: Bool, nestedShown: Bool) -> [PaneCell] {
        let dim = row.stats.isHidden ? Style(.textDim) : Style.plain
        return columns.map { c in
            let n = StatementsRows.number(row, c, totals: totals)
            let missing = !totals && row.rate == nil
            func figure(_ text: String) -> PaneCell { PaneCell(missing ? noRate : text, missing ? Style(.textDim) : dim) }
            switch c {
            case .share:
                return figure(Humanize.share(n))
            case .time:
                return figure(totals ? Humanize.duration(n) : Humanize.number(n))
            case .calls, .rows:
                return figure(Humanize.count(n, fraction: !totals))
            case .mean:
                return figure(Humanize.duration(n))
            case .plan:
                return figure(totals ? Humanize.duration(n) : Humanize.number(n))
            case .hit:
                let role: StyleRole? = (n ?? 1) < 0.9 ? .ageWarning : nil
                return missing ? figure("") : PaneCell(Humanize.share(n), role.map { Style($0) } ?? dim)
            case .read, .temp, .wal:
                return figure(Humanize.bytes(n))
            case .user: return PaneCell(row.stats.user ?? "", Style(.textDim))
            case .database: return PaneCell(row.stats.database ?? "", Style(.textDim))
            case .query:
                let nested = nestedShown && !row.stats.key.toplevel
                return PaneCell((nested ? "↳ " : "") + Format.oneLine(row.stats.query), dim)
            }
        }
    }

    static func titleDetails(_ state: AppState, _ section: StatementsSection, shown: Int, width: Int) -> String {
        let st = state.statements
        let total = section.rows.count
        let count = "\(shown) of \(total) statements"
        let mode: String
        if st.totals {
            mode = "totals since reset"
        } else if let seconds = section.intervalSeconds {
            mode = "rates over " + Format.fixed(seconds, decimals: 1) + "s"
        } else {
            mode = "totals until rates"
        }
        var parts = [count, mode]
        if !st.filter.isEmpty { parts.append("filter \"\(st.filter)\"") }
        parts.append("pg_stat_statements \(section.extensionVersion)")
        parts.append("sort: \(st.sortDescription)")
        if section.distinguishesNested { parts.append(st.showNested ? "nested shown" : "nested hidden") }
        return PaneTitle.details(parts, width: width, titleWidth: "Statements".count)
    }

    /// Lines under the list: the missing rates, the section's limitation.
    static func notes(_ state: AppState, _ section: StatementsSection) -> [TextLine] {
        var out: [TextLine] = []
        if !state.statements.totals && section.intervalSeconds == nil {
            out.append(TextLine("totals since the last reset: rates per second from the next refresh", style: Style(.ageWarning)))
        }
        if let limitation = section.limitation {
            out.append(TextLine("note: " + limitation, style: Style(.textDim)))
        }
        return out
    }

    static func render(_ state: AppState, area: Rect, grid: inout ScreenGrid) {
        let list0 = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard let (_, section) = SectionUnavailableView.section(
            state, title: "Statements", name: "statements", read: \.statements,
            waiting: "Waiting for the first pg_stat_statements sample...", area: area, grid: &grid) else { return }
        let st = state.statements
        let rows = StatementsRows.rows(state)
        PaneDraw.title("Statements", details: titleDetails(state, section, shown: rows.count, width: area.width),
                       y: area.y, width: area.width, grid: &grid)
        var list = list0
        for note in notes(state, section).reversed() where list.height > 4 {
            putTruncated(note, x: area.x + 1, y: list.maxY - 1, width: area.width - 2, grid: &grid)
            list.height -= 1
        }
        let totals = st.showsTotals(section)
        let columns = columns(width: area.width, rows: rows, totals: totals, tracksPlanning: section.tracksPlanning)
        let kinds = columns.map(\.0)
        let visible = max(1, list.height - 1)
        let cursor = st.cursor.window(in: rows.keys, visible: visible)
        let shown = rows.dropFirst(cursor.top).prefix(visible)
        let nested = section.distinguishesNested && st.showNested
        PaneDraw.table(
            columns: columns.map(\.1), rows: shown.map { cells($0, columns: kinds, totals: totals, nestedShown: nested) },
            rowCount: rows.count, top: cursor.top, selected: rows.isEmpty ? nil : cursor.index,
            marked: { _ in false }, sortedColumn: kinds.firstIndex(of: st.sortColumn), area: list, grid: &grid)
        if rows.isEmpty {
            let text: String
            if !st.filter.isEmpty { text = "No statement matches \"\(st.filter)\" (Esc clears the filter)" }
            else if section.rows.isEmpty { text = "No statements recorded yet (since the last reset)" }
            else { text = "Only nested statements (n shows them)" }
            PaneDraw.centred(text, in: list.splitTop(1).rest, style: Style(.textDim), grid: &grid)
        }
    }

    // MARK: - Detail (Enter)

    /// The row now, else the last copy seen (the entry was evicted or reset away).
    static func current(_ state: AppState, _ detail: StatementDetailState) -> (row: StatementRow, gone: Bool) {
        if let row = state.snapshot?.statements?.rows.first(where: { $0.stats.key == detail.key }) { return (row, false) }
        return (detail.lastSeen, true)
    }

    static func detailLines(_ state: AppState, _ detail: StatementDetailState) -> [TextLine] {
        let (row, gone) = current(state, detail)
        let s = row.stats, c = s.counters, t = row.totals, r = row.rate
        let blockSize = Double(state.serverInfo?.blockSize ?? 8192)
        var out: [TextLine] = []
        if gone {
            out.append(TextLine("This entry is no longer listed (evicted or reset); the last copy is shown.",
                                style: Style(.textError, [.bold])))
            out.append(TextLine(""))
        }
        func field(_ name: String, _ value: String, _ style: Style = Style(.headerValue)) {
            out.append(DetailView.field(name, value, style))
        }
        field("queryid", s.key.queryid.map(String.init) ?? "hidden (another role's; needs pg_read_all_stats)")
        field("user", s.user ?? "oid \(s.key.userid)")
        field("database", s.database ?? "oid \(s.key.dbid)")
        field("level", s.key.toplevel ? "top-level" : "nested (run inside a function)")
        if let since = s.statsSince, let now = state.snapshot?.capturedAt {
            field("counting for", Format.age(now.timeIntervalSince(since)))
        }
        out.append(TextLine(""))
        let w = DetailView.labelWidth
        func num(_ text: String, _ width: Int) -> String { DisplayWidth.fit(text, toWidth: width, alignment: .right) }
        out.append(TextLine([
            TextSpan(DisplayWidth.fit("counter", toWidth: w), style: Style(.textDim)),
            TextSpan(num("total", 12), style: Style(.textDim)),
            TextSpan(num(r.map { "per s (" + Format.fixed($0.seconds, decimals: 1) + "s)" } ?? "per s", 16), style: Style(.textDim)),
        ]))
        func counter(_ name: String, _ total: String, _ rate: String?) {
            out.append(TextLine([
                TextSpan(DisplayWidth.fit(name, toWidth: w), style: Style(.textDim)),
                TextSpan(num(total, 12), style: Style(.headerValue)),
                TextSpan(num(r == nil ? noRate : (rate ?? "-"), 16), style: Style(.headerValue)),
            ]))
        }
        func bytes(_ blocks: Int64) -> String { Humanize.bytes(Double(blocks) * blockSize) }
        counter("calls", Humanize.count(c.calls), r.map { Humanize.count($0.callsPerSecond, fraction: true) })
        counter("exec time", Humanize.duration(c.execMs), r.map { Humanize.number($0.execMsPerSecond) + " ms/s" })
        counter("time share", Humanize.share(t.timeShare), r.map { Humanize.share($0.timeShare) })
        counter("mean time", Humanize.duration(t.meanMs), r.map { Humanize.duration($0.meanMs) })
        let planning = state.snapshot?.statements?.tracksPlanning ?? false
        if planning, let plans = c.plans { counter("plans", Humanize.count(plans), nil) }
        if planning, let plan = c.planMs {
            counter("plan time", Humanize.duration(plan), r.map { $0.planMsPerSecond.map { Humanize.number($0) + " ms/s" } ?? "-" })
        }
        counter("rows", Humanize.count(c.rows), r.map { Humanize.count($0.rowsPerSecond, fraction: true) })
        counter("shared hit %", Humanize.share(t.hitRatio), r.map { Humanize.share($0.hitRatio) })
        counter("shared hit", bytes(c.sharedBlocksHit), nil)
        counter("shared read", bytes(c.sharedBlocksRead), r.map { Humanize.bytes($0.readBytesPerSecond) })
        counter("dirtied", bytes(c.sharedBlocksDirtied), r.map { Humanize.bytes($0.dirtiedBytesPerSecond) })
        counter("written", bytes(c.sharedBlocksWritten), r.map { Humanize.bytes($0.writtenBytesPerSecond) })
        counter("temp written", bytes(c.tempBlocksWritten), r.map { Humanize.bytes($0.tempWrittenBytesPerSecond) })
        counter("I/O time", Humanize.duration(c.blockReadMs + c.blockWriteMs + (c.tempBlockMs ?? 0)),
                r.map { Humanize.number($0.ioMsPerSecond) + " ms/s" })
        if let wal = c.walBytes { counter("WAL", Humanize.bytes(wal), r.map { $0.walBytesPerSecond.map { Humanize.bytes($0) } ?? "-" }) }
        if let planned = c.workersPlanned, let launched = c.workersLaunched {
            counter("workers", "\(launched)/\(planned)", nil)
        }
        out.append(TextLine(""))
        var text = s.query
        var note = ""
        switch detail.fullText {
        case .some(.some(let full)): text = full
        case .some(.none): note = s.queryIsCut ? "  (cut to the list length; the whole text could not be read)" : ""
        case .none:
            if s.queryIsCut { note = "  (cut; reading the whole text...)" }
        }
        out.append(TextLine([TextSpan("query", style: Style(.textDim)), TextSpan(note, style: Style(.ageWarning))]))
        out.append(contentsOf: TextView(text: text.isEmpty ? "(none)" : text).lines)
        return out
    }

    static func detailArea(width: Int, height: Int) -> Rect { DetailView.area(width: width, height: height) }

    static func maxDetailScroll(_ state: AppState, _ detail: StatementDetailState) -> Int {
        DetailBox.maxScroll(detailLines(state, detail), width: state.width, height: state.height)
    }

    static func renderDetail(_ state: AppState, _ detail: StatementDetailState, grid: inout ScreenGrid) {
        let id = detail.key.queryid.map { "statement \($0)" } ?? "statement (hidden)"
        DetailBox.render(title: "\(id) — Esc closes · arrows scroll", lines: detailLines(state, detail), scroll: detail.scroll, state: state, grid: &grid)
    }
}

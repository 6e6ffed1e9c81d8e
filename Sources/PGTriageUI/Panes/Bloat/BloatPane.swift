#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// When bloat and dead tuples turn `bloat.warning` and `bloat.critical` (docs/usage.md).
public enum BloatThresholds {
    /// Estimated bloat, percent of the relation's size.
    public static let bloatPercent = (warning: 30.0, critical: 60.0)
    /// Relations wasting less than this are never coloured (small tables' estimates are noise).
    public static let minimumWastedBytes: Int64 = 1 << 20
    /// Dead tuples, percent of live + dead (autovacuum's default scale factor is 20 %).
    public static let deadPercent = (warning: 20.0, critical: 50.0)
    /// Fewer dead tuples than this are never coloured.
    public static let minimumDeadTuples: Int64 = 1000

    static func bloatRole(_ r: RelationBloat) -> StyleRole? {
        guard r.status == .estimated, let pct = r.bloatPercent, let bytes = r.bloatBytes, bytes >= minimumWastedBytes else { return nil }
        if pct >= bloatPercent.critical { return .bloatCritical }
        if pct >= bloatPercent.warning { return .bloatWarning }
        return nil
    }

    static func deadRole(_ r: RelationBloat) -> StyleRole? {
        guard let ratio = r.deadRatio, let dead = r.deadTuples, dead >= minimumDeadTuples else { return nil }
        if ratio * 100 >= deadPercent.critical { return .bloatCritical }
        if ratio * 100 >= deadPercent.warning { return .bloatWarning }
        return nil
    }
}

/// Pane 4: tables and btree indexes of the connected database, by estimated wasted space.
public enum BloatPane {
    enum Field: Equatable { case name, kind, size, bloat, dead, deadPercent, vacuumed, analyzed, now, toast, filler }

    static func title(_ f: Field) -> String {
        switch f {
        case .name: return "NAME"
        case .kind: return "KIND"
        case .size: return "SIZE"
        case .bloat: return "EST. BLOAT"
        case .dead: return "DEAD"
        case .deadPercent: return "DEAD%"
        case .vacuumed: return "VACUUMED"
        case .analyzed: return "ANALYZED"
        case .now: return "VACUUM NOW"
        case .toast: return "TOAST"
        case .filler: return ""
        }
    }

    /// The column a sort underlines.
    static func field(for sort: BloatSort) -> Field {
        switch sort {
        case .wasted, .bloatPercent: return .bloat
        case .size: return .size
        case .deadPercent: return .deadPercent
        case .dead: return .dead
        case .vacuumed: return .vacuumed
        case .analyzed: return .analyzed
        case .name: return .name
        case .kind: return .kind
        }
    }

    /// Columns for this width: at 80 the name gets what the figures leave (about 27 columns);
    /// from 100 the dead tuple count, from 120 a running vacuum's phase, from 130 TOAST sizes.
    static func columns(width: Int, rows: [RelationBloat], anyVacuum: Bool) -> [(Field, PaneColumn)] {
        func col(_ f: Field, _ w: Int, _ a: TextAlignment = .right) -> (Field, PaneColumn) {
            (f, PaneColumn(title: title(f), width: w, alignment: a))
        }
        var rest: [(Field, PaneColumn)] = [col(.kind, 5, .left), col(.size, 6), col(.bloat, 13)]
        if width >= 100 { rest.append(col(.dead, 6)) }
        rest.append(col(.deadPercent, 5))
        if width >= 130 { rest.append(col(.toast, 6)) }
        rest.append(col(.vacuumed, 9))
        rest.append(col(.analyzed, 8))
        if anyVacuum && width >= 120 { rest.append(col(.now, 34, .left)) }
        // The name is as wide as the longest (at most 48), within what the figures leave; a blank
        // last column takes any rest, so the figures keep their widths.
        let longest = rows.map { DisplayWidth.of(Sanitizer.clean($0.qualifiedName)) }.max() ?? 0
        let room = width - PaneDraw.used(rest.map(\.1.width)) - 2
        let nameWidth = max(4, min(room, min(48, max(longest, 4))))
        return [col(.name, nameWidth, .left)] + rest + [col(.filler, 1, .left)]
    }

    /// "scan 45%": a running vacuum in 9 columns.
    static func shortProgress(_ v: VacuumProgress) -> String {
        let phase: String
        switch v.phase {
        case "initializing": phase = "init"
        case "scanning heap": phase = "scan"
        case "vacuuming indexes": phase = "index"
        case "vacuuming heap": phase = "heap"
        case "cleaning up indexes": phase = "clean"
        case "truncating heap": phase = "trunc"
        case "performing final cleanup": phase = "final"
        default: phase = String(v.phase.prefix(5))
        }
        return phase + (v.scannedFraction.map { " " + Humanize.percent($0 * 100) } ?? "")
    }

    static func longProgress(_ v: VacuumProgress) -> String {
        v.phase + (v.scannedFraction.map { " " + Humanize.percent($0 * 100) + " scanned" } ?? "")
    }

    /// `clock`: the latest server time known (the snapshot's), so ages keep growing between
    /// two bloat reads.
    static func cells(_ r: RelationBloat, fields: [Field], clock: Date) -> [PaneCell] {
        let isTable = r.kind == .table
        let vacuum = r.vacuum
        return fields.map { f in
            switch f {
            case .name:
                return PaneCell(r.qualifiedName, isTable ? .plain : Style(.textDim))
            case .kind:
                return PaneCell(r.kind == .index && !r.isValid ? "inval" : r.kind.rawValue,
                                r.isValid ? Style(.textDim) : Style(.bloatCritical))
            case .size:
                return PaneCell(Humanize.bytes(r.sizeBytes))
            case .bloat:
                guard r.status == .estimated, let bytes = r.bloatBytes, let pct = r.bloatPercent else {
                    let label = r.status == .estimated ? "no statistics"
                        : r.status == .incompleteStatistics ? "partial stats" : r.status == .statisticsHidden ? "stats hidden"
                        : r.status == .nameColumn ? "n/a" : "no statistics"
                    return PaneCell(label, Style(.textDim))
                }
                let text = DisplayWidth.fit(Humanize.bytes(bytes), toWidth: 7, alignment: .right) + " "
                    + DisplayWidth.fit(Humanize.percent(pct), toWidth: 5, alignment: .right)
                return PaneCell(text, BloatThresholds.bloatRole(r).map { Style($0, [.bold]) } ?? .plain, oneLine: false)
            case .dead:
                return PaneCell(isTable ? Humanize.count(r.deadTuples) : "", Style(.textDim))
            case .deadPercent:
                guard isTable else { return PaneCell("") }
                return PaneCell(r.deadRatio.map { Humanize.percent($0 * 100) } ?? "-",
                                BloatThresholds.deadRole(r).map { Style($0) } ?? .plain)
            case .toast:
                return PaneCell(r.toastBytes.map { $0 > 0 ? Humanize.bytes($0) : "" } ?? "", Style(.textDim))
            case .vacuumed:
                if let vacuum { return PaneCell(shortProgress(vacuum), Style(.textHighlight, [.bold])) }
                guard isTable else { return PaneCell("") }
                return PaneCell(r.lastVacuumAny.map { Format.age(clock.timeIntervalSince($0)) } ?? "never",
                                r.lastVacuumAny == nil ? Style(.textDim) : .plain)
            case .analyzed:
                guard isTable else { return PaneCell("") }
                guard let at = r.lastAnalyzeAny else {
                    return PaneCell("never", r.status == .noStatistics ? Style(.bloatWarning) : Style(.textDim))
                }
                return PaneCell(Format.age(clock.timeIntervalSince(at)))
            case .filler:
                return PaneCell("")
            case .now:
                return PaneCell(vacuum.map { "pid \($0.pid) " + longProgress($0) } ?? "", Style(.textHighlight))
            }
        }
    }

    /// Seconds since the bloat read: it is read every 30 s, less often than the rest.
    static func dataAge(_ state: AppState, _ section: BloatSection) -> Double? {
        guard let snapshot = state.snapshot else { return nil }
        return max(0, snapshot.capturedAt.timeIntervalSince(section.capturedAt)) + (state.dataAge ?? 0)
    }

    static func titleDetails(_ state: AppState, _ section: BloatSection, shown: Int, width: Int) -> String {
        var parts = ["\(shown) of \(section.relations.count) relations"]
        if let age = dataAge(state, section) { parts.append("read \(Format.age(age)) ago") }
        parts.append("TOAST not included")
        parts.append("sort: \(state.bloat.sortDescription)")
        if !state.bloat.filter.isEmpty { parts.append("filter \"\(state.bloat.filter)\"") }
        parts.append("db \(section.database)")
        return PaneTitle.details(parts, width: width, titleWidth: "Bloat".count)
    }

    static func notes(_ state: AppState, _ section: BloatSection) -> [TextLine] {
        var out: [TextLine] = []
        switch state.bloat.exact {
        case .confirming(_, let name)?:
            // The keys first: at 80 columns the line is cut at its end.
            out.append(TextLine("y reads every page of \(name) with pgstattuple for exact figures (time-limited), any other key does not",
                                style: Style(.statusWarning, [.bold])))
        case .running(_, let name)?:
            out.append(TextLine("reading \(name) with pgstattuple... (Esc stops waiting)", style: Style(.textHighlight)))
        default: break
        }
        if let limitation = section.limitation { out.append(TextLine("note: " + limitation, style: Style(.textDim))) }
        return out
    }

    static func render(_ state: AppState, area: Rect, grid: inout ScreenGrid) {
        let list0 = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        guard let (snapshot, section) = SectionUnavailableView.section(
            state, title: "Bloat", name: "bloat", read: \.bloat,
            waiting: "Waiting for the first bloat read (every 30s)...", area: area, grid: &grid) else { return }
        let rows = BloatRows.rows(state)
        PaneDraw.title("Bloat", details: titleDetails(state, section, shown: rows.count, width: area.width),
                       y: area.y, width: area.width, grid: &grid)
        var list = list0
        for note in notes(state, section).reversed() where list.height > 4 {
            putTruncated(note, x: area.x + 1, y: list.maxY - 1, width: area.width - 2, grid: &grid)
            list.height -= 1
        }
        let columns = columns(width: area.width, rows: rows, anyVacuum: rows.contains { $0.vacuum != nil })
        let fields = columns.map(\.0)
        let visible = max(1, list.height - 1)
        let cursor = state.bloat.cursor.window(in: rows.map(\.oid), visible: visible)
        let shown = rows.dropFirst(cursor.top).prefix(visible)
        PaneDraw.table(
            columns: columns.map(\.1), rows: shown.map { cells($0, fields: fields, clock: snapshot.capturedAt) },
            rowCount: rows.count, top: cursor.top, selected: rows.isEmpty ? nil : cursor.index,
            marked: { _ in false }, sortedColumn: fields.firstIndex(of: field(for: state.bloat.sort)), area: list, grid: &grid)
        if rows.isEmpty {
            let text = state.bloat.filter.isEmpty ? "No tables or btree indexes in database \(section.database)"
                : "No relation matches \"\(state.bloat.filter)\" (Esc clears the filter)"
            PaneDraw.centred(text, in: list.splitTop(1).rest, style: Style(.textDim), grid: &grid)
        }
    }

    // MARK: - Detail (Enter)

    static func current(_ state: AppState, _ detail: BloatDetailState) -> (row: RelationBloat, gone: Bool) {
        if let row = state.snapshot?.bloat?.relations.first(where: { $0.oid == detail.oid }) { return (row, false) }
        return (detail.lastSeen, true)
    }

    static func detailLines(_ state: AppState, _ detail: BloatDetailState) -> [TextLine] {
        let (r, gone) = current(state, detail)
        let section = state.snapshot?.bloat
        let blockSize = Int64(state.serverInfo?.blockSize ?? 8192)
        var out: [TextLine] = []
        if gone {
            out.append(TextLine("No longer listed by the last bloat read; the last copy is shown.", style: Style(.textError, [.bold])))
            out.append(TextLine(""))
        }
        func field(_ name: String, _ value: String, _ style: Style = Style(.headerValue)) {
            out.append(DetailView.field(name, value, style))
        }
        func when(_ date: Date?) -> String {
            guard let date, let at = state.snapshot?.capturedAt ?? section?.capturedAt else { return "never" }
            return Format.age(at.timeIntervalSince(date)) + " ago"
        }
        field("relation", r.qualifiedName)
        if r.kind == .index {
            field("kind", "btree index on \(r.table.map { "\(r.schema).\($0)" } ?? "?")" + (r.isValid ? "" : "  INVALID (failed CREATE INDEX CONCURRENTLY)"),
                  r.isValid ? Style(.headerValue) : Style(.bloatCritical, [.bold]))
        } else {
            field("kind", "table")
        }
        field("size", "\(Humanize.bytes(r.sizeBytes)) (\(r.sizeBytes / max(1, blockSize)) pages, as of the last VACUUM/ANALYZE)")
        if let toast = r.toastBytes { field("TOAST", "\(Humanize.bytes(toast)) (not included in the estimate)") }
        field("rows", r.tuples.map { Humanize.count($0) + " (reltuples)" } ?? "unknown (never vacuumed or analysed)")
        field("fillfactor", "\(r.fillfactor)")
        switch r.status {
        case .estimated:
            field("expected size", Humanize.bytes(r.expectedBytes))
            field("est. bloat", "\(Humanize.bytes(r.bloatBytes)) (\(Humanize.percent(r.bloatPercent)) of the size)",
                  BloatThresholds.bloatRole(r).map { Style($0, [.bold]) } ?? Style(.headerValue))
        case .noStatistics:
            field("est. bloat", "no statistics: never analysed (ANALYZE \(r.qualifiedName); gives an estimate)", Style(.bloatWarning))
        case .incompleteStatistics:
            field("est. bloat", "some columns have no statistics (added since the last ANALYZE?): no estimate", Style(.bloatWarning))
        case .statisticsHidden:
            field("est. bloat", "our role may not read these statistics: no estimate", Style(.bloatWarning))
        case .nameColumn:
            field("est. bloat", "not applicable: a name column (its statistics do not give the width stored)", Style(.textDim))
        }
        if r.kind == .table {
            field("live tuples", Humanize.count(r.liveTuples))
            field("dead tuples", Humanize.count(r.deadTuples) + (r.deadRatio.map { " (\(Humanize.percent($0 * 100)))" } ?? ""),
                  BloatThresholds.deadRole(r).map { Style($0) } ?? Style(.headerValue))
            field("last vacuum", when(r.lastVacuum))
            field("autovacuum", when(r.lastAutovacuum))
            field("last analyze", when(r.lastAnalyze))
            field("autoanalyze", when(r.lastAutoanalyze))
        }
        if let v = r.vacuum {
            field("vacuum now", "pid \(v.pid): \(longProgress(v)) (\(v.heapBlocksScanned)/\(v.heapBlocksTotal) blocks, \(v.indexVacuumCount) index passes)",
                  Style(.textHighlight, [.bold]))
        }
        out.append(TextLine(""))
        out += exactLines(state, r)
        return out
    }

    static func exactLines(_ state: AppState, _ r: RelationBloat) -> [TextLine] {
        let function = r.kind == .table ? "pgstattuple_approx" : "pgstatindex"
        guard let exact = state.bloat.exact, exact.oid == r.oid else {
            return [DetailView.field("exact", "x reads them with \(function) (reads the relation; asks first)", Style(.textDim))]
        }
        switch exact {
        case .confirming: return [DetailView.field("exact", "y reads the relation, any other key does not", Style(.statusWarning, [.bold]))]
        case .running: return [DetailView.field("exact", "reading with \(function)...", Style(.textHighlight))]
        case .done(_, _, .unavailable(let why)): return [DetailView.field("exact", why.summary, Style(.textError))]
        case .done(_, _, .failed(let why)): return [DetailView.field("exact", "failed: \(why)", Style(.textError))]
        case .done(_, _, .figures(.table(let t))):
            let wasted = t.wastedBytes(fillfactor: r.fillfactor)
            return [
                DetailView.field("exact", "\(Humanize.bytes(wasted)) wasted (\(Humanize.percent(t.wastedPercent(fillfactor: r.fillfactor)))) by pgstattuple_approx, \(Humanize.percent(t.scannedPercent)) scanned", Style(.headerValue, [.bold])),
                DetailView.field("", "dead tuples \(Humanize.bytes(t.deadTupleBytes)) (\(Humanize.count(t.deadTupleCount))), free \(Humanize.bytes(t.freeBytes)), live \(Humanize.bytes(t.tupleBytes))"),
            ]
        case .done(_, _, .figures(.index(let i))):
            let bs = state.serverInfo?.blockSize ?? 8192
            let wasted = i.wastedBytes(blockSize: bs, fillfactor: r.fillfactor)
            return [
                DetailView.field("exact", "\(Humanize.bytes(wasted)) wasted (\(Humanize.percent(i.wastedPercent(blockSize: bs, fillfactor: r.fillfactor)))) by pgstatindex", Style(.headerValue, [.bold])),
                DetailView.field("", "leaf density \(Format.fixed(i.averageLeafDensity, decimals: 1))%, fragmentation \(Format.fixed(i.leafFragmentation, decimals: 1))%, \(i.leafPages) leaf pages, \(i.emptyPages + i.deletedPages) empty or deleted"),
            ]
        }
    }

    static func maxDetailScroll(_ state: AppState, _ detail: BloatDetailState) -> Int {
        DetailBox.maxScroll(detailLines(state, detail), width: state.width, height: state.height)
    }

    static func renderDetail(_ state: AppState, _ detail: BloatDetailState, grid: inout ScreenGrid) {
        DetailBox.render(title: "\(detail.lastSeen.qualifiedName) — Esc closes · x exact figures · arrows scroll", lines: detailLines(state, detail), scroll: detail.scroll, state: state, grid: &grid)
    }
}

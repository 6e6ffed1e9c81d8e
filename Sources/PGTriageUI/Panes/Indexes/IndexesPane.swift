#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// Pane 6: every index of the connected database with its findings (unused, redundant, invalid,
/// bloated), and the foreign keys without an index (`f`). The fix SQL is shown and copied,
/// never run.
public enum IndexesPane {
    enum Field: Equatable { case table, index, size, scans, rate, bloat, lastScan, read, fetched, flags }
    enum ForeignKeyField: Equatable { case table, constraint, columns, references, size, writes }

    static func title(_ f: Field) -> String {
        switch f {
        case .table: return "TABLE"
        case .index: return "INDEX"
        case .size: return "SIZE"
        case .scans: return "SCANS"
        case .rate: return "SCANS/S"
        case .bloat: return "BLOAT"
        case .lastScan: return "LAST SCAN"
        case .read: return "TUP READ"
        case .fetched: return "FETCHED"
        case .flags: return "FLAGS"
        }
    }

    static func field(for sort: IndexesSort) -> Field {
        switch sort {
        case .findings: return .flags
        case .size: return .size
        case .scans: return .scans
        case .scanRate: return .rate
        case .table: return .table
        case .name: return .index
        }
    }

    /// Names share what the figures leave (about 36 columns at 80); the flags take the rest.
    /// From 100 the bloat estimate, from 130 the last scan (16+) and the tuples read and fetched.
    /// `longestTable` and `longestIndex`: the widest names among the rows (`IndexesState`).
    static func columns(width: Int, longestTable: Int, longestIndex: Int) -> [(Field, PaneColumn)] {
        func col(_ f: Field, _ w: Int, _ a: TextAlignment = .right) -> (Field, PaneColumn) {
            (f, PaneColumn(title: title(f), width: w, alignment: a))
        }
        var figures: [(Field, PaneColumn)] = [col(.size, 6), col(.scans, 7), col(.rate, 7)]
        if width >= 100 { figures.append(col(.bloat, 5)) }
        if width >= 130 { figures += [col(.lastScan, 9), col(.read, 8), col(.fetched, 8)] }
        let flagsWidth = width >= 100 ? 24 : 16
        let room = max(8, width - PaneDraw.used(figures.map(\.1.width) + [0, 0]) - flagsWidth)
        let tableWidth = max(5, min(longestTable, room * 2 / 5, 40))
        let indexWidth = max(5, min(longestIndex, room - tableWidth, 48))
        return [col(.table, tableWidth, .left), col(.index, indexWidth, .left)] + figures + [col(.flags, flagsWidth, .left)]
    }

    static func flagStyle(_ flags: [IndexFlag]) -> Style {
        if flags.contains(.invalid) { return Style(.bloatCritical, [.bold]) }
        return flags.isEmpty ? .plain : Style(.bloatWarning, [.bold])
    }

    static func cells(_ r: IndexHealth, fields: [Field], clock: Date) -> [PaneCell] {
        fields.map { f in
            switch f {
            case .table: return PaneCell(r.qualifiedTable, Style(.textDim))
            case .index: return PaneCell(r.name)
            case .size: return PaneCell(Humanize.bytes(r.sizeBytes))
            case .scans: return PaneCell(Humanize.count(r.scans), r.scans == 0 ? Style(.textDim) : .plain)
            case .rate: return PaneCell(r.scansPerSecond.map { Format.rate($0) } ?? "-", Style(.textDim))
            case .bloat:
                switch r.bloat {
                case .estimated(let percent, _): return PaneCell(Format.fixed(percent, decimals: 0) + "%")
                case .notApplicable: return PaneCell("n/a", Style(.textDim))
                default: return PaneCell("")
                }
            case .lastScan: return PaneCell(r.lastScan.map { Format.age(clock.timeIntervalSince($0)) } ?? "-", Style(.textDim))
            case .read: return PaneCell(Humanize.count(r.tuplesRead), Style(.textDim))
            case .fetched: return PaneCell(Humanize.count(r.tuplesFetched), Style(.textDim))
            case .flags: return PaneCell(r.flags.map(\.rawValue).joined(separator: " "), flagStyle(r.flags))
            }
        }
    }

    static func foreignKeyColumns(width: Int, rows: [MissingFKIndex]) -> [(ForeignKeyField, PaneColumn)] {
        func col(_ f: ForeignKeyField, _ title: String, _ w: Int, _ a: TextAlignment = .left) -> (ForeignKeyField, PaneColumn) {
            (f, PaneColumn(title: title, width: w, alignment: a))
        }
        let room = max(12, width - PaneDraw.used([6, 8, 0, 0, 0]) - 1)
        let table = max(5, min(rows.map { DisplayWidth.of($0.qualifiedTable) }.max() ?? 5, room / 4))
        let constraint = max(10, min(rows.map { DisplayWidth.of($0.constraint) }.max() ?? 10, room * 2 / 5))
        let columns = max(7, min(rows.map { DisplayWidth.of($0.columns.joined(separator: ", ")) }.max() ?? 7, room - table - constraint - 10))
        return [col(.table, "TABLE", table), col(.constraint, "FOREIGN KEY", constraint), col(.columns, "COLUMNS", columns),
                col(.size, "SIZE", 6, .right), col(.writes, "WRITES/S", 8, .right), col(.references, "REFERENCES", 10)]
    }

    static func foreignKeyCells(_ fk: MissingFKIndex, fields: [ForeignKeyField]) -> [PaneCell] {
        fields.map { f in
            switch f {
            case .table: return PaneCell(fk.qualifiedTable)
            case .constraint: return PaneCell(fk.constraint, Style(.bloatWarning, [.bold]))
            case .columns: return PaneCell(fk.columns.joined(separator: ", "))
            case .references: return PaneCell(fk.referencedTable, Style(.textDim))
            case .size: return PaneCell(Humanize.bytes(fk.tableSizeBytes))
            case .writes: return PaneCell(fk.writesPerSecond.map { Format.rate($0) } ?? "-", Style(.textDim))
            }
        }
    }

    /// Seconds since the read: it is read every 30 s, less often than the rest.
    static func dataAge(_ state: AppState, _ section: IndexesSection) -> Double? {
        guard let snapshot = state.snapshot else { return nil }
        return max(0, snapshot.capturedAt.timeIntervalSince(section.capturedAt)) + (state.dataAge ?? 0)
    }

    static func statisticsText(_ section: IndexesSection) -> String {
        guard let age = section.statisticsAge else { return "stats never reset" }
        return "stats reset \(Format.age(age)) ago"
    }

    static func titleDetails(_ state: AppState, _ section: IndexesSection, width: Int) -> String {
        let s = state.indexes
        var parts: [String]
        if s.list == .foreignKeys {
            let n = s.foreignKeyRows.count
            parts = ["\(n) foreign key\(n == 1 ? "" : "s") without an index", "f: indexes"]
        } else {
            parts = ["\(section.flaggedCount) flagged of \(section.indexes.count)", "f: \(section.missingFKIndexes.count) FK\(section.missingFKIndexes.count == 1 ? "" : "s") without index"]
            if s.flaggedOnly { parts.append("flagged only") }
        }
        if let age = dataAge(state, section) { parts.append("read \(Format.age(age)) ago") }
        if s.list == .indexes { parts.append("sort: \(s.sortDescription)") }
        parts.append("db \(section.database)")
        // Right after the counts: a title too long for the width drops its last parts, and a
        // filter hidden that way would make the list look whole.
        if !s.filter.isEmpty { parts.insert("filter \"\(s.filter)\"", at: 1) }
        return PaneTitle.details(parts, width: width, titleWidth: "Indexes".count)
    }

    /// The statistics' age (warned under 30 days: "unused" then means little) and what the
    /// counters leave out; what our role cannot see.
    static func notes(_ section: IndexesSection) -> [TextLine] {
        var out: [TextLine] = []
        let stats = statisticsText(section) + (section.statisticsAreYoung ? " (< 30 days: unused means little yet)" : "")
            + "; scans on this server only"
        out.append(TextLine("note: " + stats, style: section.statisticsAreYoung ? Style(.statusWarning, [.bold]) : Style(.textDim)))
        if let limitation = section.limitation { out.append(TextLine("note: " + limitation, style: Style(.textDim))) }
        return out
    }

    static func render(_ state: AppState, area: Rect, grid: inout ScreenGrid) {
        guard let (snapshot, _) = SectionUnavailableView.section(
            state, title: "Indexes", name: "indexes", read: \.indexes,
            waiting: "Waiting for the first indexes read (every 30s)...", area: area, grid: &grid),
            let section = state.indexes.section else { return }
        PaneDraw.title("Indexes", details: titleDetails(state, section, width: area.width), y: area.y, width: area.width, grid: &grid)
        var list = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        for note in notes(section).reversed() where list.height > 4 {
            putTruncated(note, x: area.x + 1, y: list.maxY - 1, width: area.width - 2, grid: &grid)
            list.height -= 1
        }
        let visible = max(1, list.height - 1)
        if state.indexes.list == .foreignKeys {
            let rows = state.indexes.foreignKeyRows
            let columns = foreignKeyColumns(width: area.width, rows: rows)
            let cursor = state.indexes.foreignKeyCursor.window(in: rows.map(\.id), visible: visible)
            PaneDraw.table(
                columns: columns.map(\.1), rows: rows.dropFirst(cursor.top).prefix(visible).map { foreignKeyCells($0, fields: columns.map(\.0)) },
                rowCount: rows.count, top: cursor.top, selected: rows.isEmpty ? nil : cursor.index,
                marked: { _ in false }, sortedColumn: nil, area: list, grid: &grid)
            if rows.isEmpty {
                let text = state.indexes.filter.isEmpty ? "Every foreign key has an index (f: back to the indexes)"
                    : "No foreign key matches \"\(state.indexes.filter)\" (Esc clears the filter)"
                PaneDraw.centred(text, in: list.splitTop(1).rest, style: Style(.textDim), grid: &grid)
            }
            return
        }
        let rows = state.indexes.rows
        let columns = columns(width: area.width, longestTable: state.indexes.longestTable, longestIndex: state.indexes.longestIndex)
        let fields = columns.map(\.0)
        let cursor = state.indexes.cursor.window(in: state.indexes.rowIDs, visible: visible)
        PaneDraw.table(
            columns: columns.map(\.1), rows: rows.dropFirst(cursor.top).prefix(visible).map { cells($0, fields: fields, clock: snapshot.capturedAt) },
            rowCount: rows.count, top: cursor.top, selected: rows.isEmpty ? nil : cursor.index,
            marked: { _ in false }, sortedColumn: fields.firstIndex(of: field(for: state.indexes.sort)), area: list, grid: &grid)
        if rows.isEmpty {
            let text = !state.indexes.filter.isEmpty ? "No index matches \"\(state.indexes.filter)\" (Esc clears the filter)"
                : state.indexes.flaggedOnly ? "No index has a finding (a: show all)" : "No indexes in database \(section.database)"
            PaneDraw.centred(text, in: list.splitTop(1).rest, style: Style(.textDim), grid: &grid)
        }
    }

    // MARK: - Detail (Enter)

    static func explanation(_ flag: IndexFlag, _ r: IndexHealth) -> String {
        switch flag {
        case .unused: return "unused: no scan since the statistics reset, and it enforces nothing"
        case .redundant: return "redundant: its columns lead \(r.coveredBy ?? "another index"), same method, operator classes, expressions and predicate"
        case .invalid: return "invalid: a failed CREATE INDEX CONCURRENTLY left it; it is maintained on every write but never used"
        case .bloated: return "bloated: estimated at \(Format.fixed(r.bloat.percent ?? 0, decimals: 0))% beyond what its entries need (ioguix estimate)"
        }
    }

    static func detailLines(_ state: AppState, _ detail: IndexesDetailState) -> [TextLine] {
        var out: [TextLine] = []
        func field(_ name: String, _ value: String, _ style: Style = Style(.headerValue)) { out.append(DetailView.field(name, value, style)) }
        func sql(_ name: String, _ text: String?) {
            guard let text else { return }
            out.append(TextLine(""))
            out.append(TextLine(name, style: Style(.textDim)))
            out += TextView.wrap(TextLine(text, style: Style(.textHighlight, [.bold])), width: max(20, state.width - 8))
        }
        switch detail.row {
        case .index(let seen):
            let r = state.indexes.section?.indexes.first { $0.id == seen.id } ?? seen
            let clock = state.snapshot?.capturedAt ?? state.now
            field("index", r.qualifiedName)
            field("table", r.qualifiedTable)
            let kind = [r.definition.isPrimary ? "primary key" : r.definition.isUnique ? "unique" : nil,
                        r.definition.isExclusion ? "exclusion" : nil, r.definition.isReplicaIdentity ? "replica identity" : nil,
                        r.definition.isValid ? nil : "INVALID"].compactMap { $0 }
            field("method", r.definition.method + (kind.isEmpty ? "" : ", " + kind.joined(separator: ", ")))
            field("size", "\(Humanize.bytes(r.sizeBytes)) (relpages, as of the last VACUUM/ANALYZE)")
            field("scans", "\(Humanize.count(r.scans)) since the reset" + (r.scansPerSecond.map { ", \(Format.rate($0))/s now" } ?? ""))
            field("last scan", r.lastScan.map { Format.age(clock.timeIntervalSince($0)) + " ago" } ?? "- (16+, or never)")
            field("tuples", "\(Humanize.count(r.tuplesRead)) read, \(Humanize.count(r.tuplesFetched)) fetched")
            switch r.bloat {
            case .estimated(let percent, let bytes): field("est. bloat", "\(Humanize.bytes(bytes)) (\(Format.fixed(percent, decimals: 0))%)")
            case .notApplicable(let why): field("est. bloat", "not applicable: \(why)", Style(.textDim))
            case .noStatistics(let status): field("est. bloat", status.label, Style(.textDim))
            case .notEstimated: field("est. bloat", "not estimated (btree only, the 500 largest)", Style(.textDim))
            }
            if let section = state.indexes.section { field("statistics", statisticsText(section) + "; scans on this server only") }
            out.append(TextLine(""))
            if r.flags.isEmpty { out.append(TextLine("No finding.", style: Style(.textDim))) }
            for flag in r.flags { out.append(TextLine(explanation(flag, r), style: flagStyle([flag]))) }
            sql("fix (run it yourself; the console never runs DDL):", r.fixSQL)
            sql("undo:", r.undoSQL)
            if let why = r.definitionNotReadBecause, r.undoSQL == nil {
                out.append(TextLine(""))
                out += TextView.wrap(TextLine("undo: definition not read: \(why); read again at the next refresh", style: Style(.textError)),
                                     width: max(20, state.width - 8))
            }
            if let why = r.definition.notReadBecause {
                out += TextView.wrap(TextLine("expressions and predicate not read: \(why) (not compared for redundancy)", style: Style(.textDim)),
                                     width: max(20, state.width - 8))
            }
        case .foreignKey(let seen):
            let fk = state.indexes.section?.missingFKIndexes.first { $0.id == seen.id } ?? seen
            field("foreign key", fk.constraint)
            field("table", fk.qualifiedTable)
            field("columns", fk.columns.joined(separator: ", "))
            field("references", fk.referencedTable)
            field("table size", Humanize.bytes(fk.tableSizeBytes))
            field("writes", "\(Humanize.count(fk.tableWrites)) since the reset" + (fk.writesPerSecond.map { ", \(Format.rate($0))/s now" } ?? ""))
            out.append(TextLine(""))
            out.append(TextLine("No index starts with these columns: each delete or key update on \(fk.referencedTable) scans \(fk.qualifiedTable).",
                                style: Style(.bloatWarning, [.bold])))
            sql("fix (run it yourself; the console never runs DDL):", fk.fixSQL)
            sql("undo:", fk.undoSQL)
        }
        return out
    }

    static func maxDetailScroll(_ state: AppState, _ detail: IndexesDetailState) -> Int {
        DetailBox.maxScroll(detailLines(state, detail), width: state.width, height: state.height)
    }

    static func renderDetail(_ state: AppState, _ detail: IndexesDetailState, grid: inout ScreenGrid) {
        let name: String
        switch detail.row {
        case .index(let r): name = r.qualifiedName
        case .foreignKey(let fk): name = fk.constraint
        }
        DetailBox.render(title: "\(name) — Esc closes · w copies the SQL · arrows scroll", lines: detailLines(state, detail), scroll: detail.scroll, state: state, grid: &grid)
    }
}

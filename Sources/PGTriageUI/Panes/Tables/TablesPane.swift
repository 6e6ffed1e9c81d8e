#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// Colours of the Tables pane's figures (limits: `TablesThresholds`, docs/usage.md).
enum TablesStyles {
    static func role(_ value: Double?, _ limits: (warning: Double, critical: Double)) -> StyleRole? {
        guard let value else { return nil }
        if value >= limits.critical { return .bloatCritical }
        if value >= limits.warning { return .bloatWarning }
        return nil
    }

    static func style(_ value: Double?, _ limits: (warning: Double, critical: Double)) -> Style {
        role(value, limits).map { Style($0, [.bold]) } ?? .plain
    }

    static func holderStyle(_ age: Int64) -> Style {
        if age >= TablesThresholds.holderAge.critical { return Style(.ageCritical, [.bold]) }
        if age >= TablesThresholds.holderAge.warning { return Style(.ageWarning) }
        return Style(.headerValue)
    }
}

/// Pane 7: per table, how near autovacuum is (dead and inserted tuples against the thresholds),
/// tables with autovacuum off, freeze age; above the list what holds the xmin horizon, and the
/// sequences and maintenance that need a look.
public enum TablesPane {
    enum Field: Equatable { case name, size, dead, deadPercent, due, autovacuum, freeze, vacuumed, analyzed, inserts, mods, filler }

    static func title(_ f: Field) -> String {
        switch f {
        case .name: return "NAME"
        case .size: return "SIZE"
        case .dead: return "DEAD"
        case .deadPercent: return "DEAD%"
        case .due: return "DUE%"
        case .autovacuum: return "AV"
        case .freeze: return "FRZ%"
        case .vacuumed: return "VACUUMED"
        case .analyzed: return "ANALYZED"
        case .inserts: return "INS%"
        case .mods: return "ANL%"
        case .filler: return ""
        }
    }

    static func field(for sort: TablesSort) -> Field {
        switch sort {
        case .due: return .due
        case .freeze: return .freeze
        case .deadPercent: return .deadPercent
        case .dead: return .dead
        case .size: return .size
        case .vacuumed: return .vacuumed
        case .analyzed: return .analyzed
        case .name: return .name
        }
    }

    /// At 80 columns: name, size, dead, dead %, due %, autovacuum flag, freeze %, last vacuum;
    /// from 100 the insert and analyze due % and the last analyze.
    /// `longest`: the widest name among the rows (`TablesState.longestName`).
    static func columns(width: Int, longest: Int) -> [(Field, PaneColumn)] {
        func col(_ f: Field, _ w: Int, _ a: TextAlignment = .right) -> (Field, PaneColumn) {
            (f, PaneColumn(title: title(f), width: w, alignment: a))
        }
        var rest: [(Field, PaneColumn)] = [col(.size, 6), col(.dead, 6), col(.deadPercent, 5), col(.due, 5)]
        if width >= 100 { rest += [col(.inserts, 5), col(.mods, 5)] }
        rest += [col(.autovacuum, 3, .left), col(.freeze, 5), col(.vacuumed, 8)]
        if width >= 100 { rest.append(col(.analyzed, 8)) }
        let room = width - PaneDraw.used(rest.map(\.1.width)) - 2
        let nameWidth = max(4, min(room, min(48, max(longest, 4))))
        return [col(.name, nameWidth, .left)] + rest + [col(.filler, 1, .left)]
    }

    static func pct(_ value: Double?) -> String {
        guard let value else { return "-" }
        if !value.isFinite { return "inf" }
        return value >= 10_000 ? Humanize.count(value) + "%" : Humanize.percent(value)
    }

    static func cells(_ r: TableStats, fields: [Field], clock: Date) -> [PaneCell] {
        fields.map { f in
            switch f {
            case .name: return PaneCell(r.qualifiedName, r.autovacuumEnabled ? .plain : Style(.bloatCritical))
            case .size: return PaneCell(Humanize.bytes(r.sizeBytes))
            case .dead: return PaneCell(Humanize.count(r.deadTuples), Style(.textDim))
            case .deadPercent: return PaneCell(r.deadPercent.map { Humanize.percent($0) } ?? "-")
            case .due: return PaneCell(pct(r.dueMaxPercent), TablesStyles.style(r.dueMaxPercent, TablesThresholds.duePercent))
            case .inserts: return PaneCell(pct(r.insertDuePercent), TablesStyles.style(r.insertDuePercent, TablesThresholds.duePercent))
            case .mods: return PaneCell(pct(r.analyzeDuePercent), TablesStyles.style(r.analyzeDuePercent, TablesThresholds.duePercent))
            case .autovacuum: return r.autovacuumEnabled ? PaneCell("on", Style(.textDim)) : PaneCell("OFF", Style(.bloatCritical, [.bold]))
            case .freeze: return PaneCell(pct(r.freezePercent), TablesStyles.style(r.freezePercent, TablesThresholds.freezePercent))
            case .vacuumed:
                return PaneCell(r.lastVacuumAny.map { Format.age(clock.timeIntervalSince($0)) } ?? "never",
                                r.lastVacuumAny == nil ? Style(.textDim) : .plain)
            case .analyzed:
                return PaneCell(r.lastAnalyzeAny.map { Format.age(clock.timeIntervalSince($0)) } ?? "never",
                                r.lastAnalyzeAny == nil ? Style(.textDim) : .plain)
            case .filler: return PaneCell("")
            }
        }
    }

    /// Seconds since the tables read (every 30 s while shown).
    static func dataAge(_ state: AppState, _ section: TablesSection) -> Double? {
        guard let snapshot = state.snapshot else { return nil }
        return max(0, snapshot.capturedAt.timeIntervalSince(section.capturedAt)) + (state.dataAge ?? 0)
    }

    static func titleDetails(_ state: AppState, _ section: TablesSection, width: Int) -> String {
        let t = state.tables
        var parts: [String]
        switch t.view {
        case .tables:
            let off = section.tables.count { !$0.autovacuumEnabled }
            parts = ["\(t.rows.count) of \(section.tables.count) tables" + (off > 0 ? ", \(off) autovacuum off" : "")]
        case .holders: parts = ["\(t.holders.count) horizon holders"]
        case .sequences: parts = ["\(t.sequences.count) sequences"]
        case .maintenance: parts = ["\(t.maintenance.count) running"]
        }
        if let age = dataAge(state, section) { parts.append("read \(Format.age(age)) ago") }
        parts.append("v: \(TablesView(rawValue: (t.view.rawValue + 1) % TablesView.allCases.count)!.name)")
        if t.view == .tables { parts.append("sort: \(t.sortDescription)") }
        parts.append("db \(section.database)")
        // Right after the counts: a title too long for the width drops its last parts, and a
        // filter hidden that way would make the list look whole.
        if !t.filter.isEmpty { parts.insert("filter \"\(t.filter)\"", at: 1) }
        return PaneTitle.details(parts, width: width, titleWidth: "Tables".count)
    }

    /// "horizon: oldest xmin 1.2k XIDs, backend 4242 alice (app idle in transaction) +2"
    static func horizonLine(_ section: TablesSection) -> TextLine {
        let label = TextSpan("horizon ", style: Style(.textDim))
        guard let oldest = section.holders.first else {
            return TextLine([label, TextSpan("nothing holds the xmin horizon back", style: Style(.headerValue))])
        }
        var who = oldest.label + (oldest.owner.map { " \($0)" } ?? "") + (oldest.detail.map { " (\($0))" } ?? "")
        if section.holders.count > 1 { who += " +\(section.holders.count - 1)" }
        return TextLine([
            label,
            TextSpan("oldest xmin \(Humanize.count(oldest.xminAge)) XIDs ", style: TablesStyles.holderStyle(oldest.xminAge)),
            TextSpan(who, style: Style(.headerValue)),
        ])
    }

    /// Sequences past 50 %, running maintenance and the worst database freeze %, in one line.
    static func attentionLine(_ section: TablesSection, tables: TablesState) -> TextLine {
        var spans: [TextSpan] = []
        func add(_ text: String, _ style: Style) {
            if !spans.isEmpty { spans.append(TextSpan(" · ", style: Style(.textDim))) }
            spans.append(TextSpan(text, style: style))
        }
        let hot = section.sequences.filter { ($0.usedPercent ?? 0) >= TablesThresholds.sequencePercent.warning }
        if let first = hot.first {
            add("seq \(first.qualifiedName) \(pct(first.usedPercent))" + (hot.count > 1 ? " +\(hot.count - 1)" : ""),
                TablesStyles.style(first.usedPercent, TablesThresholds.sequencePercent))
        } else {
            add("sequences < 50%", Style(.textDim))
        }
        if let job = section.maintenance.first {
            add("\(job.command) \(job.relation) \(pct(job.donePercent))" + (section.maintenance.count > 1 ? " +\(section.maintenance.count - 1)" : ""), Style(.textHighlight))
        } else {
            add("no maintenance running", Style(.textDim))
        }
        if let db = section.databases.max(by: { $0.freezePercent < $1.freezePercent }) {
            add("db \(db.name) freeze \(pct(db.freezePercent))", TablesStyles.style(db.freezePercent, TablesThresholds.freezePercent))
        }
        return TextLine(spans)
    }

    static func render(_ state: AppState, area: Rect, grid: inout ScreenGrid) {
        guard let (snapshot, section) = SectionUnavailableView.section(
            state, title: "Tables", name: "tables", read: \.tables,
            waiting: "Waiting for the first tables read (every 30s)...", area: area, grid: &grid) else { return }
        let list = PaneDraw.titleAndSummary("Tables", details: titleDetails(state, section, width: area.width),
                                            lines: (horizonLine(section), attentionLine(section, tables: state.tables)),
                                            limitation: section.limitation, area: area, grid: &grid)
        let t = state.tables
        let keys = TablesRows.keys(state)
        let visible = max(1, list.height - 1)
        let cursor = t.cursor.window(in: keys, visible: visible)
        let columns: [PaneColumn]
        let cells: [[PaneCell]]
        var sorted: Int?
        let clock = snapshot.capturedAt
        switch t.view {
        case .tables:
            let laid = self.columns(width: area.width, longest: t.longestName)
            columns = laid.map(\.1)
            cells = t.rows.dropFirst(cursor.top).prefix(visible).map { self.cells($0, fields: laid.map(\.0), clock: clock) }
            sorted = laid.map(\.0).firstIndex(of: field(for: t.sort))
        case .holders:
            columns = [PaneColumn(title: "KIND", width: 16), PaneColumn(title: "ID", width: 14),
                       PaneColumn(title: "XMIN AGE", width: 8, alignment: .right), PaneColumn(title: "SINCE", width: 6, alignment: .right),
                       PaneColumn(title: "OWNER", width: 10), PaneColumn(title: "DETAIL", width: 1)]
            cells = t.holders.dropFirst(cursor.top).prefix(visible).map { h in
                [PaneCell(h.kind.rawValue), PaneCell(h.id), PaneCell(Humanize.count(h.xminAge), TablesStyles.holderStyle(h.xminAge)),
                 PaneCell(h.since.map { Format.age(clock.timeIntervalSince($0)) } ?? "-"), PaneCell(h.owner ?? "-"),
                 PaneCell(h.detail ?? "", Style(.textDim))]
            }
        case .sequences:
            columns = [PaneColumn(title: "SEQUENCE", width: 26), PaneColumn(title: "TYPE", width: 8),
                       PaneColumn(title: "LAST VALUE", width: 11, alignment: .right), PaneColumn(title: "USED%", width: 5, alignment: .right),
                       PaneColumn(title: "OWNED BY", width: 1)]
            cells = t.sequences.dropFirst(cursor.top).prefix(visible).map { s in
                [PaneCell(s.qualifiedName), PaneCell(s.columnType ?? s.sequenceType),
                 PaneCell(s.lastValue.map { Humanize.count(Double($0)) } ?? (s.readable ? "unused" : "hidden"), Style(.textDim)),
                 PaneCell(pct(s.usedPercent), TablesStyles.style(s.usedPercent, TablesThresholds.sequencePercent)),
                 PaneCell(s.ownedBy ?? "", Style(.textDim))]
            }
        case .maintenance:
            columns = [PaneColumn(title: "PID", width: 7, alignment: .right), PaneColumn(title: "COMMAND", width: 12),
                       PaneColumn(title: "PHASE", width: 18), PaneColumn(title: "DONE", width: 5, alignment: .right),
                       PaneColumn(title: "ELAPSED", width: 7, alignment: .right), PaneColumn(title: "ETA", width: 6, alignment: .right),
                       PaneColumn(title: "RELATION", width: 1)]
            cells = t.maintenance.dropFirst(cursor.top).prefix(visible).map { m in
                [PaneCell(String(m.pid)), PaneCell(m.command), PaneCell(m.phase), PaneCell(pct(m.donePercent), Style(.textHighlight)),
                 PaneCell(Format.age(m.elapsedSeconds)), PaneCell(Format.age(m.etaSeconds)), PaneCell(m.relation)]
            }
        }
        PaneDraw.table(columns: columns, rows: cells, rowCount: keys.count, top: cursor.top, selected: keys.isEmpty ? nil : cursor.index,
                       marked: { _ in false }, sortedColumn: sorted, area: list, grid: &grid)
        if keys.isEmpty {
            let text: String
            if !t.filter.isEmpty { text = "Nothing matches \"\(t.filter)\" (Esc clears the filter)" }
            else {
                switch t.view {
                case .tables: text = "No tables in database \(section.database)"
                case .holders: text = "Nothing holds the xmin horizon back"
                case .sequences: text = "No sequences in database \(section.database)"
                case .maintenance: text = "No VACUUM, ANALYZE, CREATE INDEX or CLUSTER running"
                }
            }
            PaneDraw.centred(text, in: list.splitTop(1).rest, style: Style(.textDim), grid: &grid)
        }
    }

    /// The Activity detail's line for a backend running maintenance: from the snapshot's Tables
    /// section, else the last one seen (with its age: the section is read only on this pane).
    static func maintenanceLine(_ state: AppState, pid: Int32) -> TextLine? {
        let section = state.snapshot?.tables ?? state.tables.lastSection
        guard let section, let job = section.maintenance(pid: pid) else { return nil }
        let age = state.snapshot.map { max(0, $0.capturedAt.timeIntervalSince(section.capturedAt)) } ?? 0
        var text = "\(job.command) \(job.relation): \(job.phase) \(pct(job.donePercent))"
        if let eta = job.etaSeconds { text += ", \(Format.age(eta)) left" }
        if age >= 1 { text += " (\(Format.age(age)) ago)" }
        return DetailView.field("maintenance", text, Style(.textHighlight))
    }

    // MARK: - Detail (Enter)

    static func current(_ state: AppState, _ detail: TablesDetailState) -> (row: TableStats, gone: Bool) {
        if let row = state.snapshot?.tables?.tables.first(where: { $0.oid == detail.oid }) { return (row, false) }
        return (detail.lastSeen, true)
    }

    static func detailLines(_ state: AppState, _ detail: TablesDetailState) -> [TextLine] {
        let (r, gone) = current(state, detail)
        let th = r.thresholds
        var out: [TextLine] = []
        if gone {
            out.append(TextLine("No longer listed by the last tables read; the last copy is shown.", style: Style(.textError, [.bold])))
            out.append(TextLine(""))
        }
        func field(_ name: String, _ value: String, _ style: Style = Style(.headerValue)) { out.append(DetailView.field(name, value, style)) }
        func when(_ date: Date?) -> String {
            guard let date, let at = state.snapshot?.capturedAt else { return "never" }
            return Format.age(at.timeIntervalSince(date)) + " ago"
        }
        func n(_ v: Double) -> String { Format.fixed(v, decimals: v == v.rounded() ? 0 : 2) }
        let tuples = n(r.reltuples ?? 0)
        field("table", r.qualifiedName)
        field("size", "\(Humanize.bytes(r.sizeBytes)) (\(r.pages) pages, as of the last VACUUM/ANALYZE)")
        field("reltuples", r.reltuples.map { n($0) } ?? "unknown (never vacuumed or analysed: counts as 0)")
        field("live / dead", "\(r.liveTuples) / \(r.deadTuples)" + (r.deadPercent.map { " (\(Humanize.percent($0)) dead)" } ?? ""))
        field("autovacuum", r.autovacuumEnabled ? "on" : "OFF: only anti-wraparound vacuums will come",
              r.autovacuumEnabled ? Style(.headerValue) : Style(.bloatCritical, [.bold]))
        if !r.options.overridden.isEmpty { field("reloptions", r.options.overridden.joined(separator: " ")) }
        let cap = th.vacuumMax.map { ", capped at \(n($0))" } ?? ""
        field("vacuum at", "\(n(th.vacuum)) dead = \(n(th.vacuumBase)) + \(n(th.vacuumScaleFactor)) x \(tuples)\(cap)")
        field("", "\(r.deadTuples) dead: \(pct(r.vacuumDuePercent)) of it", TablesStyles.style(r.vacuumDuePercent, TablesThresholds.duePercent))
        if let insert = th.insert {
            let share = th.unfrozenShare < 1 ? " x \(Format.fixed(th.unfrozenShare, decimals: 2)) unfrozen" : ""
            field("insert at", "\(n(insert)) inserted = \(n(th.insertBase)) + \(n(th.insertScaleFactor)) x \(tuples)\(share)")
            field("", "\(r.insertsSinceVacuum) since vacuum: \(pct(r.insertDuePercent)) of it",
                  TablesStyles.style(r.insertDuePercent, TablesThresholds.duePercent))
        } else {
            field("insert at", "off (autovacuum_vacuum_insert_threshold = -1)")
        }
        field("analyze at", "\(n(th.analyze)) changed = \(n(th.analyzeBase)) + \(n(th.analyzeScaleFactor)) x \(tuples)")
        field("", "\(r.modsSinceAnalyze) since analyze: \(pct(r.analyzeDuePercent)) of it")
        field("xid age", "\(r.xidAge): \(pct(r.freezePercent)) of freeze_max_age \(n(th.freezeMaxAge))",
              TablesStyles.style(r.freezePercent, TablesThresholds.freezePercent))
        field("mxid age", "\(r.mxidAge): \(pct(r.mxidFreezePercent)) of multixact_freeze_max_age \(n(th.multixactFreezeMaxAge))")
        field("wraparound", Format.fixed(r.wraparoundPercent, decimals: 2) + "% of the way to the XID/MXID stop",
              TablesStyles.style(r.wraparoundPercent, TablesThresholds.wraparoundPercent))
        field("last vacuum", when(r.lastVacuum))
        field("autovacuum", when(r.lastAutovacuum))
        field("last analyze", when(r.lastAnalyze))
        field("autoanalyze", when(r.lastAutoanalyze))
        return out
    }

    static func maxDetailScroll(_ state: AppState, _ detail: TablesDetailState) -> Int {
        DetailBox.maxScroll(detailLines(state, detail), width: state.width, height: state.height)
    }

    static func renderDetail(_ state: AppState, _ detail: TablesDetailState, grid: inout ScreenGrid) {
        DetailBox.render(title: "\(detail.lastSeen.qualifiedName) — Esc closes · arrows scroll", lines: detailLines(state, detail), scroll: detail.scroll, state: state, grid: &grid)
    }
}

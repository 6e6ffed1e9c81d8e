import PGTriageCore

/// One visible row of the plan tree.
struct PlanRow: Sendable, Equatable {
    var id: Int
    /// Tree lines, two columns a level: "│ ├ ".
    var prefix: String
    var hasChildren: Bool
    var isCollapsed: Bool
    /// Nodes hidden under a collapsed node.
    var hiddenCount: Int
}

/// The plan tree as rows (collapsed subtrees left out), its columns and their cells.
enum PlanRows {
    /// Pre-order rows of the nodes not hidden under a collapsed node.
    static func rows(_ plan: Plan, collapsed: Set<Int>) -> [PlanRow] {
        guard !plan.nodes.isEmpty else { return [] }
        var out: [PlanRow] = []
        func visit(_ id: Int, _ lastFlags: [Bool]) {
            let node = plan.nodes[id]
            var prefix = ""
            for last in lastFlags.dropLast() { prefix += last ? "  " : "│ " }
            if let own = lastFlags.last { prefix += own ? "└ " : "├ " }
            let isCollapsed = collapsed.contains(id) && !node.childIDs.isEmpty
            out.append(PlanRow(id: id, prefix: prefix, hasChildren: !node.childIDs.isEmpty, isCollapsed: isCollapsed,
                               hiddenCount: isCollapsed ? plan.subtree(of: id).count - 1 : 0))
            guard !isCollapsed, lastFlags.count < 200 else { return }
            for (i, child) in node.childIDs.enumerated() { visit(child, lastFlags + [i == node.childIDs.count - 1]) }
        }
        visit(0, [])
        return out
    }

    /// "CTE totals: HashAggregate", "Seq Scan on orders o".
    static func label(_ node: PlanNode) -> String {
        node.subplanName.map { "\($0): " + node.title } ?? node.title
    }

    /// "InitPlan 3 (returns $2)" -> "InitPlan 3": the tree keeps its room for the node (the
    /// detail view has the whole name).
    static func shortName(_ name: String) -> String {
        guard let open = name.firstRange(of: " (returns ") else { return name }
        return String(name[..<open.lowerBound])
    }

    // MARK: - Search

    /// Properties a search looks in besides the title: relations, conditions, keys.
    static func searchText(_ node: PlanNode) -> String {
        var parts = [label(node)]
        for (key, value) in node.properties where searched(key) { parts.append(value.description) }
        return parts.joined(separator: "\n").lowercased()
    }

    /// Whether a property is searched: conditions, filters, keys, names (on the UTF-8 bytes: this
    /// runs for every property of every node of a plan of thousands).
    static func searched(_ key: String) -> Bool {
        let bytes = key.utf8
        if bytes.starts(with: "Rows Removed".utf8) { return false }
        if bytes.reversed().starts(with: "Cond".utf8.reversed()) || bytes.reversed().starts(with: "Key".utf8.reversed()) { return true }
        if key == "Relation Name" || key == "Index Name" || key == "Alias" || key == "CTE Name" || key == "Function Name" || key == "Schema" {
            return true
        }
        let filter = Array("Filter".utf8)
        let all = Array(bytes)
        guard all.count >= filter.count else { return false }
        for start in 0...(all.count - filter.count) where all[start] == filter[0] && all[start..<(start + filter.count)].elementsEqual(filter) {
            return true
        }
        return false
    }

    static func matches(_ plan: Plan, search: String) -> [Int] {
        let needle = search.lowercased()
        guard !needle.isEmpty else { return [] }
        return plan.nodes.filter { searchText($0).contains(needle) }.map(\.id)
    }

    // MARK: - Columns

    enum Column: Sendable, Hashable {
        case marker, node, total, selfTime, share, cost, rows, estimate, loops, hitRead, temp
        case dirtiedWritten, io, removed, sortHash, workers

        var title: String {
            switch self {
            case .marker: return ""
            case .node: return "NODE"
            case .total: return "TOTAL"
            case .selfTime: return "SELF"
            case .share: return "%"
            case .cost: return "COST"
            case .rows: return "ROWS"
            case .estimate: return "EST×"
            case .loops: return "LOOPS"
            case .hitRead: return "HIT/READ"
            case .temp: return "TEMP"
            case .dirtiedWritten: return "DIRT/WR"
            case .io: return "I/O"
            case .removed: return "REMOVED"
            case .sortHash: return "SORT/HASH"
            case .workers: return "WORKERS"
            }
        }
    }

    /// The node column never gets narrower than this when optional columns are added.
    static let wideNodeMinimum = 32

    /// Columns and widths for a plan at `width`: the essentials always (times, share, rows and
    /// the estimate error, loops, shared hit/read and temp when the plan has them), then more
    /// while the node column keeps `wideNodeMinimum`.
    static func columns(_ document: PlanDocument, width: Int) -> [(Column, Int)] {
        let plan = document.plan
        let timed = plan.hasTiming
        var cols: [(Column, Int)] = [(.marker, 1)]
        if timed {
            cols += [(.total, 6), (.selfTime, 6), (.share, 3)]
        } else {
            cols += [(.cost, 8), (.share, 3)]
        }
        cols.append((.rows, plan.isAnalyzed ? 10 : 6))
        if plan.isAnalyzed { cols += [(.estimate, 4), (.loops, 5)] }
        if plan.nodes.contains(where: { $0.buffers.sharedHit + $0.buffers.sharedRead > 0 }) { cols.append((.hitRead, 9)) }
        let temps = plan.nodes.map { $0.buffers.tempRead + $0.buffers.tempWritten }
        if temps.contains(where: { $0 > 0 }) { cols.append((.temp, 5)) }

        let optional: [(Column, Int, Bool)] = [
            (.removed, 11, plan.nodes.contains { ($0.rowsRemovedByFilter ?? $0.rowsRemovedByJoinFilter ?? 0) > 0 }),
            (.sortHash, 20, plan.nodes.contains { $0.sortMethod != nil || $0.hashBatches != nil || ($0.hashAggBatches ?? 0) > 0 }),
            (.io, 8, plan.nodes.contains { ($0.ioReadTime ?? 0) > 0 || ($0.ioWriteTime ?? 0) > 0 }),
            (.dirtiedWritten, 9, plan.nodes.contains { $0.buffers.sharedDirtied > 0 || $0.buffers.sharedWritten > 0 }),
            (.workers, 7, plan.nodes.contains { $0.workersPlanned != nil }),
        ]
        for (column, w, present) in optional where present {
            if nodeWidth(width: width, cols + [(column, w)]) >= wideNodeMinimum { cols.append((column, w)) }
        }
        // Wide enough: each column as wide as its widest cell, so no number is cut ("12.2k→12.2k");
        // else the widths above, cells cut with "…".
        let natural = cols.map { column, _ in (column, max(1, DisplayWidth.of(column.title), document.widestCell(column))) }
        if nodeWidth(width: width, natural) >= wideNodeMinimum {
            cols.insert((.node, nodeWidth(width: width, natural)), at: 1)
            return cols.enumerated().map { i, c in i == 1 ? c : natural[i > 1 ? i - 1 : i] }
        }
        cols = shrunk(cols, document)
        cols.insert((.node, max(1, nodeWidth(width: width, cols))), at: 1)
        return cols
    }

    /// Each column no wider than its title and its widest cell: the node column gets the rest.
    static func shrunk(_ cols: [(Column, Int)], _ document: PlanDocument) -> [(Column, Int)] {
        cols.map { column, width in
            (column, min(width, max(1, DisplayWidth.of(column.title), document.widestCell(column))))
        }
    }

    /// What the node column gets: the rest after the other columns and one space between each.
    static func nodeWidth(width: Int, _ others: [(Column, Int)]) -> Int {
        width - others.reduce(0) { $0 + $1.1 + 1 }
    }

    // MARK: - Numbers

    /// Milliseconds in at most 6 columns: "0.03ms", "10.6ms", "1234ms", "12.3s", "123s", "17m".
    static func ms(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let v = max(0, value)
        if v < 10 { return PlanText.fixed(v, 2) + "ms" }
        if v < 100 { return PlanText.fixed(v, 1) + "ms" }
        if v < 10_000 { return PlanText.fixed(v, 0) + "ms" }
        if v < 100_000 { return PlanText.fixed(v / 1000, 1) + "s" }
        if v < 1_000_000 { return PlanText.fixed(v / 1000, 0) + "s" }
        return PlanText.fixed(v / 60_000, 0) + "m"
    }

    /// A count in at most 5 columns: "749", "9923", "10k", "12.3k", "123k", "1.2M", "3G".
    static func count(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        let v = max(0, value)
        if v < 10, v != v.rounded() { return PlanText.fixed(v, 1) }
        if v < 10_000 { return PlanText.fixed(v, 0) }
        if v < 100_000 { return trimZero(PlanText.fixed(v / 1000, v < 99_950 ? 1 : 0)) + "k" }
        if v < 1_000_000 { return PlanText.fixed(v / 1000, 0) + "k" }
        if v < 100_000_000 { return trimZero(PlanText.fixed(v / 1_000_000, 1)) + "M" }
        if v < 1_000_000_000 { return PlanText.fixed(v / 1_000_000, 0) + "M" }
        return PlanText.fixed(v / 1_000_000_000, 0) + "G"
    }

    static func trimZero(_ text: String) -> String { text.hasSuffix(".0") ? String(text.dropLast(2)) : text }

    static func percent(_ share: Double?) -> String {
        guard let share, share.isFinite else { return "" }
        let p = max(0, share * 100)
        return p >= 0.5 ? PlanText.fixed(p, 0) : (p > 0 ? "<1" : "0")
    }

    /// "↑12" (more rows came than planned), "↓3" (fewer), "" under a factor of 2 or when fewer
    /// rows came because a parent stopped early.
    static func estimate(_ a: NodeAnalysis) -> String {
        guard let factor = a.misestimateFactor, factor >= 2, let direction = a.misestimateDirection else { return "" }
        if direction == .over && a.mayStopEarly { return "" }
        return (direction == .under ? "↑" : "↓") + count(factor.rounded())
    }

    /// The heat of a self share (pev2's thresholds: 10, 40, 90 %).
    static func heat(_ share: Double?) -> Style {
        guard let share else { return .plain }
        if share > 0.9 { return Style(.planCritical, [.bold]) }
        if share > 0.4 { return Style(.planSlow) }
        if share > 0.1 { return Style(.planWarning) }
        return .plain
    }

    static func severityStyle(_ severity: FindingSeverity?) -> Style {
        switch severity {
        case .critical: return Style(.planCritical, [.bold])
        case .warning: return Style(.planWarning)
        case .info: return Style(.planDetail)
        case nil: return .plain
        }
    }

    /// The sort or hash detail: "quicksort 25kB", "external merge 3368kB disk", "hash 4 batches 95kB".
    static func sortHash(_ node: PlanNode) -> String {
        if let method = node.sortMethod {
            let space = node.sortSpaceUsed.map { " \(PlanValue.format($0))kB" + (node.sortSpaceType == "Disk" ? " disk" : "") } ?? ""
            return method + space
        }
        if let batches = node.hashBatches {
            return "hash \(batches) batch" + (batches == 1 ? "" : "es") + (node.peakMemoryUsage.map { " \(PlanValue.format($0))kB" } ?? "")
        }
        if let batches = node.hashAggBatches, batches > 0 {
            return "agg \(batches) batch" + (batches == 1 ? "" : "es") + (node.diskUsage.map { $0 > 0 ? " \(PlanValue.format($0))kB disk" : "" } ?? "")
        }
        return ""
    }

    /// The cells of one row (the node cell is styled spans; the others text and style).
    /// The title in `room` columns: "Index Scan using orders_pkey on orders o" loses its
    /// "using orders_pkey" first (the detail view has it), then is cut with "…".
    static func fittedTitle(_ node: PlanNode, room: Int) -> String {
        let title = node.title
        guard DisplayWidth.of(title) > room, let using = title.firstRange(of: " using "),
              let on = title[using.upperBound...].firstRange(of: " on ") else { return title }
        return String(title[..<using.lowerBound]) + String(title[on.lowerBound...])
    }

    /// "cond (o.id = 5)  filter (o.amount > '99'::numeric)": the conditions of a node, the index
    /// or join condition first.
    static func conditionText(_ node: PlanNode) -> String? {
        var parts: [String] = []
        if let cond = node.indexCond ?? node.hashCond ?? node.mergeCond ?? node.recheckCond ?? node.string("TID Cond") {
            parts.append("cond " + cond)
        }
        if let filter = node.filter ?? node.joinFilter { parts.append("filter " + filter) }
        return parts.isEmpty ? nil : parts.joined(separator: "  ")
    }

    static func cells(_ row: PlanRow, _ document: PlanDocument, columns: [(Column, Int)], matches: Set<Int>) -> TextRowCells {
        let node = document.plan.nodes[row.id]
        let a = document.analysis[row.id]
        let dim = a.neverExecuted
        var out = TextRowCells()
        for (column, width) in columns {
            switch column {
            case .marker:
                switch a.worstSeverity {
                case .critical?, .warning?: out.add("!", severityStyle(a.worstSeverity))
                case .info?: out.add("·", Style(.planDetail))
                case nil: out.add("")
                }
            case .node:
                var spans = [TextSpan(row.prefix, style: Style(.treeLines))]
                if row.hasChildren { spans.append(TextSpan(row.isCollapsed ? "▸" : "", style: Style(.planNode, [.bold]))) }
                if let name = node.subplanName { spans.append(TextSpan(shortName(name) + ": ", style: Style(.planDetail))) }
                var titleStyle = a.worstSeverity.map { severityStyle($0) } ?? Style(.planNode)
                if a.worstSeverity == .info { titleStyle = Style(.planNode) }
                if dim { titleStyle = Style(.textDim) }
                if matches.contains(row.id) { titleStyle = Style(.textHighlight, [.bold, .underline]) }
                let used = spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
                let suffix = (row.isCollapsed ? 4 + String(row.hiddenCount).count : 0) + (dim ? 17 : 0)
                let room = max(1, width - used - suffix)
                let title = fittedTitle(node, room: room)
                // Cut the title, not what follows it ("(+3)", "(never executed)").
                spans.append(TextSpan(DisplayWidth.of(title) > room ? DisplayWidth.truncate(title, toWidth: room) : title, style: titleStyle))
                if row.isCollapsed { spans.append(TextSpan(" (+\(row.hiddenCount))", style: Style(.planDetail))) }
                if dim { spans.append(TextSpan(" (never executed)", style: Style(.textDim))) }
                // The condition where the title leaves room: what the node filters on, without
                // opening its detail.
                let left = width - spans.reduce(0) { $0 + DisplayWidth.of($1.text) }
                if let condition = conditionText(node), left >= 12 {
                    let text = "  " + condition
                    spans.append(TextSpan(DisplayWidth.of(text) > left ? DisplayWidth.truncate(text, toWidth: left) : text,
                                          style: Style(.textDim)))
                }
                out.addStyled(TextLine(spans))
            case .total: out.add(ms(a.inclusiveTime), dim ? Style(.textDim) : .plain)
            case .selfTime:
                out.add(ms(a.selfTime), heat(a.selfShare))
            case .share:
                out.add(percent(a.selfShare ?? a.selfCostShare), heat(a.selfShare ?? a.selfCostShare))
            case .cost:
                out.add(a.selfCost.map { PlanText.fixed($0, $0 < 100 ? 2 : 0) } ?? "", heat(a.selfCostShare))
            case .rows:
                if node.actualRows != nil || node.neverExecuted {
                    out.add(count(node.planRows) + "→" + (node.neverExecuted ? "-" : count(node.actualRows)), dim ? Style(.textDim) : .plain)
                } else {
                    out.add(count(node.planRows))
                }
            case .estimate:
                let factor = a.misestimateFactor ?? 1
                let style: Style = factor > 1000 ? Style(.planCritical, [.bold]) : (factor > 100 ? Style(.planSlow) : (factor > 10 ? Style(.planWarning) : .plain))
                out.add(estimate(a), style)
            case .loops:
                out.add(node.actualLoops.map { count($0) } ?? "", (node.actualLoops ?? 0) > 1000 ? Style(.planWarning) : .plain)
            case .hitRead:
                let b = node.buffers
                out.add(node.hasBuffers ? "\(count(Double(b.sharedHit)))/\(count(Double(b.sharedRead)))" : "",
                        b.sharedRead > b.sharedHit ? Style(.planWarning) : .plain)
            case .temp:
                let t = node.buffers.tempRead + node.buffers.tempWritten
                out.add(t > 0 ? count(Double(t)) : "", t > 0 ? Style(.planWarning) : .plain)
            case .dirtiedWritten:
                let b = node.buffers
                out.add(b.sharedDirtied + b.sharedWritten > 0 ? "\(count(Double(b.sharedDirtied)))/\(count(Double(b.sharedWritten)))" : "")
            case .io:
                let io = (node.ioReadTime ?? 0) + (node.ioWriteTime ?? 0)
                out.add(io > 0 ? ms(io) : "")
            case .removed:
                if let removed = a.rowsRemoved, removed > 0 {
                    let fraction = a.removedFraction.map { " " + percent($0) + "%" } ?? ""
                    out.add(count(removed) + fraction, (a.removedFraction ?? 0) > 0.9 ? Style(.planWarning) : .plain)
                } else {
                    out.add("")
                }
            case .sortHash:
                let text = sortHash(node)
                let spilled = node.sortSpaceType == "Disk" || (node.hashBatches ?? 1) > 1 || (node.hashAggBatches ?? 1) > 1
                out.add(text, spilled ? Style(.planWarning) : .plain)
            case .workers:
                out.add(node.workersPlanned.map { "\(node.workersLaunched.map(String.init) ?? "?")/\($0)" } ?? "",
                        (node.workersLaunched ?? 0) < (node.workersPlanned ?? 0) ? Style(.planWarning) : .plain)
            }
        }
        return out
    }
}

/// The cells of a row as the Table widget takes them: styled spans per cell.
struct TextRowCells {
    var lines: [TextLine] = []
    mutating func add(_ text: String, _ style: Style = .plain) { lines.append(TextLine(text, style: style)) }
    mutating func addStyled(_ line: TextLine) { lines.append(line) }
}

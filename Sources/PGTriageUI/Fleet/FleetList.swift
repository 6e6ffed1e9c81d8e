#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// The columns the fleet list sorts by (`s` steps through them, `S` reverses).
public enum FleetSort: String, CaseIterable, Sendable {
    case severity, name, connections, waiting, longest, lag, tps

    var defaultDescending: Bool { self != .name }
}

/// What a key asks the fleet console to do beyond changing the list.
public enum FleetAction: Equatable, Sendable {
    case none
    /// Open the full console on this server (its row's `service`).
    case open(String)
    case refreshNow
    case redraw
    case quit
}

/// The fleet list: one row per server, worst first unless sorted otherwise, filtered by `/`
/// like every list (`RowFilter`), moved with the list keys (`ListKeys`), the selection kept on
/// its server across refreshes (`ListCursor`).
public struct FleetListState: Sendable {
    public var rows: [FleetRow] = []
    public var now: Date
    public var width: Int
    public var height: Int
    public var interval: Double
    public var cursor = ListCursor<String>()
    public var filter = ""
    public var filterEditing = false
    public var sort = FleetSort.severity
    public var descending = true
    public var status: String?

    public init(width: Int, height: Int, interval: Double, now: Date) {
        self.width = width; self.height = height; self.interval = interval; self.now = now
    }

    /// "sort: name", "sort: waiting (reversed)": reversed against the sort's own default order.
    var sortStatus: String { "sort: \(sort.rawValue)\(descending == sort.defaultDescending ? "" : " (reversed)")" }

    /// The rows shown: filtered, then sorted (ties by severity, then name).
    public var visibleRows: [FleetRow] {
        let filtered = rows.filter { RowFilter.matches([$0.service, $0.state.rawValue, $0.error ?? "", $0.role?.rawValue ?? ""], filter: filter) }
        let base = FleetRow.worstFirst(filtered)
        let tie: (FleetRow) -> String = { $0.service }
        switch sort {
        case .severity:
            return descending ? base : base.reversed()
        case .name:
            return ListOrder.sorted(base, by: { $0.service }, descending: descending, tieKey: tie)
        case .connections:
            return ListOrder.sorted(base, by: { row in row.connections.map { Double($0) / Double(max(1, row.maxConnections ?? 1)) } },
                                    descending: descending, tieKey: tie)
        case .waiting:
            return ListOrder.sorted(base, by: { $0.waiting }, descending: descending, tieKey: tie)
        case .longest:
            return ListOrder.sorted(base, by: { $0.longestTransactionSeconds }, descending: descending, tieKey: tie)
        case .lag:
            return ListOrder.sorted(base, by: { $0.worstLagBytes }, descending: descending, tieKey: tie)
        case .tps:
            return ListOrder.sorted(base, by: { $0.tps }, descending: descending, tieKey: tie)
        }
    }

    /// Rows the list area holds: the title, the column header, the selected server's line and
    /// the key line take four.
    var listHeight: Int { max(1, height - 4) }

    public var selectedService: String? {
        cursor.resolved(in: visibleRows.map(\.service)).key
    }

    /// One key; list changes happen here, the rest is returned.
    public mutating func handle(_ key: Key) -> FleetAction {
        let keys = visibleRows.map(\.service)
        if filterEditing {
            switch key {
            case .enter: filterEditing = false
            case .escape: filter = ""; filterEditing = false
            case .backspace, .delete: if !filter.isEmpty { filter.removeLast() }
            case .ctrl("u"): filter = ""
            case .ctrl("c"): return .quit
            case .char(let c): filter.append(c)
            default:
                if let delta = ListKeys.delta(for: key, page: listHeight) { cursor.move(by: delta, in: keys, visible: listHeight) }
            }
            return .none
        }
        if let delta = ListKeys.delta(for: key, page: listHeight) {
            cursor.move(by: delta, in: keys, visible: listHeight)
            return .none
        }
        switch key {
        case .enter:
            return selectedService.map(FleetAction.open) ?? .none
        case .char("/"), .function(3), .function(4):
            filterEditing = true
        case .escape:
            filter = ""
        case .char("s"), .function(6):
            let all = FleetSort.allCases
            sort = all[((all.firstIndex(of: sort) ?? 0) + 1) % all.count]
            descending = sort.defaultDescending
            status = sortStatus
        case .char("S"):
            descending.toggle()
            status = sortStatus
        case .char("r"), .function(5):
            return .refreshNow
        case .ctrl("l"):
            return .redraw
        case .char("?"), .function(1):
            status = Self.keyHelp
        case .char("q"), .ctrl("c"), .function(10):
            return .quit
        default:
            break
        }
        return .none
    }

    /// Every key of the list, on the key line (`?`); docs/fleet.md has them too.
    static let keyHelp = "j k move  Enter console (its q: back)  / filter  s S sort  r read now  q quit"

    // MARK: drawing

    /// A column of the list and how it reads a row.
    struct Column: Sendable {
        var title: String
        var width: Int
        var alignment: TextAlignment = .right
        /// Dropped first when the screen is narrow (lowest first).
        var priority: Int
        var cell: @Sendable (FleetRow, Date) -> PaneCell
    }

    static func figure(_ row: FleetRow, _ text: String, warn: Bool = false) -> PaneCell {
        if row.state != .up { return PaneCell(text, Style(.tableDim)) }
        return PaneCell(text, warn ? Style(.ageWarning) : .plain)
    }

    static let columns: [Column] = [
        Column(title: "STATE", width: 7, alignment: .left, priority: 100) { row, _ in
            if row.pending { return PaneCell("…", Style(.tableDim)) }
            let role: StyleRole = row.state == .up ? .stateActive : .textError
            return PaneCell(row.state == .authFailed ? "auth" : row.state.rawValue, Style(role, row.state == .up ? [] : [.bold]))
        },
        Column(title: "ROLE", width: 4, alignment: .left, priority: 40) { row, _ in
            figure(row, row.role.map { $0 == .primary ? "pri" : "sby" } ?? "-")
        },
        Column(title: "VER", width: 3, priority: 10) { row, _ in
            figure(row, row.versionNum.map { "\($0 / 10000)" } ?? "-")
        },
        Column(title: "CONN", width: 8, priority: 80) { row, _ in
            guard let c = row.connections, let m = row.maxConnections else { return figure(row, "-") }
            return figure(row, "\(c)/\(m)", warn: m > 0 && Double(c) >= 0.75 * Double(m))
        },
        Column(title: "ACT", width: 3, priority: 20) { row, _ in figure(row, row.active.map(String.init) ?? "-") },
        Column(title: "ITX", width: 3, priority: 50) { row, _ in
            figure(row, row.idleInTransaction.map(String.init) ?? "-", warn: (row.idleInTransaction ?? 0) > 0)
        },
        Column(title: "WAIT", width: 4, priority: 70) { row, _ in
            figure(row, row.waiting.map(String.init) ?? "-", warn: (row.waiting ?? 0) > 0)
        },
        Column(title: "ROOT", width: 4, priority: 75) { row, _ in
            figure(row, row.blockingRoots.map(String.init) ?? "-", warn: (row.blockingRoots ?? 0) > 0)
        },
        Column(title: "XACT", width: 6, priority: 60) { row, _ in
            figure(row, Format.age(row.longestTransactionSeconds), warn: (row.longestTransactionSeconds ?? 0) >= 300)
        },
        Column(title: "LAG", width: 6, priority: 55) { row, _ in
            figure(row, row.worstLagBytes.map { Humanize.bytes($0) } ?? "-", warn: (row.worstLagBytes ?? 0) >= 16 << 20)
        },
        Column(title: "TPS", width: 6, priority: 45) { row, _ in figure(row, Humanize.count(row.tps, fraction: true)) },
        Column(title: "HIT", width: 5, priority: 30) { row, _ in
            figure(row, row.cacheHitRatio.map { Format.fixed($0 * 100, decimals: 0) + "%" } ?? "-",
                   warn: (row.cacheHitRatio ?? 1) < 0.99)
        },
        Column(title: "AGE", width: 5, priority: 65) { row, now in
            let age = row.dataAge(at: now)
            let stale = row.state != .up || (age ?? 0) > 0
            return PaneCell(Format.age(age), Style(stale && row.state != .up ? .ageWarning : .tableDim))
        },
    ]

    /// The columns that fit `width` beside a server name of at least `nameWidth` columns.
    static func fittingColumns(width: Int, nameWidth: Int = 12) -> [Column] {
        var kept = columns
        while !kept.isEmpty, PaneDraw.used([nameWidth] + kept.map(\.width)) > width {
            let lowest = kept.indices.min { kept[$0].priority < kept[$1].priority }!
            kept.remove(at: lowest)
        }
        return kept
    }

    public func render() -> ScreenGrid {
        var grid = ScreenGrid(width: width, height: height)
        guard width > 0, height > 0 else { return grid }
        let visible = visibleRows
        let counts = Dictionary(grouping: rows, by: { $0.pending ? "pending" : $0.state.rawValue }).mapValues(\.count)
        let summary = ["up", "down", "auth_failed", "timeout", "pending"].compactMap { key in counts[key].map { "\($0) \(key)" } }
        PaneDraw.title("Fleet", details: "\(rows.count) servers: \(summary.joined(separator: ", "))  refresh \(Format.interval(interval))",
                       y: 0, width: width, grid: &grid)

        // The server name is the flexible last column, so the figures line up on every row.
        let kept = Self.fittingColumns(width: width)
        let paneColumns = kept.map { PaneColumn(title: $0.title, width: $0.width, alignment: $0.alignment) }
            + [PaneColumn(title: "SERVER", width: 1)]
        let window = cursor.window(in: visible.map(\.service), visible: listHeight)
        let shown = visible.dropFirst(window.top).prefix(listHeight)
        let cells: [[PaneCell]] = shown.map { row in
            kept.map { $0.cell(row, now) } + [PaneCell(row.service, row.state == .up ? .plain : Style(.textError))]
        }
        let listArea = Rect(x: 0, y: 1, width: width, height: listHeight + 1)
        let sortedColumn: Int? = {
            switch sort {
            case .severity: return nil
            case .name: return paneColumns.count - 1
            case .connections: return kept.firstIndex { $0.title == "CONN" }
            case .waiting: return kept.firstIndex { $0.title == "WAIT" }
            case .longest: return kept.firstIndex { $0.title == "XACT" }
            case .lag: return kept.firstIndex { $0.title == "LAG" }
            case .tps: return kept.firstIndex { $0.title == "TPS" }
            }
        }()
        if visible.isEmpty {
            PaneDraw.table(columns: paneColumns, rows: [], rowCount: 0, top: 0, selected: nil, marked: { _ in false },
                           sortedColumn: sortedColumn, area: listArea, grid: &grid)
            PaneDraw.centred(rows.isEmpty ? "no server" : "no server matches the filter",
                             in: Rect(x: 0, y: 2, width: width, height: listHeight), style: Style(.textDim), grid: &grid)
        } else {
            PaneDraw.table(columns: paneColumns, rows: cells, rowCount: visible.count, top: window.top,
                           selected: window.index, marked: { _ in false }, sortedColumn: sortedColumn, area: listArea, grid: &grid)
        }

        // The selected server's line: its reason when it cannot be read, else its version and score.
        if let key = window.key, let row = visible.first(where: { $0.service == key }) {
            let detail: String
            if let error = row.error {
                detail = "\(row.service): \(error)" + (row.dataAt != nil ? "  (figures from \(Format.age(row.dataAge(at: now))) ago)" : "")
            } else {
                let version = row.versionNum.map { "PostgreSQL \($0 / 10000).\($0 % 10000)" } ?? ""
                detail = "\(row.service): \(version)  \(row.role?.rawValue ?? "")  severity \(row.severity)"
            }
            grid.put(Sanitizer.clean(detail), x: 1, y: height - 2, maxWidth: width - 1,
                     style: Style(row.error == nil ? .textDim : .textError))
        }

        let keyLine: String
        if filterEditing {
            keyLine = "/" + filter + "▏  Enter keep  Esc clear"
        } else if let status {
            keyLine = status
        } else {
            keyLine = "? keys  Enter console  / filter  s sort  r refresh  q quit" + (filter.isEmpty ? "" : "  filter: \(filter)")
        }
        grid.fill(Rect(x: 0, y: height - 1, width: width, height: 1), style: Style(.status))
        grid.put(Sanitizer.clean(keyLine), x: 1, y: height - 1, maxWidth: width - 1,
                 style: Style(filterEditing ? .filter : .status))
        return grid
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

extension Pane {
    static let statements = Pane(id: "statements", title: "Statements", shortTitle: "Stmt")
}

/// Columns of the Statements pane, in display order; `s` cycles through them. The numbers are
/// per-second rates over the last interval, or totals since the last reset (`t`).
public enum StatementColumn: Int, CaseIterable, Sendable, Hashable {
    case share, time, calls, mean, rows, hit, read, temp, wal, plan, user, database, query

    public func title(totals: Bool) -> String {
        switch self {
        case .share: return "TIME%"
        case .time: return totals ? "TOTAL" : "MS/S"
        case .calls: return totals ? "CALLS" : "CALLS/S"
        case .mean: return "MEAN"
        case .rows: return totals ? "ROWS" : "ROWS/S"
        case .hit: return "HIT%"
        case .read: return totals ? "READ" : "READ/S"
        case .temp: return totals ? "TEMP" : "TEMP/S"
        case .wal: return totals ? "WAL" : "WAL/S"
        case .plan: return totals ? "PLAN" : "PLAN/S"
        case .user: return "USER"
        case .database: return "DB"
        case .query: return "QUERY"
        }
    }

    /// The name the title line and the status line use for the sort.
    public var sortName: String {
        switch self {
        case .share: return "time share"
        case .time: return "exec time"
        case .calls: return "calls"
        case .mean: return "mean time"
        case .rows: return "rows"
        case .hit: return "hit ratio"
        case .read: return "reads"
        case .temp: return "temp written"
        case .wal: return "WAL"
        case .plan: return "plan time"
        case .user: return "user"
        case .database: return "database"
        case .query: return "query"
        }
    }

    public var isText: Bool { self == .user || self == .database || self == .query }

    /// Numbers start largest first, except the hit ratio (the worst first); text A to Z.
    var defaultDescending: Bool { !isText && self != .hit }
}

/// `Enter` on a statement: the row as last seen, so an entry that disappears stays readable.
public struct StatementDetailState: Sendable, Equatable {
    public var key: StatementKey
    public var lastSeen: StatementRow
    public var scroll: Int = 0
    /// The whole normalised text once the service has answered (`.some(nil)`: it could not).
    public var fullText: String?? = nil
    public var fullTextRequested = false
}

/// The Statements pane's own state: one property of `AppState`.
public struct StatementsState: Sendable, Equatable {
    public var sortColumn: StatementColumn = .share
    public var sortDescending = true
    /// Cumulative totals since the last reset instead of per-second rates.
    public var totals = false
    /// Show statements run inside functions (toplevel = false; pg_stat_statements 1.9+).
    public var showNested = false
    /// Show pgtriage's own monitoring statements (hidden: they are not the server's workload).
    public var showOwn = false
    public var filter = ""
    public var cursor = ListCursor<StatementKey>()
    /// What the list's rows depend on besides the snapshot.
    var rowsKey: [String] { ["\(sortColumn)", "\(sortDescending)", "\(totals)", "\(showNested)", "\(showOwn)", filter] }
    public var detail: StatementDetailState?
    /// The rows shown, filtered and sorted (`StatementsRows.build`), rebuilt when the snapshot
    /// or `rowsKey` changes.
    public internal(set) var rows = StatementRowList()

    public init() {}

    /// Totals are shown when asked (`t`), and before the second sample gives rates: cumulative
    /// figures tell more than a screen of dashes.
    public func showsTotals(_ section: StatementsSection?) -> Bool {
        totals || section?.intervalSeconds == nil
    }

    /// "time share, largest first".
    public var sortDescription: String {
        let order = sortColumn.isText ? (sortDescending ? "Z-A" : "A-Z") : (sortDescending ? "largest first" : "smallest first")
        return "\(sortColumn.sortName), \(order)"
    }
}

extension AppState {
    /// The statement under the cursor on the Statements pane (the one the detail view shows,
    /// when open), e.g. for EXPLAIN from the list; nil on other panes or with no rows.
    public var selectedStatement: StatementRow? {
        guard pane == .statements else { return nil }
        if let detail = statements.detail { return StatementsPane.current(self, detail).row }
        let rows = StatementsRows.rows(self)
        let cursor = statements.cursor.resolved(in: rows.keys)
        guard cursor.key != nil, rows.indices.contains(cursor.index) else { return nil }
        return rows[cursor.index]
    }

    /// The whole text of a statement, as the service answers a `.fetchStatementText` effect.
    public mutating func receiveStatementText(key: StatementKey, text: String?) {
        guard var detail = statements.detail, detail.key == key else { return }
        detail.fullText = .some(text)
        statements.detail = detail
    }
}

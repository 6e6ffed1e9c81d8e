#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

extension Pane {
    static let tables = Pane(id: "tables", title: "Tables", shortTitle: "Tbl")
}

/// The Tables pane's sub-lists; `v` cycles through them.
public enum TablesView: Int, CaseIterable, Sendable, Hashable {
    case tables, holders, sequences, maintenance

    public var name: String {
        switch self {
        case .tables: return "tables"
        case .holders: return "horizon holders"
        case .sequences: return "sequences"
        case .maintenance: return "maintenance"
        }
    }
}

/// What the tables list can sort by; `s` cycles through them (default: nearest autovacuum).
public enum TablesSort: Int, CaseIterable, Sendable, Hashable {
    case due, freeze, deadPercent, dead, size, vacuumed, analyzed, name

    public var sortName: String {
        switch self {
        case .due: return "autovacuum due %"
        case .freeze: return "freeze %"
        case .deadPercent: return "dead %"
        case .dead: return "dead tuples"
        case .size: return "size"
        case .vacuumed: return "last vacuum"
        case .analyzed: return "last analyze"
        case .name: return "name"
        }
    }

    var isText: Bool { self == .name }
    var defaultDescending: Bool { !isText }
}

/// `Enter` on a table: the row as last seen.
public struct TablesDetailState: Sendable, Equatable {
    public var oid: UInt32
    public var lastSeen: TableStats
    public var scroll: Int = 0
}

/// The Tables pane's own state: one property of `AppState`.
public struct TablesState: Sendable, Equatable {
    public var view: TablesView = .tables
    public var sort: TablesSort = .due
    public var sortDescending = true
    public var filter = ""
    /// The selection of the sub-list shown (keys: `TablesRows.key`); reset when `v` changes it.
    public var cursor = ListCursor<String>()
    /// What the lists depend on besides the snapshot.
    var rowsKey: [String] { ["\(sort)", "\(sortDescending)", filter] }
    public var detail: TablesDetailState?
    /// The last Tables section seen (the snapshot carries it only while the pane is shown), for
    /// the maintenance line of the Activity detail.
    public internal(set) var lastSection: TablesSection?
    /// The lists shown, filtered (and the tables sorted), rebuilt when the read or `rowsKey`
    /// changes (`rowsSource`), with what each frame needs of all the tables: their keys and the
    /// widest name.
    public internal(set) var rows: [TableStats] = []
    var rowKeys: [String] = []
    var longestName = 0
    var rowsSource: RowsSource?
    public internal(set) var holders: [HorizonHolder] = []
    public internal(set) var sequences: [SequenceRow] = []
    public internal(set) var maintenance: [MaintenanceProgress] = []

    public init() {}

    public var sortDescription: String {
        let order: String
        switch sort {
        case .name: order = sortDescending ? "Z-A" : "A-Z"
        case .vacuumed, .analyzed: order = sortDescending ? "longest ago first" : "most recent first"
        default: order = sortDescending ? "largest first" : "smallest first"
        }
        return "\(sort.sortName), \(order)"
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

extension Pane {
    static let indexes = Pane(id: "indexes", title: "Indexes", shortTitle: "Idx")
}

/// What the Indexes pane can sort by; `s` cycles through them (default: findings first).
public enum IndexesSort: Int, CaseIterable, Sendable, Hashable {
    case findings, size, scans, scanRate, table, name

    public var sortName: String {
        switch self {
        case .findings: return "findings"
        case .size: return "size"
        case .scans: return "scans"
        case .scanRate: return "scans/s"
        case .table: return "table"
        case .name: return "name"
        }
    }

    var isText: Bool { self == .table || self == .name }
    var defaultDescending: Bool { !isText }
}

/// The pane's two lists: the indexes, or the foreign keys without one (`f`).
public enum IndexesList: Sendable, Equatable {
    case indexes
    case foreignKeys
}

/// `Enter` on a row: the row as last seen, so the detail survives it leaving the list.
public enum IndexesDetailRow: Sendable, Equatable {
    case index(IndexHealth)
    case foreignKey(MissingFKIndex)
}

public struct IndexesDetailState: Sendable, Equatable {
    public var row: IndexesDetailRow
    public var scroll: Int = 0
}

/// The Indexes pane's own state: one property of `AppState`.
public struct IndexesState: Sendable, Equatable {
    public var list: IndexesList = .indexes
    public var sort: IndexesSort = .findings
    public var sortDescending = true
    public var filter = ""
    /// Only indexes with a finding (`a` toggles).
    public var flaggedOnly = false
    public var cursor = ListCursor<UInt32>()
    public var foreignKeyCursor = ListCursor<UInt32>()
    public var detail: IndexesDetailState?
    /// What the lists depend on besides the snapshot.
    var rowsKey: [String] { ["\(list)", "\(sort)", "\(sortDescending)", filter, "\(flaggedOnly)"] }
    /// The service's section, rated against the one before it when it came without rates
    /// (`IndexesSection.rated`: the live service rates its reads; a test or another source
    /// may not).
    public internal(set) var section: IndexesSection?
    /// The rows shown (`IndexesRows.build`), rebuilt when the read or `rowsKey` changes
    /// (`rowsSource`), with what each frame needs of them all: their ids and the widest names.
    public internal(set) var rows: [IndexHealth] = []
    public internal(set) var foreignKeyRows: [MissingFKIndex] = []
    public internal(set) var rowIDs: [UInt32] = []
    var longestTable = 0
    var longestIndex = 0
    var rowsSource: RowsSource?

    public init() {}

    public var sortDescription: String {
        let order: String
        switch sort {
        case .table, .name: order = sortDescending ? "Z-A" : "A-Z"
        default: order = sortDescending ? "largest first" : "smallest first"
        }
        return "\(sort.sortName), \(order)"
    }
}

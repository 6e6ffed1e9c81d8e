#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

extension Pane {
    static let activity = Pane(id: "activity", title: "Activity", shortTitle: "Act")
}

/// Columns of the Activity pane, in display order; `s` cycles through them.
public enum ActivityColumn: Int, CaseIterable, Sendable, Hashable {
    case pid, database, user, application, client, state, wait, xactAge, queryAge, query

    public var title: String {
        switch self {
        case .pid: return "PID"
        case .database: return "DB"
        case .user: return "USER"
        case .application: return "APP"
        case .client: return "CLIENT"
        case .state: return "STATE"
        case .wait: return "WAIT"
        case .xactAge: return "X.AGE"
        case .queryAge: return "Q.AGE"
        case .query: return "QUERY"
        }
    }

    /// The name the title line uses for the sort.
    public var sortName: String {
        switch self {
        case .database: return "database"
        case .application: return "application"
        case .xactAge: return "xact age"
        case .queryAge: return "query age"
        default: return title.lowercased()
        }
    }

    /// Numbers (the pid, the ages) against text.
    var isNumeric: Bool { self == .pid || self == .xactAge || self == .queryAge }

    /// Ages sort longest first when chosen; text columns A to Z.
    var defaultDescending: Bool { self == .xactAge || self == .queryAge }
}

/// The Activity pane's own state: one property of `AppState`.
public struct ActivityState: Sendable, Equatable {
    public var sortColumn: ActivityColumn = .queryAge
    public var sortDescending = true
    public var filter = ""
    public var showIdle = false
    public var selection = RowSelection()
    /// First row shown.
    public var scroll = 0
    /// The rows shown, filtered and sorted (`ActivityRows.build`). Every frame and every key
    /// reads them, so they are rebuilt only when the snapshot or `rowsKey` changes.
    public internal(set) var rows: [BackendActivity] = []

    /// What the rows depend on besides the snapshot.
    var rowsKey: [String] { ["\(sortColumn)", "\(sortDescending)", filter, "\(showIdle)"] }

    public init() {}

    /// "query age, largest first".
    public var sortDescription: String {
        let order = sortColumn.isNumeric
            ? (sortDescending ? "largest first" : "smallest first")
            : (sortDescending ? "Z-A" : "A-Z")
        return "\(sortColumn.sortName), \(order)"
    }
}

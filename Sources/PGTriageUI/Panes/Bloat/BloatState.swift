#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

extension Pane {
    static let bloat = Pane(id: "bloat", title: "Bloat")
}

/// What the Bloat pane can sort by; `s` cycles through them (default: wasted bytes).
public enum BloatSort: Int, CaseIterable, Sendable, Hashable {
    case wasted, bloatPercent, size, deadPercent, dead, vacuumed, analyzed, name, kind

    public var sortName: String {
        switch self {
        case .wasted: return "wasted bytes"
        case .bloatPercent: return "bloat %"
        case .size: return "size"
        case .deadPercent: return "dead %"
        case .dead: return "dead tuples"
        case .vacuumed: return "last vacuum"
        case .analyzed: return "last analyze"
        case .name: return "name"
        case .kind: return "kind"
        }
    }

    var isText: Bool { self == .name || self == .kind }
    /// Numbers largest first (for vacuum/analyze: the longest ago first); text A to Z.
    var defaultDescending: Bool { !isText }
}

/// Exact figures for one relation (pgstattuple): asked, confirmed, running, answered.
public enum ExactBloatState: Sendable, Equatable {
    /// Waiting for `y`: it reads the relation.
    case confirming(oid: UInt32, name: String)
    case running(oid: UInt32, name: String)
    case done(oid: UInt32, name: String, ExactBloatOutcome)

    public var oid: UInt32 {
        switch self {
        case .confirming(let oid, _), .running(let oid, _), .done(let oid, _, _): return oid
        }
    }
}

/// The service's answer to `.fetchExactBloat`.
public enum ExactBloatOutcome: Sendable, Equatable {
    case figures(ExactBloat)
    case unavailable(ExactBloatUnavailable)
    case failed(String)
}

/// `Enter` on a relation: the row as last seen.
public struct BloatDetailState: Sendable, Equatable {
    public var oid: UInt32
    public var lastSeen: RelationBloat
    public var scroll: Int = 0
}

/// The Bloat pane's own state: one property of `AppState`.
public struct BloatState: Sendable, Equatable {
    public var sort: BloatSort = .wasted
    public var sortDescending = true
    public var filter = ""
    /// Show pg_catalog, information_schema and pg_toast relations (hidden: a DBA cannot act on them).
    public var showSystem = false
    public var cursor = ListCursor<UInt32>()
    /// What the list's rows depend on besides the snapshot.
    var rowsKey: [String] { ["\(sort)", "\(sortDescending)", "\(showSystem)", filter] }
    public var detail: BloatDetailState?
    public var exact: ExactBloatState?
    /// The rows shown, filtered and sorted (`BloatRows.build`), rebuilt when the snapshot or
    /// `rowsKey` changes.
    public internal(set) var rows: [RelationBloat] = []

    public init() {}

    public var sortDescription: String {
        let order: String
        switch sort {
        case .name, .kind: order = sortDescending ? "Z-A" : "A-Z"
        case .vacuumed, .analyzed: order = sortDescending ? "longest ago first" : "most recent first"
        default: order = sortDescending ? "largest first" : "smallest first"
        }
        return "\(sort.sortName), \(order)"
    }
}

extension AppState {
    /// The service's answer to `.fetchExactBloat(oid:)`.
    public mutating func receiveExactBloat(oid: UInt32, _ outcome: ExactBloatOutcome) {
        guard case .running(let running, let name) = bloat.exact, running == oid else { return }
        bloat.exact = .done(oid: oid, name: name, outcome)
        switch outcome {
        case .figures: status = StatusMessage("exact figures for \(name) read (Enter shows them)", at: now)
        case .unavailable(let why): status = StatusMessage("exact figures: \(why.summary)", kind: .error, at: now)
        case .failed(let why): status = StatusMessage("exact figures for \(name) failed: \(why)", kind: .error, at: now)
        }
    }
}

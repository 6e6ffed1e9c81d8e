#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

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
    public var cursor = ListCursor<UInt32>()
    /// What the list's rows depend on besides the snapshot (`AppState.bloatRows`).
    var rowsKey: [String] { ["\(sort)", "\(sortDescending)", filter] }
    public var detail: BloatDetailState?
    public var exact: ExactBloatState?

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

/// Keys on the Bloat pane (before the global key map).
enum BloatKeys {
    static func visibleRows(_ state: AppState) -> Int { max(1, Layout.listHeight(height: state.height) - 1) }

    static func keys(_ state: AppState) -> [UInt32] { BloatRows.rows(state).map(\.oid) }

    static func selected(_ state: AppState) -> RelationBloat? {
        let rows = BloatRows.rows(state)
        let cursor = state.bloat.cursor.resolved(in: rows.map(\.oid))
        return cursor.key.flatMap { key in rows.first { $0.oid == key } }
    }

    static func handle(_ state: inout AppState, _ key: Key) -> [Effect]? {
        if case .confirming(let oid, let name) = state.bloat.exact {
            if key == .char("y") || key == .char("Y") {
                state.bloat.exact = .running(oid: oid, name: name)
                state.status = StatusMessage("reading \(name) with pgstattuple...", at: state.now)
                return [.fetchExactBloat(oid: oid)]
            }
            state.bloat.exact = nil
            state.status = StatusMessage("exact figures not read", at: state.now)
            return []
        }
        if state.bloat.detail != nil { return detailKey(&state, key) }
        if let effects = PaneKeys.listKey(&state, key, cursor: \.bloat.cursor, filter: \.bloat.filter,
                                          keys: keys, visible: visibleRows(state)) {
            return effects
        }
        switch key {
        case .char("s"), .function(6):
            let all = BloatSort.allCases
            let next = all[(state.bloat.sort.rawValue + 1) % all.count]
            state.bloat.sort = next
            state.bloat.sortDescending = next.defaultDescending
            state.status = StatusMessage("sort: \(state.bloat.sortDescription)", at: state.now)
        case .char("S"):
            state.bloat.sortDescending.toggle()
            state.status = StatusMessage("sort: \(state.bloat.sortDescription)", at: state.now)
        case .char("/"), .function(3), .function(4):
            state.filterEditing = true
        case .escape:
            if case .running = state.bloat.exact {
                state.bloat.exact = nil
                state.status = StatusMessage("exact figures cancelled", at: state.now)
                return [.cancelExactBloat]
            } else {
                state.bloat.filter = ""
            }
        case .enter:
            if let row = selected(state) { state.bloat.detail = BloatDetailState(oid: row.oid, lastSeen: row) }
        case .char("x"), .char("X"):
            return askExact(&state)
        default:
            return nil
        }
        return []
    }

    /// `x`: exact figures for the selected relation, after a confirmation (it reads the relation).
    static func askExact(_ state: inout AppState) -> [Effect] {
        guard let row = selected(state) ?? state.bloat.detail?.lastSeen else { return [] }
        if case .running = state.bloat.exact {
            state.status = StatusMessage("exact figures are being read already (Esc stops waiting)", kind: .error, at: state.now)
            return []
        }
        state.bloat.exact = .confirming(oid: row.oid, name: row.qualifiedName)
        return []
    }

    static func detailKey(_ state: inout AppState, _ key: Key) -> [Effect] {
        guard var detail = state.bloat.detail else { return [] }
        let page = max(1, state.height - 6)
        switch key {
        case .escape, .enter, .char("q"), .backspace, .function(10):
            state.bloat.detail = nil
            return []
        case .ctrl("c"):
            state.quitting = true
            return [.quit]
        case .char("x"), .char("X"):
            return askExact(&state)
        case .char("k"): detail.scroll -= 1
        case .char("?"), .function(1):
            state.helpShown = true
            return []
        default:
            guard let scrolled = DetailScroll.moved(detail.scroll, by: key, page: page) else { return [] }
            detail.scroll = scrolled
        }
        detail.scroll = max(0, min(detail.scroll, BloatPane.maxDetailScroll(state, detail)))
        state.bloat.detail = detail
        return []
    }
}

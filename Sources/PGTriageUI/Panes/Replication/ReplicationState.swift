#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

extension Pane {
    static let replication = Pane(id: "replication", title: "Replication", shortTitle: "Repl")
}

/// The Replication pane's lists; `v` switches between them.
public enum ReplicationView: Int, CaseIterable, Sendable, Hashable {
    case standbys, slots

    public var name: String {
        switch self {
        case .standbys: return "standbys"
        case .slots: return "slots"
        }
    }
}

/// `Enter` on a row: the standby (by walsender pid) or the slot (by name), as last seen.
public struct ReplicationDetailState: Sendable, Equatable {
    public enum Subject: Sendable, Equatable {
        case standby(StandbyRow)
        case slot(ReplicationSlotRow)
    }
    public var lastSeen: Subject
    public var scroll: Int = 0
}

/// The Replication pane's own state: one property of `AppState`.
public struct ReplicationState: Sendable, Equatable {
    public var view: ReplicationView = .standbys
    public var filter = ""
    /// The selection of the list shown (keys: `ReplicationRows.key`); reset when `v` changes it.
    public var cursor = ListCursor<String>()
    /// What the lists depend on besides the snapshot.
    var rowsKey: [String] { [filter] }
    public var detail: ReplicationDetailState?
    /// The lists shown, filtered, rebuilt with the snapshot or `rowsKey`.
    public internal(set) var standbys: [StandbyRow] = []
    public internal(set) var slots: [ReplicationSlotRow] = []

    public init() {}
}

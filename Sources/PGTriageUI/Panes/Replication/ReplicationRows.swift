import PGTriageCore

/// What the Replication pane lists: the walsenders (standbys first, base backups after) and the
/// slots (retained WAL first, as the section has them), filtered.
public enum ReplicationRows {
    static func key(_ row: StandbyRow) -> String { "\(row.pid)" }
    static func key(_ slot: ReplicationSlotRow) -> String { slot.name }

    /// The keys of the list shown, in order.
    static func keys(_ state: AppState) -> [String] {
        switch state.replication.view {
        case .standbys: return state.replication.standbys.map(key)
        case .slots: return state.replication.slots.map(key)
        }
    }

    static func build(_ state: inout AppState) {
        guard let section = state.snapshot?.replication else {
            state.replication.standbys = []; state.replication.slots = []
            return
        }
        let filter = state.replication.filter
        let standbys = section.standbys.filter {
            TablesRows.matches([$0.application, $0.client ?? "", $0.state ?? "", $0.syncState ?? "", $0.user ?? ""], filter: filter)
        }
        // Base backups and rewinds apart, after the standbys.
        state.replication.standbys = standbys.filter { !$0.isBackup } + standbys.filter(\.isBackup)
        state.replication.slots = section.slots.filter {
            TablesRows.matches([$0.name, $0.type, $0.plugin ?? "", $0.database ?? "", $0.walStatus ?? "", $0.finding ?? ""],
                               filter: filter)
        }
    }
}

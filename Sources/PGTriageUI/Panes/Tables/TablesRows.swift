#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// What the Tables pane lists: the section's tables (filtered, sorted), horizon holders,
/// sequences and running maintenance (filtered, in the section's order).
public enum TablesRows {
    static func matches(_ texts: [String], filter: String) -> Bool {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return true }
        return texts.contains { $0.lowercased().contains(needle) }
    }

    static func key(_ row: TableStats) -> String { "\(row.oid)" }
    static func key(_ holder: HorizonHolder) -> String { "\(holder.kind.rawValue):\(holder.id)" }
    static func key(_ sequence: SequenceRow) -> String { sequence.qualifiedName }
    static func key(_ job: MaintenanceProgress) -> String { "\(job.pid)" }

    /// The keys of the sub-list shown, in order.
    static func keys(_ state: AppState) -> [String] {
        let t = state.tables
        switch t.view {
        case .tables: return t.rowKeys
        case .holders: return t.holders.map(key)
        case .sequences: return t.sequences.map(key)
        case .maintenance: return t.maintenance.map(key)
        }
    }

    /// The lists, unless they were built from this read with this `rowsKey` already.
    static func build(_ state: inout AppState) {
        if let section = state.snapshot?.tables { state.tables.lastSection = section }
        let incoming = state.snapshot?.tables
        let source = RowsSource(capturedAt: incoming?.capturedAt, database: incoming?.database, key: state.tables.rowsKey)
        guard source != state.tables.rowsSource else { return }
        state.tables.rowsSource = source
        guard let section = incoming else {
            state.tables.rows = []; state.tables.rowKeys = []; state.tables.holders = []; state.tables.sequences = []
            state.tables.maintenance = []
            return
        }
        let filter = state.tables.filter
        let shown = section.tables.filter { matches([$0.qualifiedName, $0.autovacuumEnabled ? "" : "autovacuum off"], filter: filter) }
        let rows = sort(shown, in: section, by: state.tables.sort, descending: state.tables.sortDescending)
        state.tables.rows = rows
        state.tables.rowKeys = rows.map(key)
        state.tables.longestName = rows.lazy.map { DisplayWidth.of(Sanitizer.clean($0.qualifiedName)) }.max() ?? 0
        state.tables.holders = section.holders.filter {
            matches([$0.kind.rawValue, $0.id, $0.owner ?? "", $0.detail ?? ""], filter: filter)
        }
        state.tables.sequences = section.sequences.filter {
            matches([$0.qualifiedName, $0.ownedBy ?? "", $0.columnType ?? $0.sequenceType], filter: filter)
        }
        state.tables.maintenance = section.maintenance.filter {
            matches([String($0.pid), $0.command, $0.relation, $0.phase], filter: filter)
        }
    }

    static func number(_ r: TableStats, _ sort: TablesSort, _ section: TablesSection) -> Double? {
        func ago(_ date: Date?) -> Double { date.map { max(0, section.capturedAt.timeIntervalSince($0)) } ?? .infinity }
        switch sort {
        case .due: return r.dueMaxPercent
        case .freeze: return r.freezePercent
        case .deadPercent: return r.deadPercent
        case .dead: return Double(r.deadTuples)
        case .size: return Double(r.sizeBytes)
        case .vacuumed: return ago(r.lastVacuumAny)
        case .analyzed: return ago(r.lastAnalyzeAny)
        case .name: return nil
        }
    }

    /// Sorts by one key; unknown values go last; ties keep the section's order.
    static func sort(_ rows: [TableStats], in section: TablesSection, by sort: TablesSort, descending: Bool) -> [TableStats] {
        if sort.isText {
            return rows.sorted { a, b in
                let x = a.qualifiedName.lowercased(), y = b.qualifiedName.lowercased()
                if x != y { return descending ? x > y : x < y }
                return a.oid < b.oid
            }
        }
        let order = Dictionary(section.tables.enumerated().map { ($1.oid, $0) }, uniquingKeysWith: { a, _ in a })
        return ListOrder.sorted(rows, by: { number($0, sort, section) }, descending: descending,
                                tieKey: { order[$0.oid] ?? Int(Int32.max) })
    }
}

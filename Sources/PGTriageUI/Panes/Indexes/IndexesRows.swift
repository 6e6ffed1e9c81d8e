#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// What the Indexes pane lists: the section's indexes (or its foreign keys without an index),
/// filtered and sorted once per read or state change.
public enum IndexesRows {
    static func haystack(_ r: IndexHealth) -> [String] {
        [r.qualifiedTable, r.name, r.definition.method, r.coveredBy ?? ""] + r.flags.map(\.rawValue)
    }

    public static func matches(_ r: IndexHealth, filter: String) -> Bool {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return true }
        return haystack(r).contains { $0.lowercased().contains(needle) }
    }

    public static func matches(_ fk: MissingFKIndex, filter: String) -> Bool {
        let needle = filter.lowercased()
        guard !needle.isEmpty else { return true }
        return ([fk.qualifiedTable, fk.constraint, fk.referencedTable] + fk.columns).contains { $0.lowercased().contains(needle) }
    }

    static func build(_ state: AppState) -> [IndexHealth] {
        guard let section = state.indexes.section else { return [] }
        let s = state.indexes
        let shown = section.indexes.filter { (!s.flaggedOnly || !$0.flags.isEmpty) && matches($0, filter: s.filter) }
        return sort(shown, in: section, by: s.sort, descending: s.sortDescending)
    }

    static func buildForeignKeys(_ state: AppState) -> [MissingFKIndex] {
        guard let section = state.indexes.section else { return [] }
        return section.missingFKIndexes.filter { matches($0, filter: state.indexes.filter) }
    }

    static func number(_ r: IndexHealth, _ sort: IndexesSort) -> Double? {
        switch sort {
        case .findings: return r.flags.isEmpty ? nil : Double(r.sizeBytes)
        case .size: return Double(r.sizeBytes)
        case .scans: return Double(r.scans)
        case .scanRate: return r.scansPerSecond
        case .table, .name: return nil
        }
    }

    /// Sorts by one key; unknown values (no rate yet, no finding) go last either way; ties keep
    /// the section's order (findings first, then size).
    public static func sort(_ rows: [IndexHealth], in section: IndexesSection, by sort: IndexesSort, descending: Bool) -> [IndexHealth] {
        let order = Dictionary(section.indexes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        if sort.isText {
            func text(_ r: IndexHealth) -> String { sort == .name ? r.name.lowercased() : r.qualifiedTable.lowercased() + " " + r.name.lowercased() }
            return rows.sorted { a, b in
                let x = text(a), y = text(b)
                if x != y { return descending ? x > y : x < y }
                return (order[a.id] ?? .max) < (order[b.id] ?? .max)
            }
        }
        return ListOrder.sorted(rows, by: { number($0, sort) }, descending: descending, tieKey: { order[$0.id] ?? Int.max })
    }
}

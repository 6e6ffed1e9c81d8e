#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import PGTriageCore

/// What the Bloat pane lists: the section's tables and btree indexes, filtered and sorted.
public enum BloatRows {
    static func haystack(_ r: RelationBloat) -> [String] {
        [r.qualifiedName, r.table ?? "", r.kind.rawValue, r.status.label]
    }

    public static func matches(_ r: RelationBloat, filter: String) -> Bool {
        RowFilter.matches(haystack(r), filter: filter)
    }

    /// The system catalogs' relations: hidden unless `o` shows them.
    static func isSystem(_ r: RelationBloat) -> Bool {
        r.schema == "pg_catalog" || r.schema == "information_schema" || r.schema.hasPrefix("pg_toast")
    }

    /// The rows shown, in order (kept in the state: `BloatState.rows`).
    public static func rows(_ state: AppState) -> [RelationBloat] { state.bloat.rows }

    static func build(_ state: AppState) -> [RelationBloat] {
        guard let section = state.snapshot?.bloat else { return [] }
        let b = state.bloat
        let shown = section.relations.filter { (b.showSystem || !isSystem($0)) && matches($0, filter: b.filter) }
        return sort(shown, in: section, by: b.sort, descending: b.sortDescending)
    }

    /// Seconds since `date` at the section's clock; +inf for never (sorts as the longest ago).
    static func ago(_ date: Date?, _ section: BloatSection) -> Double {
        guard let date else { return .infinity }
        return max(0, section.capturedAt.timeIntervalSince(date))
    }

    static func number(_ r: RelationBloat, _ sort: BloatSort, _ section: BloatSection) -> Double? {
        switch sort {
        case .wasted: return r.bloatBytes.map(Double.init)
        case .bloatPercent: return r.bloatPercent
        case .size: return Double(r.sizeBytes)
        case .deadPercent: return r.deadRatio
        case .dead: return r.deadTuples.map(Double.init)
        case .vacuumed: return r.kind == .table ? ago(r.lastVacuumAny, section) : nil
        case .analyzed: return r.kind == .table ? ago(r.lastAnalyzeAny, section) : nil
        case .name, .kind: return nil
        }
    }

    /// Sorts by one key; unknown values (no statistics, indexes for table-only figures) go last
    /// either way; ties keep the section's order (wasted bytes, then size).
    public static func sort(_ rows: [RelationBloat], in section: BloatSection, by sort: BloatSort, descending: Bool) -> [RelationBloat] {
        let order = Dictionary(section.relations.enumerated().map { ($1.oid, $0) }, uniquingKeysWith: { a, _ in a })
        func fallback(_ a: RelationBloat, _ b: RelationBloat) -> Bool {
            (order[a.oid] ?? .max, a.oid) < (order[b.oid] ?? .max, b.oid)
        }
        if sort.isText {
            func text(_ r: RelationBloat) -> String { sort == .name ? r.qualifiedName.lowercased() : r.kind.rawValue }
            return rows.sorted { a, b in
                let x = text(a), y = text(b)
                if x != y { return descending ? x > y : x < y }
                return fallback(a, b)
            }
        }
        return ListOrder.sorted(rows, by: { number($0, sort, section) }, descending: descending,
                                tieKey: { (order[$0.oid] ?? Int(Int32.max)) << 32 | Int($0.oid) })
    }
}

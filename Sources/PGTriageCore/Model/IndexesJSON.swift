#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Putting the Indexes section into a snapshot, and its JSON (docs/snapshot-json.md).
extension Snapshot {
    /// Stores an indexes read, like `setBloat`: the section, or its reason under
    /// `unavailable["indexes"]`; what our role cannot see under `limitations["indexes"]`.
    public mutating func setIndexes(_ result: SectionResult<IndexesSection>) {
        switch result {
        case .available(let section):
            indexes = section
            unavailable["indexes"] = nil
            limitations["indexes"] = section.limitation
        case .unavailable(let reason):
            indexes = nil
            unavailable["indexes"] = reason
            limitations["indexes"] = nil
        }
    }

    /// `indexes`: flagged ones first, then by size, at most `top`; null when unavailable.
    func indexesJSON(top: Int) -> JSONValue {
        guard let indexes else { return .null }
        return .array(indexes.indexes.prefix(max(0, top)).map { $0.json() })
    }

    /// `missing_fk_indexes`: every one (they are few); null when unavailable.
    func missingFKIndexesJSON() -> JSONValue {
        guard let indexes else { return .null }
        return .array(indexes.missingFKIndexes.map { $0.json() })
    }

    func indexesInfoJSON() -> JSONValue {
        guard let indexes else { return .null }
        return .object([
            ("database", .string(indexes.database)),
            ("stats_reset", .optional(indexes.statsReset)),
            ("stats_age_s", .optional(indexes.statisticsAge)),
            ("stats_young", .bool(indexes.statisticsAreYoung)),
            ("indexes", .integer(Int64(indexes.indexes.count))),
            ("flagged", .integer(Int64(indexes.flaggedCount))),
            ("interval_s", .optional(indexes.intervalSeconds)),
            ("query_ms", .number((indexes.queryMilliseconds * 10).rounded() / 10)),
        ])
    }
}

extension IndexHealth {
    public func json() -> JSONValue {
        .object([
            ("schema", .string(schema)),
            ("table", .string(table)),
            ("name", .string(name)),
            ("method", .string(definition.method)),
            ("size_bytes", .integer(sizeBytes)),
            ("scans", .integer(scans)),
            ("scans_per_s", .optional(scansPerSecond)),
            ("last_scan", .optional(lastScan)),
            ("tuples_read", .integer(tuplesRead)),
            ("tuples_fetched", .integer(tuplesFetched)),
            ("unique", .bool(definition.isUnique)),
            ("primary", .bool(definition.isPrimary)),
            ("valid", .bool(definition.isValid)),
            ("flags", .array(flags.map { .string($0.rawValue) })),
            ("covered_by", .optional(coveredBy)),
            ("bloat_pct", .optional(bloat.percent.map { ($0 * 10).rounded() / 10 })),
            ("fix_sql", .optional(fixSQL)),
            ("undo_sql", .optional(undoSQL)),
            ("undo_not_read_because", .optional(undoSQL == nil ? definitionNotReadBecause : nil)),
        ])
    }
}

extension MissingFKIndex {
    public func json() -> JSONValue {
        .object([
            ("schema", .string(schema)),
            ("table", .string(table)),
            ("constraint", .string(constraint)),
            ("columns", .array(columns.map { .string($0) })),
            ("referenced_table", .string(referencedTable)),
            ("table_size_bytes", .integer(tableSizeBytes)),
            ("table_writes", .integer(tableWrites)),
            ("writes_per_s", .optional(writesPerSecond)),
            ("fix_sql", .string(fixSQL)),
            ("undo_sql", .string(undoSQL)),
        ])
    }
}

/// The text snapshot's line about indexes (`pgtriage snapshot` without `--json`).
public enum IndexesSummaryText {
    public static func headline(_ section: IndexesSection) -> String {
        let count = { (flag: IndexFlag) in section.indexes.count { $0.flags.contains(flag) } }
        let reset = section.statisticsAge.map { "stats reset \(Int($0 / 86_400)) days ago" } ?? "stats never reset"
        return "indexes (database \(section.database), \(section.indexes.count), \(reset)): unused \(count(.unused)), redundant \(count(.redundant)), invalid \(count(.invalid)), bloated \(count(.bloated)), FKs without an index \(section.missingFKIndexes.count)"
    }
}

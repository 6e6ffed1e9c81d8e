#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Putting the Statements and Bloat sections into a snapshot, and their JSON
/// (docs/snapshot-json.md).
extension Snapshot {
    /// Stores a statements read: the section, or its reason under `unavailable["statements"]`;
    /// hidden texts go to `limitations["statements"]`.
    public mutating func setStatements(_ result: SectionResult<StatementsSection>) {
        switch result {
        case .available(let section):
            statements = section
            unavailable["statements"] = nil
            limitations["statements"] = section.limitation
        case .unavailable(let reason):
            statements = nil
            unavailable["statements"] = reason
            limitations["statements"] = nil
        }
    }

    /// Stores a bloat read, like `setStatements`.
    public mutating func setBloat(_ result: SectionResult<BloatSection>) {
        switch result {
        case .available(let section):
            bloat = section
            unavailable["bloat"] = nil
            limitations["bloat"] = section.limitation
        case .unavailable(let reason):
            bloat = nil
            unavailable["bloat"] = reason
            limitations["bloat"] = nil
        }
    }

    /// `statements`: the `top` entries by execution time over the interval (cumulative time
    /// when there is no interval yet); null when unavailable.
    func statementsJSON(top: Int) -> JSONValue {
        guard let statements else { return .null }
        return .array(statements.byTime.prefix(max(0, top)).map { $0.json() })
    }

    func statementsInfoJSON() -> JSONValue {
        guard let statements else { return .null }
        return .object([
            ("extension_version", .string(statements.extensionVersion)),
            ("interval_s", .optional(statements.intervalSeconds)),
            ("stats_reset", .optional(statements.statsReset)),
            ("deallocations", statements.deallocations.map { .integer($0) } ?? .null),
            ("track_planning", .bool(statements.tracksPlanning)),
            ("entries", .integer(Int64(statements.rows.count))),
        ])
    }

    func bloatJSON(top: Int) -> JSONValue {
        guard let bloat else { return .null }
        return .array(bloat.relations.prefix(max(0, top)).map { $0.json() })
    }

    func bloatInfoJSON() -> JSONValue {
        guard let bloat else { return .null }
        return .object([
            ("database", .string(bloat.database)),
            ("limit", .integer(Int64(bloat.limit))),
            ("relations", .integer(Int64(bloat.relations.count))),
            ("query_ms", .number((bloat.queryMilliseconds * 10).rounded() / 10)),
            ("vacuums", .array(bloat.vacuums.map { $0.json() })),
        ])
    }

    func unavailableJSON() -> JSONValue {
        .object(unavailable.sorted { $0.key < $1.key }.map { key, reason in
            (key, .object([
                ("code", .string(reason.code)),
                ("message", .string(reason.message)),
                ("fix", .optional(reason.fix)),
            ]))
        })
    }
}

extension StatementRow {
    public func json() -> JSONValue {
        let s = stats, t = totals
        return .object([
            // A decimal string: 64-bit queryids lose precision as JSON numbers in many parsers.
            ("queryid", s.key.queryid.map { .string(String($0)) } ?? .null),
            ("userid", .integer(Int64(s.key.userid))),
            ("user", .optional(s.user)),
            ("dbid", .integer(Int64(s.key.dbid))),
            ("database", .optional(s.database)),
            ("toplevel", .bool(s.key.toplevel)),
            ("query", .string(s.query)),
            ("query_truncated", .bool(s.queryIsCut)),
            ("calls", .integer(t.calls)),
            ("calls_per_s", .optional(rate?.callsPerSecond)),
            ("total_ms", .number(t.totalMs)),
            ("mean_ms", .optional(t.meanMs)),
            ("rows", .integer(t.rows)),
            ("rows_per_s", .optional(rate?.rowsPerSecond)),
            ("exec_ms_per_s", .optional(rate?.execMsPerSecond)),
            ("time_share", .optional(rate?.timeShare)),
            ("interval_calls", rate.map { .integer($0.calls) } ?? .null),
            ("interval_mean_ms", .optional(rate?.meanMs)),
            ("hit_ratio", .optional(rate?.hitRatio)),
            ("read_bytes_per_s", .optional(rate?.readBytesPerSecond)),
            ("temp_written_bytes_per_s", .optional(rate?.tempWrittenBytesPerSecond)),
            ("wal_bytes_per_s", .optional(rate?.walBytesPerSecond)),
            ("plan_ms_per_s", .optional(rate?.planMsPerSecond)),
            ("total_hit_ratio", .optional(t.hitRatio)),
            ("total_time_share", .optional(t.timeShare)),
            ("plan_ms", .optional(t.planMs)),
            ("shared_blks_hit", .integer(s.counters.sharedBlocksHit)),
            ("shared_blks_read", .integer(s.counters.sharedBlocksRead)),
            ("temp_blks_written", .integer(s.counters.tempBlocksWritten)),
            ("wal_bytes", s.counters.walBytes.map { .integer($0) } ?? .null),
            ("stats_since", .optional(s.statsSince)),
        ])
    }
}

extension RelationBloat {
    public func json() -> JSONValue {
        .object([
            ("schema", .string(schema)),
            ("name", .string(name)),
            ("kind", .string(kind.rawValue)),
            ("table", .optional(table)),
            ("size_bytes", .integer(sizeBytes)),
            ("bloat_bytes", bloatBytes.map { .integer($0) } ?? .null),
            ("bloat_pct", .optional(bloatPercent.map { ($0 * 10).rounded() / 10 })),
            ("expected_bytes", expectedBytes.map { .integer($0) } ?? .null),
            ("status", .string(status.rawValue)),
            ("fillfactor", .integer(Int64(fillfactor))),
            ("tuples", .optional(tuples)),
            ("toast_bytes", toastBytes.map { .integer($0) } ?? .null),
            ("valid", .bool(isValid)),
            ("n_live_tup", liveTuples.map { .integer($0) } ?? .null),
            ("n_dead_tup", deadTuples.map { .integer($0) } ?? .null),
            ("dead_pct", .optional(deadRatio.map { ($0 * 1000).rounded() / 10 })),
            ("last_vacuum", .optional(lastVacuum)),
            ("last_autovacuum", .optional(lastAutovacuum)),
            ("last_analyze", .optional(lastAnalyze)),
            ("last_autoanalyze", .optional(lastAutoanalyze)),
            ("vacuum", vacuum?.json() ?? .null),
        ])
    }
}

extension VacuumProgress {
    public func json() -> JSONValue {
        .object([
            ("pid", .integer(Int64(pid))),
            ("relid", .integer(Int64(relationOid))),
            ("phase", .string(phase)),
            ("heap_blks_total", .integer(heapBlocksTotal)),
            ("heap_blks_scanned", .integer(heapBlocksScanned)),
            ("heap_blks_vacuumed", .integer(heapBlocksVacuumed)),
            ("index_vacuum_count", .integer(indexVacuumCount)),
            ("scanned_fraction", .optional(scannedFraction)),
        ])
    }
}

/// The Tables section in a snapshot, and its four JSON keys (docs/snapshot-json.md).
extension Snapshot {
    /// Stores a tables read, like `setBloat`.
    public mutating func setTables(_ result: SectionResult<TablesSection>) {
        switch result {
        case .available(let section):
            tables = section
            unavailable["tables"] = nil
            limitations["tables"] = section.limitation
        case .unavailable(let reason):
            tables = nil
            unavailable["tables"] = reason
            limitations["tables"] = nil
        }
    }

    /// `tables`: the `top` nearest their autovacuum; null when unavailable.
    func tablesJSON(top: Int) -> JSONValue {
        guard let tables else { return .null }
        return .array(tables.tables.prefix(max(0, top)).map { $0.json() })
    }

    func horizonJSON() -> JSONValue {
        guard let tables else { return .null }
        return .object([
            ("oldest_xmin_age", tables.oldestXminAge.map { .integer($0) } ?? .null),
            ("holders", .array(tables.holders.map { $0.json() })),
            ("databases", .array(tables.databases.map { $0.json() })),
        ])
    }

    func sequencesJSON() -> JSONValue {
        guard let tables else { return .null }
        return .array(tables.sequences.map { $0.json() })
    }

    func maintenanceJSON() -> JSONValue {
        guard let tables else { return .null }
        return .array(tables.maintenance.map { $0.json() })
    }
}

private func rounded(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number((value * 10).rounded() / 10)
}

extension TableStats {
    public func json() -> JSONValue {
        .object([
            ("schema", .string(schema)),
            ("name", .string(name)),
            ("size_bytes", .integer(sizeBytes)),
            ("live_tuples", .integer(liveTuples)),
            ("dead_tuples", .integer(deadTuples)),
            ("dead_pct", rounded(deadPercent)),
            ("mods_since_analyze", .integer(modsSinceAnalyze)),
            ("inserts_since_vacuum", .integer(insertsSinceVacuum)),
            ("last_vacuum", .optional(lastVacuum)),
            ("last_autovacuum", .optional(lastAutovacuum)),
            ("last_analyze", .optional(lastAnalyze)),
            ("last_autoanalyze", .optional(lastAutoanalyze)),
            ("autovacuum_enabled", .bool(autovacuumEnabled)),
            ("vacuum_threshold", rounded(thresholds.vacuum)),
            ("vacuum_due_pct", rounded(vacuumDuePercent)),
            ("insert_threshold", rounded(thresholds.insert)),
            ("insert_due_pct", rounded(insertDuePercent)),
            ("analyze_threshold", rounded(thresholds.analyze)),
            ("analyze_due_pct", rounded(analyzeDuePercent)),
            ("xid_age", .integer(xidAge)),
            ("mxid_age", .integer(mxidAge)),
            ("freeze_pct", rounded(freezePercent)),
            ("wraparound_pct", .number((wraparoundPercent * 1000).rounded() / 1000)),
            ("reloptions", .array(options.overridden.map { .string($0) })),
        ])
    }
}

extension HorizonHolder {
    public func json() -> JSONValue {
        .object([
            ("kind", .string(kind.rawValue)),
            ("id", .string(id)),
            ("xmin_age", .integer(xminAge)),
            ("pid", pid.map { .integer(Int64($0)) } ?? .null),
            ("owner", .optional(owner)),
            ("detail", .optional(detail)),
            ("since", .optional(since)),
        ])
    }
}

extension DatabaseAge {
    public func json() -> JSONValue {
        .object([
            ("name", .string(name)),
            ("xid_age", .integer(xidAge)),
            ("mxid_age", .integer(mxidAge)),
            ("freeze_pct", rounded(freezePercent)),
            ("wraparound_pct", .number((wraparoundPercent * 1000).rounded() / 1000)),
        ])
    }
}

extension SequenceRow {
    public func json() -> JSONValue {
        .object([
            ("schema", .string(schema)),
            ("name", .string(name)),
            ("column_type", .string(columnType ?? sequenceType)),
            ("last_value", lastValue.map { .integer($0) } ?? .null),
            ("max_value", .integer(maxValue)),
            ("used_pct", rounded(usedPercent)),
            ("owned_by", .optional(ownedBy)),
            ("readable", .bool(readable)),
        ])
    }
}

extension MaintenanceProgress {
    public func json() -> JSONValue {
        .object([
            ("pid", .integer(Int64(pid))),
            ("command", .string(command)),
            ("relation", .string(relation)),
            ("phase", .string(phase)),
            ("done_pct", rounded(donePercent)),
            ("elapsed_s", rounded(elapsedSeconds)),
            ("eta_s", rounded(etaSeconds)),
            ("done", .integer(done)),
            ("total", .integer(total)),
            ("unit", .string(unit)),
            ("details", .array(details.map { .string($0) })),
        ])
    }
}

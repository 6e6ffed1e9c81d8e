#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the Tables section of the connected database: two round trips (everything but the
/// sequences, then the sequences, whose read may meet a lock). Keeps the last maintenance
/// sample so a second read gives rates from two samples (the first uses the time since start).
public struct TablesReader: Sendable {
    private var previous: (at: Date, rows: [MaintenanceProgress])?

    public init() {}

    /// Throws only when the connection is lost; any other failure is `.unavailable`.
    public mutating func read(_ connection: PGConnection) throws -> SectionResult<TablesSection> {
        let started = MonotonicClock.now()
        let version = connection.serverVersionNum
        do {
            let results = try connection.execute(TablesCatalog.refresh(serverVersion: version))
            var section = try Self.decode(results, serverVersion: version)
            do {
                let sequences = try connection.query(TablesCatalog.sequences)
                let (rows, hidden) = try Self.decodeSequences(sequences)
                section.sequences = rows
                if hidden > 0 {
                    let role = try results[0].first?.string("role") ?? ""
                    section.limitations.append("\(hidden) sequences' last values are hidden from role \(role): GRANT pg_read_all_data TO \(role) (14+), or USAGE on them")
                }
            } catch let error as PGError {
                if error.kind == .connectionLost || !connection.isConnected { throw error }
                section.limitations.append("sequences could not be read: \(error.description)")
            }
            if let previous {
                let seconds = section.capturedAt.timeIntervalSince(previous.at)
                for i in section.maintenance.indices {
                    let now = section.maintenance[i]
                    if let before = previous.rows.first(where: { $0.pid == now.pid }),
                       let rate = MaintenanceProgress.rate(from: before, to: now, seconds: seconds) {
                        section.maintenance[i].rate = rate
                    }
                }
            }
            previous = (section.capturedAt, section.maintenance)
            section.queryMilliseconds = (MonotonicClock.now() - started) * 1000
            return .available(section)
        } catch let error as PGError {
            if error.kind == .connectionLost || !connection.isConnected { throw error }
            let code = error.isQueryCanceled ? "timeout" : "failed"
            return .unavailable(SectionUnavailable(code: code, message: "tables could not be read: \(error.description)"))
        }
    }

    /// Decodes the five results of `TablesCatalog.refresh`.
    public static func decode(_ results: [QueryResult], serverVersion: Int) throws -> TablesSection {
        guard results.count == 5, let head = results[0].first else {
            throw PGError(kind: .decode, message: "tables refresh returned \(results.count) results, expected 5")
        }
        let now = try head.date("now") ?? Date()
        let blockSize = Int64(try head.int("block_size") ?? 8192)
        func number(_ name: String) throws -> Double? { try head.string(name).flatMap(PGText.double) }
        let defaults = AutovacuumSettings()
        let settings = AutovacuumSettings(
            autovacuum: try head.bool("autovacuum") ?? true,
            trackCounts: try head.bool("track_counts") ?? true,
            vacuumThreshold: try number("vacuum_threshold") ?? defaults.vacuumThreshold,
            vacuumScaleFactor: try number("vacuum_scale_factor") ?? defaults.vacuumScaleFactor,
            vacuumMaxThreshold: try number("vacuum_max_threshold"),
            insertThreshold: try number("insert_threshold") ?? defaults.insertThreshold,
            insertScaleFactor: try number("insert_scale_factor") ?? defaults.insertScaleFactor,
            analyzeThreshold: try number("analyze_threshold") ?? defaults.analyzeThreshold,
            analyzeScaleFactor: try number("analyze_scale_factor") ?? defaults.analyzeScaleFactor,
            freezeMaxAge: try number("freeze_max_age") ?? defaults.freezeMaxAge,
            multixactFreezeMaxAge: try number("multixact_freeze_max_age") ?? defaults.multixactFreezeMaxAge)

        let t = results[1]
        let oid = try t.column("oid"), schema = try t.column("schema"), name = try t.column("name")
        let pages = try t.column("pages"), tuples = try t.column("tuples"), allfrozen = try t.column("allfrozen")
        let reloptions = try t.column("reloptions"), xid = try t.column("xid_age"), mxid = try t.column("mxid_age")
        let live = try t.column("n_live_tup"), dead = try t.column("n_dead_tup")
        let mods = try t.column("n_mod_since_analyze"), ins = try t.column("n_ins_since_vacuum")
        let lv = try t.column("last_vacuum"), lav = try t.column("last_autovacuum")
        let la = try t.column("last_analyze"), laa = try t.column("last_autoanalyze")
        var tables: [TableStats] = []
        tables.reserveCapacity(t.count)
        for row in t.allRows {
            let relpages = try row.int64(pages) ?? 0
            let options = row.string(reloptions).flatMap(PGText.simpleArray).map(TableAutovacuumOptions.parse)
                ?? TableAutovacuumOptions()
            tables.append(TableStats(
                oid: UInt32(truncatingIfNeeded: try row.int64(oid) ?? 0), schema: row.string(schema) ?? "",
                name: row.string(name) ?? "", sizeBytes: relpages * blockSize, pages: relpages,
                reltuples: try row.double(tuples), liveTuples: try row.int64(live) ?? 0, deadTuples: try row.int64(dead) ?? 0,
                modsSinceAnalyze: try row.int64(mods) ?? 0, insertsSinceVacuum: try row.int64(ins) ?? 0,
                lastVacuum: try row.date(lv), lastAutovacuum: try row.date(lav),
                lastAnalyze: try row.date(la), lastAutoanalyze: try row.date(laa),
                options: options, settings: settings, relallfrozen: try row.int64(allfrozen),
                xidAge: try row.int64(xid) ?? 0, mxidAge: try row.int64(mxid) ?? 0, serverVersion: serverVersion))
        }

        let databases = try results[2].allRows.map { row in
            DatabaseAge(name: try row.string("name") ?? "", xidAge: try row.int64("xid_age") ?? 0,
                        mxidAge: try row.int64("mxid_age") ?? 0, settings: settings, serverVersion: serverVersion)
        }
        let holders = try results[3].allRows.compactMap { row -> HorizonHolder? in
            guard let kind = HorizonHolderKind(rawValue: try row.string("kind") ?? ""),
                  let age = try row.int64("xmin_age") else { return nil }
            return HorizonHolder(kind: kind, id: try row.string("id") ?? "", pid: try row.int32("pid"), xminAge: age,
                                 owner: try row.string("owner"), detail: try row.string("detail").flatMap { $0.isEmpty ? nil : $0 },
                                 since: try row.date("since"))
        }
        let maintenance = try results[4].allRows.map { row in
            let startedAt = try row.date("started_at")
            return MaintenanceProgress(
                pid: try row.int32("pid") ?? 0, command: try row.string("command") ?? "",
                relation: try row.string("relation") ?? "", phase: try row.string("phase") ?? "",
                done: try row.int64("done") ?? 0, total: try row.int64("total") ?? 0, unit: try row.string("unit") ?? "",
                startedAt: startedAt, elapsedSeconds: startedAt.map { max(0, now.timeIntervalSince($0)) },
                details: (try row.string("details")).flatMap { $0.isEmpty ? nil : [$0] } ?? [])
        }
        var limitations: [String] = []
        if try head.bool("reads_all_stats") == false {
            let role = try head.string("role") ?? ""
            limitations.append("backends of other roles may not show their xmin to role \(role): GRANT pg_read_all_stats TO \(role)")
        }
        if !settings.trackCounts { limitations.append("track_counts is off: no dead-tuple counts, autovacuum does nothing") }
        if try head.bool("in_recovery") == true {
            // Vacuum runs on the primary only, and a standby counts no dead tuples of its own.
            limitations.append("a standby: dead tuples, DUE% and vacuum times stay at 0 here (vacuum runs on the primary): read them there")
        }
        return TablesSection(
            database: try head.string("database") ?? "", capturedAt: now, serverVersion: serverVersion, settings: settings,
            tables: TablesSection.sortedTables(tables), databases: databases, holders: holders,
            maintenance: maintenance, limitations: limitations)
    }

    /// The sequences and how many had their last value hidden from us.
    public static func decodeSequences(_ result: QueryResult) throws -> ([SequenceRow], hidden: Int) {
        var hidden = 0
        let rows = try result.allRows.map { row in
            let readable = try row.bool("readable") ?? true
            if !readable { hidden += 1 }
            return SequenceRow(
                schema: try row.string("schema") ?? "", name: try row.string("name") ?? "",
                sequenceType: try row.string("sequence_type") ?? "bigint", columnType: try row.string("column_type"),
                ownedBy: try row.string("owned_by"), lastValue: try row.int64("last_value"),
                sequenceMax: try row.int64("max_value") ?? Int64.max, increment: try row.int64("increment_by") ?? 1,
                readable: readable)
        }
        return (TablesSection.sortedSequences(rows), hidden)
    }
}

import ArgumentParser
import PGTriageCore
import PGTriageUI
#if canImport(Glibc)
import Glibc
#endif

struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one snapshot (activity, blocking trees, server summary, statements, bloat) for scripts and tickets."
    )

    @OptionGroup var connection: ConnectionOptions

    @Flag(help: "Print JSON (schema: docs/snapshot-json.md).")
    var json = false

    @Option(help: "Seconds between the two samples that give TPS, cache hit ratio and statement rates (0: one sample, rates null).")
    var sample: Double = 1

    @Option(help: "At most this many statements, bloat and index entries in the JSON.")
    var top: Int = 100

    @Flag(help: "Keep pgtriage's own monitoring statements in the statements (hidden by default, as in the console).")
    var own = false

    func run() throws {
        guard top >= 0 else { throw UsageFailure("--top must be 0 or more") }
        guard sample >= 0 && sample <= 60 else { throw UsageFailure("--sample must be between 0 and 60 seconds") }
        let conn = try PGConnection(target: connection.connectionTarget, role: .monitor, openingQuery: Catalog.serverInfo)
        let info = try SnapshotReader.readServerInfo(conn)
        var reader = SnapshotReader(info: info, queryLength: 2048)
        var statementsReader = StatementsReader(info: info, queryLength: 2048)
        var indexesReader = IndexesReader(info: info)
        var snapshot = try reader.read(conn)
        var statements = try statementsReader.read(conn)
        var indexes = try indexesReader.read(conn)
        var replicationReader = ReplicationReader(serverVersion: info.versionNum)
        var replication = try replicationReader.read(conn)
        if sample > 0 {
            usleep(UInt32(sample * 1_000_000))
            snapshot = try reader.read(conn)
            statements = try statementsReader.read(conn)
            indexes = try indexesReader.read(conn)
            replication = try replicationReader.read(conn)
        }
        snapshot.setReplication(replication)
        if !own, case .available(var section) = statements {
            // Not the server's workload (the console's `o` shows them).
            section.rows.removeAll { $0.stats.isOwn }
            statements = .available(section)
        }
        snapshot.setStatements(statements)
        snapshot.setIndexes(indexes)
        snapshot.setBloat(try BloatReader().read(conn))
        var tablesReader = TablesReader()
        snapshot.setTables(try tablesReader.read(conn))
        if json {
            print(try snapshot.json(target: conn.label, top: max(0, top)).encoded())
        } else {
            print(Sanitizer.cleanLines(SnapshotText.render(snapshot, target: conn.label)))
        }
    }
}

/// A plain-text snapshot for a terminal or a ticket (and the demo until the console opens).
enum SnapshotText {
    static func render(_ snapshot: Snapshot, target: String) -> String {
        let now = snapshot.capturedAt
        let summary = snapshot.summary
        var lines: [String] = []
        let tps = summary.tps.map { String(Int($0.rounded())) } ?? "-"
        let hit = summary.cacheHitRatio.map { String(Int(($0 * 100).rounded())) + "%" } ?? "-"
        lines.append("\(target)  PostgreSQL \(snapshot.info.version)  connections \(summary.connections)/\(summary.maxConnections)  active \(summary.activeConnections)  idle-in-xact \(summary.idleInTransaction)  waiting \(summary.waitingOnLocks)  tps \(tps)  hit \(hit)")
        for (section, reason) in snapshot.limitations.sorted(by: { $0.key < $1.key }) {
            lines.append("limited \(section): \(reason)")
        }
        let byPid = Dictionary(snapshot.activity.map { ($0.pid, $0) }, uniquingKeysWith: { a, _ in a })
        if snapshot.blocking.roots.isEmpty {
            lines.append("blocking: none")
        } else {
            lines.append("blocking: \(snapshot.blocking.blockedCount) backends wait")
            func walk(_ node: BlockingNode, depth: Int) {
                let backend = byPid[node.pid]
                let indent = String(repeating: "  ", count: depth)
                let what = backend?.lockWait?.summary ?? (backend?.state ?? "?")
                let age = backend?.xactAge(at: now).map { " xact \(Int($0))s" } ?? ""
                let query = backend.map { " " + $0.query.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(60) } ?? ""
                lines.append("  \(indent)\(node.pid) \(backend?.user ?? "?") \(what)\(age)\(query)")
                node.blocked.forEach { walk($0, depth: depth + 1) }
            }
            snapshot.blocking.roots.forEach { walk($0, depth: 0) }
        }
        let busy = snapshot.activity.filter { $0.backendType == "client backend" && !$0.isIdle }
            .sorted { ($0.queryAge(at: now) ?? 0) > ($1.queryAge(at: now) ?? 0) }
        lines.append("non-idle backends: \(busy.count)")
        for backend in busy.prefix(10) {
            let age = backend.queryAge(at: now).map { "\(Int($0))s" } ?? "-"
            let query = backend.query.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(70)
            lines.append("  \(backend.pid) \(backend.user ?? "?") \(backend.state ?? "?") \(age) \(query)")
        }
        for (section, reason) in snapshot.unavailable.sorted(by: { $0.key < $1.key }) {
            lines.append("unavailable \(section): \(reason.summary)")
        }
        if let statements = snapshot.statements {
            lines.append("top statements (pg_stat_statements \(statements.extensionVersion)):")
            for row in statements.byTime.prefix(5) {
                let rate = row.rate.map { String(Int($0.execMsPerSecond.rounded())) + " ms/s" } ?? "-"
                let query = row.stats.query.split(whereSeparator: \.isWhitespace).joined(separator: " ").prefix(60)
                lines.append("  \(rate) calls \(row.totals.calls) total \(Int(row.totals.totalMs.rounded())) ms  \(query)")
            }
        }
        if let bloat = snapshot.bloat {
            lines.append("most bloated (estimated, database \(bloat.database)):")
            for relation in bloat.relations.prefix(5) {
                let wasted = relation.bloatBytes.map { "\($0 / 1024) kB" } ?? relation.status.label
                lines.append("  \(relation.kind.rawValue) \(relation.qualifiedName) size \(relation.sizeBytes / 1024) kB bloat \(wasted)")
            }
        }
        if let indexes = snapshot.indexes {
            lines.append(IndexesSummaryText.headline(indexes))
            for index in indexes.indexes.filter({ !$0.flags.isEmpty }).prefix(5) {
                let flags = index.flags.map(\.rawValue).joined(separator: ",")
                lines.append("  \(flags) \(index.qualifiedName) on \(index.table) size \(index.sizeBytes / 1024) kB scans \(index.scans)")
            }
            for fk in indexes.missingFKIndexes.prefix(5) {
                lines.append("  no index for FK \(fk.constraint) on \(fk.qualifiedTable) (\(fk.columns.joined(separator: ", ")))")
            }
        }
        lines += tablesSummary(snapshot)
        lines += replicationSummary(snapshot)
        return lines.joined(separator: "\n")
    }

    /// The Tables section in a few lines: tables past their autovacuum threshold or with
    /// autovacuum off, the horizon, sequences past 50 %, running maintenance.
    static func tablesSummary(_ snapshot: Snapshot) -> [String] {
        guard let tables = snapshot.tables else { return [] }
        func pct(_ value: Double?) -> String { value.map { String(Int($0.rounded())) + "%" } ?? "-" }
        var lines = ["tables (database \(tables.database)): \(tables.tables.count), autovacuum off on \(tables.tables.filter { !$0.autovacuumEnabled }.count)"]
        let due = tables.tables.filter { $0.dueMaxPercent >= TablesThresholds.duePercent.warning || !$0.autovacuumEnabled }
        for row in due.prefix(5) {
            lines.append("  \(row.qualifiedName) dead \(row.deadTuples) due \(pct(row.dueMaxPercent))\(row.autovacuumEnabled ? "" : " AUTOVACUUM OFF") freeze \(pct(row.freezePercent))")
        }
        if let oldest = tables.holders.first {
            lines.append("horizon: oldest xmin age \(oldest.xminAge) held by \(oldest.label)\(oldest.owner.map { " (\($0))" } ?? "")")
        } else {
            lines.append("horizon: nothing holds it")
        }
        for sequence in tables.sequences where (sequence.usedPercent ?? 0) >= TablesThresholds.sequencePercent.warning {
            lines.append("  sequence \(sequence.qualifiedName) \(pct(sequence.usedPercent)) of \(sequence.columnType ?? sequence.sequenceType) max")
        }
        for job in tables.maintenance {
            lines.append("  \(job.command) \(job.relation) \(job.phase) \(pct(job.donePercent)) pid \(job.pid)")
        }
        return lines
    }

    /// The Replication section in a few lines: the role, each standby's lag, slots with a
    /// finding, and on a standby its receiver and replay.
    static func replicationSummary(_ snapshot: Snapshot) -> [String] {
        guard let replication = snapshot.replication else { return [] }
        let rate = snapshot.summary.replication?.walBytesPerSecond.map { " WAL \(Int($0.rounded())) B/s" } ?? ""
        var lines = ["replication: \(replication.role.rawValue),\(rate) \(replication.standbys.count) walsenders, \(replication.slots.count) slots"]
        for s in replication.standbys {
            let seconds = s.replayLagSeconds.map { " \(Format.fixed($0, decimals: 1)) s" } ?? ""
            lines.append("  standby \(s.application) \(s.client ?? "") \(s.state ?? "?") replay lag \(s.replayLagBytes.map(String.init) ?? "-") B\(seconds)")
        }
        for slot in replication.slots {
            guard let finding = slot.finding else { continue }
            lines.append("  slot \(slot.name) (\(slot.type)) \(finding), retained \(slot.retainedBytes.map(String.init) ?? "-") B")
        }
        if let standby = replication.standby {
            lines.append("  receiver \(standby.receiver?.status ?? "not running") from \(standby.receiver?.sender ?? "-"), replay lag \(standby.replayLagBytes.map(String.init) ?? "-") B, delay \(standby.replayDelaySeconds.map { Format.fixed($0, decimals: 1) } ?? "-") s\(standby.paused ? ", replay PAUSED" : "")")
            let conflicts = standby.conflicts.byKind.filter { $0.count > 0 }.map { "\($0.kind) \($0.count)" }
            if !conflicts.isEmpty { lines.append("  recovery conflicts: " + conflicts.joined(separator: ", ")) }
        }
        return lines
    }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Builds the assessment from gathered facts: a pure function, so every check has fast unit
/// tests. The document's headings, in order, are `headings`; each check sits under one of them.
public enum ReportChecks {
    /// The document's headings below the title, in order (level, title).
    public static let headings: [(level: Int, title: String)] = [
        (2, "Current Database Overview"),
        (2, "Performance Analysis"), (3, "Query Performance"), (3, "Bottleneck Assessment"),
        (2, "Schema Design Review"), (3, "Data Model Analysis"), (3, "Indexing Strategy"),
        (2, "Scalability Recommendations"), (3, "Immediate Optimizations"), (3, "Strategic Enhancements"),
        (2, "Implementation Roadmap"),
    ]

    public static func build(_ f: ReportFacts) -> Report {
        let server = header(f)
        let overview = overview(f, server: server).map(capped)
        let query = queryPerformance(f).map(capped)
        let bottleneck = bottlenecks(f, server: server).map(capped)
        let model = dataModel(f).map(capped)
        let indexing = indexing(f, server: server).map(capped)
        let strategic = strategic(f).map(capped)
        let findings = overview + query + bottleneck + model + indexing + strategic
        let immediate = [immediateOptimizations(findings)]
        let roadmap = [roadmap(findings)]
        func intro(_ parts: [ReportCheck], _ what: String) -> String {
            let counts = ReportPriority.allCases.map { p in (p, parts.count { $0.priority == p }) }.filter { $0.1 > 0 }
            let tally = counts.isEmpty ? "no findings" : counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
            return "\(what): \(ReportFormat.n(parts.count, "check")), \(tally)."
        }
        let sections = [
            ReportSection(title: "Current Database Overview", level: 2, checks: overview),
            ReportSection(title: "Performance Analysis", level: 2, introduction: intro(query + bottleneck, "Where the time goes and where the server waits")),
            ReportSection(title: "Query Performance", level: 3, checks: query),
            ReportSection(title: "Bottleneck Assessment", level: 3, checks: bottleneck),
            ReportSection(title: "Schema Design Review", level: 2, introduction: intro(model + indexing, "Keys, constraints and indexes")),
            ReportSection(title: "Data Model Analysis", level: 3, checks: model),
            ReportSection(title: "Indexing Strategy", level: 3, checks: indexing),
            ReportSection(title: "Scalability Recommendations", level: 2, introduction: "What to fix now (the P1 and P2 findings), then the inputs for decisions that need a person: partitioning, high availability, pooling and read replicas."),
            ReportSection(title: "Immediate Optimizations", level: 3, checks: immediate),
            ReportSection(title: "Strategic Enhancements", level: 3, checks: strategic),
            ReportSection(title: "Implementation Roadmap", level: 2, checks: roadmap),
        ]
        return Report(generatedAt: f.generatedAt, server: server, sections: sections)
    }

    static func header(_ f: ReportFacts) -> ReportServer {
        let uptime = f.snapshot.summary.uptime(at: f.generatedAt)
        let reset = f.currentDatabase?.statsReset ?? f.indexes.value?.statsReset
        let age = reset.map { max(0, f.generatedAt.timeIntervalSince($0)) } ?? uptime
        var limitations = Array(f.snapshot.limitations.values).sorted()
        for text in [f.statements.value?.limitation, f.indexes.value?.limitation, f.tables.value?.limitation, f.bloat.value?.limitation] {
            if let text { limitations.append(text) }
        }
        return ReportServer(
            target: f.target, database: f.currentDatabase?.name ?? f.indexes.value?.database ?? "", version: f.info.version,
            versionNum: f.info.versionNum, support: VersionSupport.judge(versionNum: f.info.versionNum, at: f.generatedAt),
            inRecovery: f.info.inRecovery, startedAt: f.snapshot.summary.startTime, uptimeSeconds: uptime,
            statisticsReset: reset, statisticsAgeSeconds: age, role: f.info.currentUser, privileges: f.info.privileges,
            limitations: limitations)
    }

    /// At most `listLimit` recommendations per check, like its tables: on a database with
    /// thousands of findings the document stays one a person reads. The rest are counted, and
    /// `objects` keeps every one (for scripts reading the JSON).
    static func capped(_ check: ReportCheck) -> ReportCheck {
        let limit = ReportThresholds.listLimit
        guard check.recommendations.count > limit else { return check }
        var out = check
        let more = check.recommendations.count - limit
        out.recommendations = Array(check.recommendations.prefix(limit))
        out.recommendations.append(ReportRecommendation(
            "The same for the other \(more) of \(check.title.lowercased()) (every one is in this check's objects in `--format json`, and in the console's panes)."))
        return out
    }

    /// A check whose facts could not be read: the reason, never silence.
    static func unavailable<T>(_ id: String, _ title: String, _ result: SectionResult<T>) -> ReportCheck {
        ReportCheck.notChecked(id: id, title: title, reason: result.reason?.summary ?? "not read")
    }

    // MARK: Scalability

    static func immediateOptimizations(_ findings: [ReportCheck]) -> ReportCheck {
        let urgent = findings.filter { $0.priority == .p1 || $0.priority == .p2 }.sorted { ($0.priority!, 0) < ($1.priority!, 0) }
        var check = ReportCheck(id: "immediate_optimizations", title: "P1 and P2 fixes")
        check.priority = urgent.first?.priority
        check.observations = [.table(ReportTable(columns: ["priority", "check", "what to do"], rows: urgent.map {
            [$0.priority!.rawValue, $0.title, $0.recommendations.first.map { ReportFormat.oneLine($0.text, limit: 120) } ?? ($0.conclusions.first ?? "")]
        }, limit: 40))]
        check.conclusions = [urgent.isEmpty
            ? "Nothing needs fixing now: no P1 or P2 finding."
            : "\(ReportFormat.n(urgent.count, "check")) found something to fix now (\(urgent.count { $0.priority == .p1 }) P1, \(urgent.count { $0.priority == .p2 }) P2); their SQL is under each check and in the roadmap."]
        return check
    }

    static func strategic(_ f: ReportFacts) -> [ReportCheck] {
        [partitioning(f), highAvailability(f), pooling(f), readReplicas(f)]
    }

    static func partitioning(_ f: ReportFacts) -> ReportCheck {
        let id = "partitioning", title = "Partitioning candidates"
        guard let tables = f.tables.value else { return unavailable(id, title, f.tables) }
        var check = ReportCheck(id: id, title: title)
        let keys = Dictionary(grouping: f.partitionKeys.value ?? [], by: \.tableOid)
        let inserts = Dictionary((f.tableActivity.value ?? []).map { ($0.oid, $0.inserted) }, uniquingKeysWith: { a, _ in a })
        let days = max(1, (header(f).statisticsAgeSeconds ?? 86_400) / 86_400)
        let largest = tables.tables.sorted { $0.sizeBytes > $1.sizeBytes }.prefix(5)
        check.observations = [.table(ReportTable(columns: ["table", "size", "live rows", "inserts per day", "time or serial columns"], rows: largest.map { t in
            [t.qualifiedName, ReportFormat.bytes(t.sizeBytes), ReportFormat.count(t.liveTuples),
             inserts[t.oid].map { ReportFormat.count(Int64((Double($0) / days).rounded())) } ?? "-",
             keys[t.oid].map { $0.map { "\($0.name) (\($0.type))" }.joined(separator: ", ") } ?? "none"]
        }))]
        check.observations.append(.text("Inserts per day: since the statistics reset (\(ReportFormat.duration(days * 86_400)) ago), a stand-in for growth."))
        let candidates = largest.filter { $0.sizeBytes >= ReportThresholds.partitioningMinimumBytes && keys[$0.oid] != nil }
        if candidates.isEmpty {
            check.conclusions = ["No table reaches \(ReportFormat.bytes(ReportThresholds.partitioningMinimumBytes)) with a time or serial column: partitioning would add planning cost without a benefit yet."]
        } else {
            check.priority = .p3
            check.conclusions = ["\(ReportFormat.n(candidates.count, "table")) of \(ReportFormat.bytes(ReportThresholds.partitioningMinimumBytes)) or more \(ReportFormat.v(candidates.count, "has", "have")) a time or serial column to range-partition on: old partitions could then be detached or dropped instead of deleted, and vacuumed apart."]
            for t in candidates {
                check.recommendations.append(ReportRecommendation("Weigh range-partitioning \(t.qualifiedName) on \(keys[t.oid]?.first?.name ?? "its time column") if its queries filter on it (the benefit comes from pruning and from dropping old partitions)."))
                check.objects.append(t.qualifiedName)
            }
        }
        return check
    }

    static func highAvailability(_ f: ReportFacts) -> ReportCheck {
        let id = "high_availability", title = "High availability"
        guard let r = f.replication.value else { return unavailable(id, title, f.replication) }
        var check = ReportCheck(id: id, title: title)
        let slotBacked = r.standbys.filter(\.usesSlot)
        check.observations = [.table(ReportTable(columns: ["fact", "value"], rows: [
            ["this server", r.inRecovery ? "standby" : "primary"], ["standbys streaming from it", String(r.standbys.count)],
            ["of which through a slot", String(slotBacked.count)],
            ["synchronous", String(r.standbys.count { $0.syncState == "sync" || $0.syncState == "quorum" })],
        ]))]
        if r.inRecovery {
            check.conclusions = ["This server is a standby: judge high availability on the primary."]
        } else if r.standbys.isEmpty {
            check.priority = .p3
            check.conclusions = ["No standby streams from this primary: losing its host means restoring from backup (how recent is unknown to this report)."]
            check.recommendations = [ReportRecommendation("Add a streaming standby with a replication slot (and a failover tool such as Patroni), and check that backups and WAL archiving are tested.")]
        } else if slotBacked.isEmpty {
            check.priority = .p3
            check.conclusions = ["\(ReportFormat.n(r.standbys.count, "standby", "standbys")) \(ReportFormat.v(r.standbys.count, "streams", "stream")) without a replication slot: if one falls behind past wal_keep_size, it needs rebuilding."]
            check.recommendations = [ReportRecommendation("Give each standby a physical slot (primary_slot_name on the standby), and watch the WAL it retains.",
                                                          doSQL: "SELECT pg_create_physical_replication_slot('standby1');",
                                                          undoSQL: "SELECT pg_drop_replication_slot('standby1');")]
        } else {
            check.conclusions = ["\(ReportFormat.n(r.standbys.count, "standby", "standbys")) \(ReportFormat.v(r.standbys.count, "streams", "stream")) from this primary, \(slotBacked.count) through a slot."]
        }
        return check
    }

    static func pooling(_ f: ReportFacts) -> ReportCheck {
        var check = ReportCheck(id: "connection_pooling", title: "Connection pooling")
        let s = f.snapshot.summary
        let clients = clientBackends(f)
        let idle = clients.count { $0.isIdle }
        let share = s.maxConnections > 0 ? Double(s.connections) / Double(s.maxConnections) : 0
        check.observations = [.table(ReportTable(columns: ["connections", "idle", "active", "max_connections"],
                                                 rows: [[String(s.connections), String(idle), String(s.activeConnections), String(s.maxConnections)]]))]
        if share >= ReportThresholds.connectionsShareP2 || (clients.count >= 50 && Double(idle) / Double(max(1, clients.count)) > 0.8) {
            check.priority = .p3
            check.conclusions = ["Many connections (\(s.connections), \(idle) idle): a pooler would serve the same work with far fewer backends."]
            check.recommendations = [ReportRecommendation("Introduce a connection pooler (PgBouncer) between the applications and the server.")]
        } else {
            check.conclusions = ["\(s.connections) connections of \(s.maxConnections): no pressure that a pooler would relieve now."]
        }
        return check
    }

    static func readReplicas(_ f: ReportFacts) -> ReportCheck {
        var check = ReportCheck(id: "read_replicas", title: "Read share of the workload")
        var share: Double?
        var source = ""
        if let section = f.statements.value {
            let rows = workload(section)
            let total = rows.reduce(0.0) { $0 + $1.row.totals.totalMs }
            let reads = rows.filter { isRead($0.row.stats.query) }.reduce(0.0) { $0 + $1.row.totals.totalMs }
            if total > 0 { share = reads / total; source = "execution time of SELECT statements (pg_stat_statements)" }
        } else if let db = f.currentDatabase {
            let read = Double(db.tuplesReturned + db.tuplesFetched)
            let written = Double(db.tuplesInserted + db.tuplesUpdated + db.tuplesDeleted)
            if read + written > 0 { share = read / (read + written); source = "rows read against rows written (pg_stat_database)" }
        }
        check.observations = [.text(share.map { "Reads are \(ReportFormat.percent($0)) of the workload, by \(source)." } ?? "No workload measured yet.")]
        if let share, share >= ReportThresholds.readShareForReplicas {
            check.priority = .p3
            check.conclusions = ["The workload is mostly reads: read replicas could take reports and read-only traffic off the primary, if the applications can route them and tolerate replication lag."]
            check.recommendations = [ReportRecommendation("Weigh routing read-only traffic (reports first) to a streaming replica.")]
        } else {
            check.conclusions = ["The workload is not read-dominated enough for read replicas to be the next step."]
        }
        return check
    }

    /// A statement that only reads: SELECT (not FOR UPDATE/SHARE) or a WITH without writes.
    static func isRead(_ query: String) -> Bool {
        let text = ReportFormat.trimmed(query).lowercased()
        guard text.hasPrefix("select") || text.hasPrefix("with") || text.hasPrefix("table") || text.hasPrefix("values") else { return false }
        for word in [" for update", " for share", " for no key update", "insert ", "update ", "delete "] where text.contains(word) { return false }
        return true
    }

    // MARK: Roadmap

    static func roadmap(_ findings: [ReportCheck]) -> ReportCheck {
        var seen = Set<String>()
        var items: [(priority: ReportPriority?, check: ReportCheck, recommendation: ReportRecommendation)] = []
        for check in findings {
            for r in check.recommendations {
                let key = r.doSQL ?? r.text
                guard seen.insert(key).inserted else { continue }
                items.append((check.priority, check, r))
            }
        }
        let order: (ReportPriority?) -> Int = { $0.map { ReportPriority.allCases.firstIndex(of: $0)! } ?? 3 }
        items = items.enumerated().sorted { (order($0.element.priority), $0.offset) < (order($1.element.priority), $1.offset) }.map(\.element)
        var check = ReportCheck(id: "roadmap", title: "Every recommendation once, most urgent first")
        check.priority = items.first?.priority
        check.observations = items.map { item in
            .text("- [ ] **\(item.priority?.rawValue ?? "--")** \(item.recommendation.text) *(\(item.check.title))*")
        }
        check.recommendations = items.map(\.recommendation)
        check.objects = uniqueInOrder(items.flatMap { $0.check.objects })
        check.conclusions = [items.isEmpty ? "Nothing to do." : "\(ReportFormat.n(items.count, "action")): \(items.count { $0.priority == .p1 }) P1, \(items.count { $0.priority == .p2 }) P2, \(items.count { $0.priority == .p3 }) P3, \(items.count { $0.priority == nil }) unranked."]
        return check
    }
}

/// Keeps the first of each value, in order.
func uniqueInOrder(_ items: [String]) -> [String] {
    var seen = Set<String>()
    return items.filter { seen.insert($0).inserted }
}

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// "Current Database Overview": what the server is and what it holds. Pure functions of the facts.
extension ReportChecks {
    static func overview(_ f: ReportFacts, server: ReportServer) -> [ReportCheck] {
        [version(f, server: server), databaseSizes(f), largestTables(f), extensions(f), settings(f), replicationOverview(f), coverage(f, server: server)]
    }

    static func version(_ f: ReportFacts, server: ReportServer) -> ReportCheck {
        let s = server.support
        var check = ReportCheck(id: "version", title: "Version and support", priority: s.priority)
        check.observations = [.table(ReportTable(columns: ["fact", "value"], rows: [
            ["version", "PostgreSQL " + f.info.version],
            ["end of life", s.endOfLife.map(ReportFormat.day) ?? "unknown"],
            ["newest minor known", s.latestKnownMinor.map { "\(s.major).\($0)" } ?? "unknown"],
            ["started", f.snapshot.summary.startTime.map(ReportFormat.time) ?? "-"],
            ["uptime", ReportFormat.duration(server.uptimeSeconds)],
            ["role", f.info.inRecovery ? "standby (in recovery)" : "primary"],
        ]))]
        check.conclusions = [s.status + "."]
        if let eol = s.endOfLife, eol.timeIntervalSince(f.generatedAt) < 365 * 86_400 {
            check.recommendations.append(ReportRecommendation(
                "Plan a major upgrade to a supported release (pg_upgrade --link for a short outage, or logical replication to a new cluster for almost none); test the application on the new major first."))
        }
        if let latest = s.latestKnownMinor, s.minor < latest {
            check.recommendations.append(ReportRecommendation(
                "Install \(s.major).\(latest) (or newer): a minor update replaces the binaries and restarts the server, with no dump and no catalog change. Read the release notes for post-update steps."))
        }
        return check
    }

    static func databaseSizes(_ f: ReportFacts) -> ReportCheck {
        guard let databases = f.databases.value else { return unavailable("database_sizes", "Databases and their sizes", f.databases) }
        var check = ReportCheck(id: "database_sizes", title: "Databases and their sizes")
        check.observations = [.table(ReportTable(
            columns: ["database", "size", "backends", "commits", "rollbacks", "statistics reset"],
            rows: databases.map { d in
                [d.name + (d.isCurrent ? " (connected)" : ""), d.sizeBytes.map(ReportFormat.bytes) ?? "not readable",
                 ReportFormat.count(d.backends), ReportFormat.count(d.commits), ReportFormat.count(d.rollbacks),
                 d.statsReset.map(ReportFormat.time) ?? "never"]
            }))]
        let total = databases.compactMap(\.sizeBytes).reduce(0, +)
        check.conclusions = ["\(ReportFormat.n(databases.count, "database")), \(ReportFormat.bytes(total)) in all (pg_database_size)."]
        let hidden = databases.filter { $0.sizeBytes == nil }.map(\.name)
        if !hidden.isEmpty {
            check.conclusions.append("Sizes not readable by role \(f.info.currentUser): \(hidden.joined(separator: ", ")) (GRANT pg_read_all_stats, or CONNECT on them).")
        }
        return check
    }

    static func largestTables(_ f: ReportFacts) -> ReportCheck {
        guard let tables = f.tables.value else { return unavailable("largest_tables", "Largest tables", f.tables) }
        let largest = tables.tables.sorted { ($0.sizeBytes, $1.qualifiedName) > ($1.sizeBytes, $0.qualifiedName) }
        let exact = Dictionary((f.exactSizes.value ?? []).map { ($0.tableOid, $0) }, uniquingKeysWith: { a, _ in a })
        var check = ReportCheck(id: "largest_tables", title: "Largest tables")
        check.observations = [.table(ReportTable(
            columns: ["table", "size (relpages)", "heap (exact)", "with TOAST and indexes (exact)", "live rows", "dead rows", "last vacuum", "last analyze"],
            rows: largest.map { t in
                [t.qualifiedName, ReportFormat.bytes(t.sizeBytes), ReportFormat.bytes(exact[t.oid]?.heapBytes),
                 ReportFormat.bytes(exact[t.oid]?.totalBytes), ReportFormat.count(t.liveTuples), ReportFormat.count(t.deadTuples),
                 t.lastVacuumAny.map(ReportFormat.time) ?? "never", t.lastAnalyzeAny.map(ReportFormat.time) ?? "never"]
            }))]
        let total = tables.tables.reduce(Int64(0)) { $0 + $1.sizeBytes }
        check.conclusions = ["\(ReportFormat.n(tables.tables.count, "table")) in database \(tables.database), \(ReportFormat.bytes(total)) of heap in all by relpages x block size (as of each table's last VACUUM or ANALYZE; no lock taken to read them)."]
        if let reason = f.exactSizes.reason {
            check.conclusions.append("Exact sizes not read: \(reason.summary).")
        } else {
            check.conclusions.append("Exact sizes (pg_relation_size, pg_total_relation_size) only for the \(ReportFormat.n(exact.count, "largest table")): they lock each table briefly.")
        }
        return check
    }

    static func extensions(_ f: ReportFacts) -> ReportCheck {
        guard let list = f.extensions.value else { return unavailable("extensions", "Extensions", f.extensions) }
        var check = ReportCheck(id: "extensions", title: "Extensions")
        check.observations = [.table(ReportTable(
            columns: ["extension", "installed", "server's default", "schema"],
            rows: list.map { [$0.name, $0.version, $0.defaultVersion ?? "files missing", $0.schema] }))]
        let behind = list.filter { $0.defaultVersion != nil && $0.defaultVersion != $0.version }
        check.conclusions = ["\(ReportFormat.n(list.count, "extension")) installed in database \(f.currentDatabase?.name ?? "connected")."]
        if !f.info.extensions.keys.contains("pg_stat_statements") {
            check.conclusions.append("pg_stat_statements is not installed here: query statistics are not available to this report.")
        }
        if !behind.isEmpty {
            check.priority = .p3
            check.conclusions.append("\(ReportFormat.n(behind.count, "extension")) \(ReportFormat.v(behind.count, "is", "are")) older than the version the server's files provide: new functions and fixes are not in use.")
            for e in behind {
                check.recommendations.append(ReportRecommendation(
                    "Update extension \(e.name) from \(e.version) to \(e.defaultVersion ?? "?").",
                    doSQL: "ALTER EXTENSION \(SQLIdentifier.quote(e.name)) UPDATE;",
                    undoSQL: "-- not every extension ships a downgrade script: ALTER EXTENSION \(SQLIdentifier.quote(e.name)) UPDATE TO '\(e.version)';"))
                check.objects.append(e.name)
            }
        }
        return check
    }

    static func settings(_ f: ReportFacts) -> ReportCheck {
        guard let list = f.settings.value else { return unavailable("settings_changed", "Settings changed from their defaults", f.settings) }
        var check = ReportCheck(id: "settings_changed", title: "Settings changed from their defaults")
        func value(_ v: String?, _ unit: String?) -> String { (v ?? "-") + (unit.map { " \($0)" } ?? "") }
        check.observations = [.table(ReportTable(
            columns: ["setting", "value", "default", "source"],
            rows: list.map { s in
                [s.name, value(ReportFormat.oneLine(s.setting, limit: 60), s.unit), value(s.defaultValue, s.unit),
                 s.source + (s.pendingRestart ? " (restart pending)" : "")]
            }, limit: 40))]
        check.conclusions = ["\(ReportFormat.n(list.count, "setting")) \(ReportFormat.v(list.count, "differs", "differ")) from the built-in defaults (pg_settings, our own session's settings left out)."]
        // Settings that trade crash safety for speed: fine for a throwaway server, never for data
        // that matters (docs/report.md, "Settings").
        let unsafe = list.filter { ["fsync", "full_page_writes"].contains($0.name) && $0.setting == "off" }
        if !unsafe.isEmpty {
            check.priority = .p1
            check.conclusions.append("\(unsafe.map { "\($0.name) = off" }.joined(separator: " and ")): an operating-system crash or power loss can corrupt the cluster beyond repair.")
            check.recommendations.append(ReportRecommendation(
                "Turn \(unsafe.map(\.name).joined(separator: " and ")) back on unless this server's data can be thrown away.",
                doSQL: unsafe.map { "ALTER SYSTEM SET \($0.name) = on;" }.joined(separator: " ") + " SELECT pg_reload_conf();",
                undoSQL: unsafe.map { "ALTER SYSTEM SET \($0.name) = off;" }.joined(separator: " ") + " SELECT pg_reload_conf();"))
        }
        if let commit = list.first(where: { $0.name == "synchronous_commit" && $0.setting == "off" }) {
            check.priority = ReportPriority.most(check.priority, .p3)
            check.conclusions.append("\(commit.name) = off: a crash loses the last transactions acknowledged as committed (up to three times wal_writer_delay), without corruption.")
        }
        let pending = list.filter(\.pendingRestart)
        if !pending.isEmpty {
            check.priority = ReportPriority.most(check.priority, .p3)
            check.conclusions.append("\(ReportFormat.n(pending.count, "changed setting")) \(ReportFormat.v(pending.count, "waits", "wait")) for a restart to take effect: \(pending.map(\.name).joined(separator: ", ")).")
            check.recommendations.append(ReportRecommendation(
                "Restart the server in a maintenance window so the pending settings take effect (or revert them in postgresql.conf / ALTER SYSTEM RESET)."))
        }
        return check
    }

    static func replicationOverview(_ f: ReportFacts) -> ReportCheck {
        guard let r = f.replication.value else { return unavailable("replication", "Primary, standbys and slots", f.replication) }
        var check = ReportCheck(id: "replication", title: "Primary, standbys and slots")
        check.observations = [.text("This server is a \(r.inRecovery ? "standby (in recovery)" : "primary").")]
        if !r.standbys.isEmpty {
            check.observations.append(.table(ReportTable(
                columns: ["standby", "client", "state", "sync", "replay behind", "slot"],
                rows: r.standbys.map { [$0.name, $0.client, $0.state, $0.syncState, ReportFormat.bytes($0.replayLagBytes), $0.usesSlot ? "yes" : "no"] })))
        }
        if !r.slots.isEmpty {
            check.observations.append(.table(ReportTable(
                columns: ["slot", "type", "database", "active", "WAL status", "WAL retained"],
                rows: r.slots.map { [$0.name, $0.type, $0.database, $0.active ? "yes" : "no", $0.walStatus, ReportFormat.bytes($0.retainedBytes)] })))
        }
        check.conclusions = ["\(ReportFormat.n(r.standbys.count, "standby", "standbys")) connected, \(ReportFormat.n(r.slots.count, "replication slot"))."]
        return check
    }

    /// What this report could not check, and why: sections the role could not read, limits of
    /// what it could, and what needs more than catalog views.
    static func coverage(_ f: ReportFacts, server: ReportServer) -> ReportCheck {
        var check = ReportCheck(id: "coverage", title: "What this report could not check")
        var rows: [[String]] = []
        for (name, result) in f.parts {
            if let reason = result { rows.append([name, reason]) }
        }
        for limitation in server.limitations { rows.append(["limited", limitation]) }
        if let how = f.indexTrials?.value?.howToGetHypoPG {
            rows.append(["hypothetical indexes", "candidate indexes for the tables read by sequential scans were not tested: " + how])
        }
        rows.append(["operating system", "CPU, memory, disk space and file systems need access to the host: this report reads catalog views only"])
        rows.append(["exact sizes", "sizes are relpages x block size (as of the last VACUUM/ANALYZE), exact only for the largest tables: an exact size locks its relation"])
        rows.append(["growth", "one reading cannot show growth over time: inserts per day since the statistics reset stand in for it"])
        check.observations = [.table(ReportTable(columns: ["part", "why"], rows: rows, limit: 40))]
        check.conclusions = [server.privileges.superuser
            ? "Connected as a superuser: nothing was hidden by privileges."
            : "Connected as role \(server.role) (\(server.privilegeSummary)): what it could not see is listed above with the grant that would show it."]
        return check
    }
}

extension ReportFacts {
    /// Every part and why it is missing (nil: read).
    var parts: [(String, String?)] {
        [("activity", snapshot.unavailable.isEmpty ? nil : snapshot.unavailable.values.map(\.summary).joined(separator: "; ")),
         ("query statistics (pg_stat_statements)", statements.reason?.summary),
         ("indexes", indexes.reason?.summary), ("tables and vacuum", tables.reason?.summary), ("bloat", bloat.reason?.summary),
         ("databases", databases.reason?.summary), ("settings", settings.reason?.summary), ("extensions", extensions.reason?.summary),
         ("table scans", tableActivity.reason?.summary), ("cache hits", cache.reason?.summary),
         ("primary keys", tablesWithoutPrimaryKey.reason?.summary), ("NOT VALID constraints", notValidConstraints.reason?.summary),
         ("checkpoints", checkpoints.reason?.summary), ("role timeouts", roleTimeouts.reason?.summary),
         ("wait events", waits.reason?.summary), ("replication", replication.reason?.summary),
         ("partition keys", partitionKeys.reason?.summary), ("exact sizes", exactSizes.reason?.summary),
         ("hypothetical indexes", indexTrials?.reason?.summary)]
    }
}

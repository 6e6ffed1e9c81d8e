#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// "Query Performance" and "Bottleneck Assessment". Pure functions of the facts.
extension ReportChecks {
    static func queryPerformance(_ f: ReportFacts) -> [ReportCheck] {
        [topStatements(f), slowStatements(f), tempSpills(f), statementCache(f), indexUsageSummary(f)]
    }

    static func bottlenecks(_ f: ReportFacts, server: ReportServer) -> [ReportCheck] {
        [cacheHit(f), tempFiles(f), checkpoints(f), waitEvents(f), blocking(f), deadlocks(f), longTransactions(f),
         idleInTransaction(f), roleTimeouts(f), connections(f), tableBloat(f), autovacuum(f), wraparound(f), walRetained(f)]
    }

    /// The statements of the workload (pgtriage's own left out), with each one's share of their
    /// total execution time since the entries started counting.
    static func workload(_ section: StatementsSection) -> [(row: StatementRow, share: Double)] {
        let rows = section.rows.filter { !$0.stats.isOwn }
        let total = rows.reduce(0.0) { $0 + $1.totals.totalMs }
        return rows.map { ($0, total > 0 ? $0.totals.totalMs / total : 0) }
            .sorted { ($0.row.totals.totalMs, $1.row.stats.key) > ($1.row.totals.totalMs, $0.row.stats.key) }
    }

    static func statementObject(_ row: StatementRow) -> String {
        row.stats.key.queryid.map { "queryid:\($0)" } ?? "queryid:hidden"
    }

    static func statementRow(_ row: StatementRow, share: Double?) -> [String] {
        [share.map { ReportFormat.percent($0) } ?? "-", ReportFormat.ms(row.totals.totalMs), ReportFormat.count(row.totals.calls),
         row.totals.meanMs.map(ReportFormat.ms) ?? "-", row.stats.user ?? "-", ReportFormat.oneLine(row.stats.query)]
    }

    static let statementColumns = ["share of time", "total", "calls", "mean", "role", "query"]

    static func topStatements(_ f: ReportFacts) -> ReportCheck {
        let id = "top_statements", title = "Top statements by total time"
        guard let section = f.statements.value else { return unavailable(id, title, f.statements) }
        let rows = workload(section)
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(columns: statementColumns, rows: rows.map { statementRow($0.row, share: $0.share) }))]
        if let reset = section.statsReset { check.observations.append(.text("pg_stat_statements counts since \(ReportFormat.time(reset)).")) }
        guard let top = rows.first, top.row.totals.totalMs > 0 else {
            check.conclusions = ["No statement has run since pg_stat_statements started counting."]
            return check
        }
        let dominant = rows.filter { $0.share > ReportThresholds.dominantStatementShare }
        if dominant.isEmpty {
            check.conclusions = ["No single statement takes over \(Int(ReportThresholds.dominantStatementShare * 100)) % of the execution time; the top one takes \(ReportFormat.percent(top.share))."]
        } else {
            check.priority = .p1
            for d in dominant {
                check.conclusions.append("One statement takes \(ReportFormat.percent(d.share)) of all execution time (\(ReportFormat.count(d.row.totals.calls)) calls, mean \(d.row.totals.meanMs.map(ReportFormat.ms) ?? "-")): `\(ReportFormat.oneLine(d.row.stats.query, limit: 100))`. Making it cheaper helps the whole server more than anything else.")
                check.recommendations.append(ReportRecommendation(
                    "Read the plan of \(statementObject(d.row)) (`pgtriage explain`, or the Statements pane's `e`): look for a sequential scan that an index would avoid, a misestimate, or a sort or hash spilling to disk; or call it less often (cache, batch).",
                    doSQL: explainSQL(d.row, serverVersion: f.info.versionNum)))
                check.objects.append(statementObject(d.row))
            }
        }
        return check
    }

    /// `EXPLAIN (GENERIC_PLAN)` of a normalised statement on 16+ (its `$n` need no values);
    /// nil before 16 or when the text is cut.
    static func explainSQL(_ row: StatementRow, serverVersion: Int) -> String? {
        guard serverVersion >= 160000, !row.stats.queryIsCut, !row.stats.isHidden else { return nil }
        return "EXPLAIN (GENERIC_PLAN) " + ReportFormat.trimmed(row.stats.query) + ";"
    }

    static func slowStatements(_ f: ReportFacts) -> ReportCheck {
        let id = "slow_statements", title = "Slow statements"
        guard let section = f.statements.value else { return unavailable(id, title, f.statements) }
        let slow = workload(section).filter {
            ($0.row.totals.meanMs ?? 0) >= ReportThresholds.slowStatementMeanMs && $0.row.totals.calls >= ReportThresholds.slowStatementCalls
        }.sorted { ($0.row.totals.meanMs ?? 0) > ($1.row.totals.meanMs ?? 0) }
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(columns: statementColumns, rows: slow.map { statementRow($0.row, share: $0.share) }))]
        if slow.isEmpty {
            check.conclusions = ["No statement averages \(Int(ReportThresholds.slowStatementMeanMs)) ms or more over \(ReportThresholds.slowStatementCalls) calls or more."]
        } else {
            check.priority = .p2
            check.conclusions = ["\(ReportFormat.n(slow.count, "statement")) \(ReportFormat.v(slow.count, "averages", "average")) \(Int(ReportThresholds.slowStatementMeanMs)) ms or more over at least \(ReportThresholds.slowStatementCalls) calls: each call makes a user wait."]
            check.recommendations = [ReportRecommendation("Read the plans of the slow statements, slowest first (`pgtriage explain`); an index on their filter columns or a rewrite usually removes most of the time.")]
            check.objects = slow.prefix(ReportThresholds.listLimit).map { statementObject($0.row) }
        }
        return check
    }

    static func tempSpills(_ f: ReportFacts) -> ReportCheck {
        let id = "temp_spills", title = "Statements spilling to temporary files"
        guard let section = f.statements.value else { return unavailable(id, title, f.statements) }
        let spills = workload(section).filter { $0.row.totals.tempWrittenBytes > 0 }
            .sorted { $0.row.totals.tempWrittenBytes > $1.row.totals.tempWrittenBytes }
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(
            columns: ["temp written", "calls", "mean", "role", "query"],
            rows: spills.map { [ReportFormat.bytes($0.row.totals.tempWrittenBytes), ReportFormat.count($0.row.totals.calls),
                                $0.row.totals.meanMs.map(ReportFormat.ms) ?? "-", $0.row.stats.user ?? "-", ReportFormat.oneLine($0.row.stats.query)] }))]
        if spills.isEmpty {
            check.conclusions = ["No statement wrote temporary files."]
        } else {
            check.priority = .p3
            check.conclusions = ["\(ReportFormat.n(spills.count, "statement")) sorted or hashed more than work_mem holds and wrote the rest to temporary files."]
            let roles = Set(spills.prefix(ReportThresholds.listLimit).compactMap { $0.row.stats.user }).sorted()
            for role in roles {
                check.recommendations.append(ReportRecommendation(
                    "Give role \(role) more work_mem if its spilling statements cannot avoid the sort or hash (each sort or hash node may use that much, per backend).",
                    doSQL: "ALTER ROLE \(SQLIdentifier.quote(role)) SET work_mem = '64MB';",
                    undoSQL: "ALTER ROLE \(SQLIdentifier.quote(role)) RESET work_mem;"))
            }
            check.objects = spills.prefix(ReportThresholds.listLimit).map { statementObject($0.row) }
        }
        return check
    }

    static func statementCache(_ f: ReportFacts) -> ReportCheck {
        let id = "statement_hit_ratio", title = "Statements reading from disk"
        guard let section = f.statements.value else { return unavailable(id, title, f.statements) }
        let blockSize = Int64(f.info.blockSize)
        let low = workload(section).filter {
            ($0.row.totals.hitRatio ?? 1) < ReportThresholds.hitRatio
                && $0.row.totals.readBytes / max(1, blockSize) >= ReportThresholds.statementHitMinimumBlocks
        }.sorted { $0.row.totals.readBytes > $1.row.totals.readBytes }
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(
            columns: ["hit ratio", "read", "calls", "role", "query"],
            rows: low.map { [ReportFormat.percent($0.row.totals.hitRatio), ReportFormat.bytes($0.row.totals.readBytes),
                             ReportFormat.count($0.row.totals.calls), $0.row.stats.user ?? "-", ReportFormat.oneLine($0.row.stats.query)] }))]
        if low.isEmpty {
            check.conclusions = ["No statement with real block traffic (\(ReportThresholds.statementHitMinimumBlocks)+ blocks read) finds less than \(Int(ReportThresholds.hitRatio * 100)) % of its blocks in shared buffers."]
        } else {
            check.priority = .p3
            check.conclusions = ["\(ReportFormat.n(low.count, "statement")) \(ReportFormat.v(low.count, "finds", "find")) less than \(Int(ReportThresholds.hitRatio * 100)) % of their blocks in shared buffers: \(ReportFormat.v(low.count, "it waits", "they wait")) on reads (from the OS cache at best)."]
            check.recommendations = [ReportRecommendation("Check whether these statements read more than they need (a missing index makes them scan); if the working set is simply larger than shared_buffers, size shared_buffers to the host's memory (about 25 % of RAM is the usual start).")]
            check.objects = low.prefix(ReportThresholds.listLimit).map { statementObject($0.row) }
        }
        return check
    }

    static func indexUsageSummary(_ f: ReportFacts) -> ReportCheck {
        var check = ReportCheck(id: "index_usage", title: "Index utilization")
        guard let indexes = f.indexes.value else { return unavailable("index_usage", "Index utilization", f.indexes) }
        func count(_ flag: IndexFlag) -> Int { indexes.indexes.count { $0.flags.contains(flag) } }
        let heavy = sequentialScanTables(f).count
        check.observations = [.table(ReportTable(columns: ["finding", "count"], rows: [
            ["indexes", String(indexes.indexes.count)],
            ["unused", String(count(.unused))], ["redundant", String(count(.redundant))], ["invalid", String(count(.invalid))],
            ["bloated", String(count(.bloated))], ["foreign keys without an index", String(indexes.missingFKIndexes.count)],
            ["tables read mostly by sequential scans", f.tableActivity.value == nil ? "not checked" : String(heavy)],
        ]))]
        check.conclusions = ["Details and fixes are under Indexing Strategy and Data Model Analysis."]
        return check
    }

    // MARK: Bottleneck Assessment

    static func cacheHit(_ f: ReportFacts) -> ReportCheck {
        let id = "cache_hit_ratio", title = "Cache hit ratio"
        guard let databases = f.databases.value else { return unavailable(id, title, f.databases) }
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(
            columns: ["database", "hit ratio", "blocks read", "blocks hit"],
            rows: databases.filter { $0.blocksHit + $0.blocksRead > 0 }.map {
                [$0.name, ReportFormat.percent($0.hitRatio), ReportFormat.count($0.blocksRead), ReportFormat.count($0.blocksHit)]
            }))]
        if let cache = f.cache.value {
            check.observations.append(.text("In database \(f.currentDatabase?.name ?? "connected"): tables \(ReportFormat.percent(cache.heapRatio)), indexes \(ReportFormat.percent(cache.indexRatio)) of blocks found in shared buffers."))
        }
        let low = databases.filter { ($0.hitRatio ?? 1) < ReportThresholds.hitRatio && $0.blocksHit + $0.blocksRead >= 10_000 }
        if low.isEmpty {
            check.conclusions = ["Every database with real traffic finds \(Int(ReportThresholds.hitRatio * 100)) % or more of its blocks in shared buffers."]
        } else {
            check.priority = .p2
            check.conclusions = ["\(low.map(\.name).joined(separator: ", ")) find less than \(Int(ReportThresholds.hitRatio * 100)) % of their blocks in shared buffers: reads go to the OS cache or the disk."]
            check.recommendations = [ReportRecommendation("Find the statements that read most (Statements reading from disk) and the tables scanned sequentially; then size shared_buffers to the host's memory (it needs a restart).",
                                                          doSQL: "ALTER SYSTEM SET shared_buffers = '<25 % of RAM>';  -- then restart",
                                                          undoSQL: "ALTER SYSTEM RESET shared_buffers;  -- then restart")]
            check.objects = low.map(\.name)
        }
        return check
    }

    static func tempFiles(_ f: ReportFacts) -> ReportCheck {
        let id = "temp_files", title = "Temporary files per database"
        guard let databases = f.databases.value else { return unavailable(id, title, f.databases) }
        var check = ReportCheck(id: id, title: title)
        let spilling = databases.filter { $0.tempFiles > 0 }.sorted { $0.tempBytes > $1.tempBytes }
        check.observations = [.table(ReportTable(columns: ["database", "temp files", "temp bytes", "since"],
                                                 rows: spilling.map { [$0.name, ReportFormat.count($0.tempFiles), ReportFormat.bytes($0.tempBytes), $0.statsReset.map(ReportFormat.time) ?? "statistics start"] }))]
        if spilling.isEmpty {
            check.conclusions = ["No database wrote temporary files since its statistics were reset."]
        } else {
            check.priority = .p3
            check.conclusions = ["\(ReportFormat.n(spilling.count, "database")) wrote temporary files (sorts and hashes larger than work_mem); see Statements spilling to temporary files for which statements."]
            check.objects = spilling.map(\.name)
        }
        return check
    }

    static func checkpoints(_ f: ReportFacts) -> ReportCheck {
        let id = "checkpoints", title = "Checkpoints requested vs timed"
        guard let c = f.checkpoints.value else { return unavailable(id, title, f.checkpoints) }
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(columns: ["timed", "requested", "requested share", "write time", "sync time", "buffers written", "checkpoint_timeout", "max_wal_size", "since"], rows: [[
            ReportFormat.count(c.timed), ReportFormat.count(c.requested), ReportFormat.percent(c.requestedShare),
            ReportFormat.ms(c.writeMs), ReportFormat.ms(c.syncMs), ReportFormat.count(c.buffersWritten), c.checkpointTimeout, c.maxWalSize,
            c.statsReset.map(ReportFormat.time) ?? "-"]]))]
        check.observations.append(.text("Source: \(f.info.versionNum >= 170000 ? "pg_stat_checkpointer" : "pg_stat_bgwriter")."))
        let total = c.timed + c.requested
        if total < ReportThresholds.checkpointsMinimum {
            check.conclusions = ["Too few checkpoints (\(total)) since the counters' reset to judge."]
        } else if let share = c.requestedShare, share > ReportThresholds.requestedCheckpointShare {
            check.priority = .p2
            check.conclusions = ["\(ReportFormat.percent(share)) of checkpoints were requested (WAL reached max_wal_size, or someone ran CHECKPOINT) rather than timed: write bursts and more full-page writes."]
            check.recommendations = [ReportRecommendation("Raise max_wal_size so checkpoints come from checkpoint_timeout (check the disk has room for it).",
                                                          doSQL: "ALTER SYSTEM SET max_wal_size = '<twice \(c.maxWalSize)>'; SELECT pg_reload_conf();",
                                                          undoSQL: "ALTER SYSTEM RESET max_wal_size; SELECT pg_reload_conf();")]
        } else {
            check.conclusions = ["Checkpoints are mostly timed (\(ReportFormat.percent(c.requestedShare)) requested)."]
        }
        return check
    }

    static func waitEvents(_ f: ReportFacts) -> ReportCheck {
        let id = "wait_events", title = "Wait-event mix"
        guard let w = f.waits.value else { return unavailable(id, title, f.waits) }
        var check = ReportCheck(id: id, title: title)
        let total = max(1, w.total)
        check.observations = [.table(ReportTable(columns: ["wait type", "wait event", "share", "backend-samples"],
                                                 rows: w.entries.map { [$0.type, $0.event, ReportFormat.percent(Double($0.count) / Double(total)), String($0.count)] }))]
        check.observations.append(.text("\(w.samples) samples of pg_stat_activity over \(ReportFormat.fixed(w.seconds, 1)) s; \(ReportFormat.fixed(w.averageActive, 1)) active backends on average. \"CPU\" is an active backend with no wait event."))
        guard w.total > 0 else {
            check.conclusions = ["No client backend was active during the samples: nothing waited."]
            return check
        }
        let lock = w.share(ofType: "Lock") ?? 0, io = w.share(ofType: "IO") ?? 0, cpu = w.share(ofType: "CPU") ?? 0
        check.conclusions = ["Active backends spent \(ReportFormat.percent(cpu)) of samples on CPU, \(ReportFormat.percent(io)) on I/O and \(ReportFormat.percent(lock)) waiting for locks."]
        if lock > ReportThresholds.lockWaitShare {
            check.priority = .p2
            check.conclusions.append("Lock waits dominate: sessions queue behind each other (see Lock contention now).")
            check.recommendations = [ReportRecommendation("Find what holds the locks (the Locks pane, or Lock contention now) and shorten those transactions; set lock_timeout for the application roles so waits fail fast instead of piling up.")]
        }
        return check
    }

    static func backendLabel(_ b: BackendActivity?, pid: Int32, now: Date) -> [String] {
        [String(pid), b?.user ?? "-", b?.application ?? "-", b?.state ?? "-", ReportFormat.duration(b?.xactAge(at: now)),
         ReportFormat.oneLine(b?.query ?? "", limit: 60)]
    }

    static func blocking(_ f: ReportFacts) -> ReportCheck {
        var check = ReportCheck(id: "lock_contention", title: "Lock contention now")
        let s = f.snapshot
        let roots = s.blocking.roots
        check.observations = [.table(ReportTable(columns: ["root pid", "user", "application", "state", "transaction age", "query", "backends held up"],
                                                 rows: roots.map { backendLabel(s.backend(pid: $0.pid), pid: $0.pid, now: s.capturedAt) + [String($0.heldUpCount)] }))]
        if roots.isEmpty {
            check.conclusions = ["No backend waits for a lock held by another at \(ReportFormat.time(s.capturedAt))."]
            return check
        }
        check.priority = .p2
        check.conclusions = ["\(ReportFormat.n(s.blocking.blockedCount, "backend")) \(ReportFormat.v(s.blocking.blockedCount, "waits", "wait")) behind \(ReportFormat.n(roots.count, "blocking root")). Ending a root's transaction frees its whole tree."]
        for root in roots {
            let b = s.backend(pid: root.pid)
            check.recommendations.append(ReportRecommendation(
                "End the transaction of pid \(root.pid) (\(b?.user ?? "?"), \(b?.state ?? "?")) if its owner cannot: it holds up \(root.heldUpCount) backends.",
                doSQL: "SELECT pg_terminate_backend(\(root.pid));"))
            check.objects.append("pid:\(root.pid)")
        }
        return check
    }

    static func deadlocks(_ f: ReportFacts) -> ReportCheck {
        let id = "deadlocks", title = "Deadlocks"
        guard let databases = f.databases.value else { return unavailable(id, title, f.databases) }
        var check = ReportCheck(id: id, title: title)
        let some = databases.filter { $0.deadlocks > 0 }
        check.observations = [.table(ReportTable(columns: ["database", "deadlocks", "since"],
                                                 rows: some.map { [$0.name, ReportFormat.count($0.deadlocks), $0.statsReset.map(ReportFormat.time) ?? "statistics start"] }))]
        if some.isEmpty {
            check.conclusions = ["No deadlock since the statistics were reset."]
        } else {
            check.priority = .p3
            check.conclusions = ["\(some.map(\.name).joined(separator: ", ")) had deadlocks: each one cost a transaction a rollback after deadlock_timeout."]
            check.recommendations = [ReportRecommendation("Find the statements in the server log (log_lock_waits = on shows the waits too) and make the transactions take their row locks in one order.",
                                                          doSQL: "ALTER SYSTEM SET log_lock_waits = on; SELECT pg_reload_conf();",
                                                          undoSQL: "ALTER SYSTEM RESET log_lock_waits; SELECT pg_reload_conf();")]
            check.objects = some.map(\.name)
        }
        return check
    }

    static func clientBackends(_ f: ReportFacts) -> [BackendActivity] {
        f.snapshot.activity.filter { $0.backendType == "client backend" && $0.pid != f.info.ownPid && $0.application != "pgtriage" }
    }

    static func longTransactions(_ f: ReportFacts) -> ReportCheck {
        var check = ReportCheck(id: "long_transactions", title: "Transactions open over an hour")
        let now = f.snapshot.capturedAt
        let long = clientBackends(f).filter { ($0.xactAge(at: now) ?? 0) > ReportThresholds.longTransactionSeconds }
            .sorted { ($0.xactAge(at: now) ?? 0) > ($1.xactAge(at: now) ?? 0) }
        check.observations = [.table(ReportTable(columns: ["pid", "user", "application", "state", "transaction age", "query"],
                                                 rows: long.map { backendLabel($0, pid: $0.pid, now: now) }))]
        if long.isEmpty {
            check.conclusions = ["No transaction has been open for more than an hour."]
            return check
        }
        check.priority = .p1
        check.conclusions = ["\(ReportFormat.n(long.count, "transaction")) \(ReportFormat.v(long.count, "has", "have")) been open for more than an hour: VACUUM cannot remove rows deleted since they began (bloat everywhere), and their locks stay held."]
        for b in long {
            check.recommendations.append(ReportRecommendation("Ask the owner of pid \(b.pid) (\(b.user ?? "?"), \(b.application)) to end it, or end it.", doSQL: "SELECT pg_terminate_backend(\(b.pid));"))
            check.objects.append("pid:\(b.pid)")
        }
        return check
    }

    static func idleInTransaction(_ f: ReportFacts) -> ReportCheck {
        var check = ReportCheck(id: "idle_in_transaction", title: "Sessions idle in transaction")
        let now = f.snapshot.capturedAt
        let idle = clientBackends(f).filter(\.isIdleInTransaction).sorted { ($0.stateAge(at: now) ?? 0) > ($1.stateAge(at: now) ?? 0) }
        check.observations = [.table(ReportTable(columns: ["pid", "user", "application", "idle for", "transaction age", "last query"],
                                                 rows: idle.map { [String($0.pid), $0.user ?? "-", $0.application, ReportFormat.duration($0.stateAge(at: now)),
                                                                   ReportFormat.duration($0.xactAge(at: now)), ReportFormat.oneLine($0.query, limit: 60)] }))]
        if idle.isEmpty {
            check.conclusions = ["No session is idle inside a transaction."]
            return check
        }
        let old = idle.filter { ($0.stateAge(at: now) ?? 0) >= ReportThresholds.idleInTransactionSeconds }
        check.priority = old.isEmpty ? .p3 : .p2
        check.conclusions = ["\(ReportFormat.n(idle.count, "session")) \(ReportFormat.v(idle.count, "sits", "sit")) idle inside an open transaction (\(old.count) for a minute or more): they hold their locks and the xmin horizon while doing nothing, usually an application that forgot to commit."]
        for b in idle {
            check.recommendations.append(ReportRecommendation("End the idle transaction of pid \(b.pid) (\(b.user ?? "?"), \(b.application)) if its owner cannot.", doSQL: "SELECT pg_terminate_backend(\(b.pid));"))
            check.objects.append("pid:\(b.pid)")
        }
        for role in Set(idle.compactMap(\.user)).sorted() {
            check.recommendations.append(ReportRecommendation(
                "Let the server end role \(role)'s forgotten transactions by itself.",
                doSQL: "ALTER ROLE \(SQLIdentifier.quote(role)) SET idle_in_transaction_session_timeout = '5min';",
                undoSQL: "ALTER ROLE \(SQLIdentifier.quote(role)) RESET idle_in_transaction_session_timeout;"))
            check.objects.append(role)
        }
        return check
    }

    static func roleTimeouts(_ f: ReportFacts) -> ReportCheck {
        let id = "role_timeouts", title = "Timeouts of the roles that connect"
        guard let roles = f.roleTimeouts.value else { return unavailable(id, title, f.roleTimeouts) }
        var check = ReportCheck(id: id, title: title)
        let connecting = roles.filter { $0.sessions > 0 && $0.role != f.info.currentUser }
        check.observations = [.table(ReportTable(columns: ["role", "sessions now", "statement_timeout", "idle_in_transaction_session_timeout", "lock_timeout"],
                                                 rows: connecting.map { [$0.role, String($0.sessions), $0.statementTimeout, $0.idleInTransactionTimeout, $0.lockTimeout] }))]
        let open = connecting.filter { RoleTimeouts.isZero($0.statementTimeout) && RoleTimeouts.isZero($0.idleInTransactionTimeout) && !$0.superuser }
        if connecting.isEmpty {
            check.conclusions = ["No other role is connected now."]
        } else if open.isEmpty {
            check.conclusions = ["Every connected application role has a statement or idle-in-transaction timeout."]
        } else {
            check.priority = .p3
            check.conclusions = ["\(ReportFormat.n(open.count, "connected role")) \(ReportFormat.v(open.count, "runs", "run")) with no statement_timeout and no idle_in_transaction_session_timeout: a runaway query or a forgotten transaction runs until someone notices."]
            for r in open {
                check.recommendations.append(ReportRecommendation(
                    "Give role \(r.role) timeouts that fit its work.",
                    doSQL: "ALTER ROLE \(r.quoted) SET statement_timeout = '60s'; ALTER ROLE \(r.quoted) SET idle_in_transaction_session_timeout = '5min';",
                    undoSQL: "ALTER ROLE \(r.quoted) RESET statement_timeout; ALTER ROLE \(r.quoted) RESET idle_in_transaction_session_timeout;"))
                check.objects.append(r.role)
            }
        }
        return check
    }

    static func connections(_ f: ReportFacts) -> ReportCheck {
        var check = ReportCheck(id: "connections", title: "Connections against max_connections")
        let s = f.snapshot.summary
        let share = s.maxConnections > 0 ? Double(s.connections) / Double(s.maxConnections) : 0
        let idle = clientBackends(f).count { $0.isIdle }
        check.observations = [.table(ReportTable(columns: ["connections", "max_connections", "share", "active", "idle", "idle in transaction", "waiting on locks"], rows: [[
            String(s.connections), String(s.maxConnections), ReportFormat.percent(share), String(s.activeConnections), String(idle),
            String(s.idleInTransaction), String(s.waitingOnLocks)]]))]
        if share >= ReportThresholds.connectionsShareP1 {
            check.priority = .p1
        } else if share >= ReportThresholds.connectionsShareP2 {
            check.priority = .p2
        }
        if let p = check.priority {
            check.conclusions = ["\(ReportFormat.percent(share)) of max_connections are in use (\(p.rawValue)): new sessions will soon be refused (superuser_reserved_connections excepted)."]
            check.recommendations = [ReportRecommendation("Put a connection pooler (PgBouncer in transaction mode) in front of the applications rather than raising max_connections (each backend costs memory; many idle ones slow snapshots).")]
        } else {
            check.conclusions = ["\(ReportFormat.percent(share)) of max_connections are in use."]
        }
        return check
    }

    static func tableBloat(_ f: ReportFacts) -> ReportCheck {
        let id = "table_bloat", title = "Table bloat (estimated)"
        guard let bloat = f.bloat.value else { return unavailable(id, title, f.bloat) }
        var check = ReportCheck(id: id, title: title)
        let bloated = bloat.relations.filter {
            $0.kind == .table && ($0.bloatPercent ?? 0) >= ReportThresholds.bloatPercentWarning && $0.sizeBytes >= ReportThresholds.bloatMinimumBytes
        }
        check.observations = [.table(ReportTable(columns: ["table", "size", "bloat", "bloat %", "dead rows", "last vacuum"],
                                                 rows: bloated.map { [$0.qualifiedName, ReportFormat.bytes($0.sizeBytes), ReportFormat.bytes($0.bloatBytes),
                                                                      ReportFormat.fixed($0.bloatPercent ?? 0, 0) + " %", $0.deadTuples.map(ReportFormat.count) ?? "-",
                                                                      $0.lastVacuumAny.map(ReportFormat.time) ?? "never"] }))]
        check.observations.append(.text("Estimated from statistics (ioguix's method) for the \(bloat.limit) largest tables; exact figures need pgstattuple (the Bloat pane's `x`)."))
        let unknown = bloat.relations.filter { $0.kind == .table && $0.status != .estimated && $0.sizeBytes >= ReportThresholds.bloatMinimumBytes }
        if !unknown.isEmpty {
            check.observations.append(.table(ReportTable(columns: ["not estimated", "size", "why"],
                                                         rows: unknown.map { [$0.qualifiedName, ReportFormat.bytes($0.sizeBytes), $0.status.label] })))
        }
        if bloated.isEmpty {
            check.conclusions = ["No table over \(ReportFormat.bytes(ReportThresholds.bloatMinimumBytes)) is estimated \(Int(ReportThresholds.bloatPercentWarning)) % bloated or more"
                                 + (unknown.isEmpty ? "." : "; \(unknown.count) of them could not be estimated (listed above).")]
            return check
        }
        check.priority = bloated.contains { ($0.bloatPercent ?? 0) >= ReportThresholds.bloatPercentCritical } ? .p1 : .p2
        check.conclusions = ["\(ReportFormat.n(bloated.count, "table")) \(ReportFormat.v(bloated.count, "is", "are")) estimated \(Int(ReportThresholds.bloatPercentWarning)) % bloated or more: scans read the empty space too."]
        for t in bloated {
            let name = "\(SQLIdentifier.quote(t.schema)).\(SQLIdentifier.quote(t.name))"
            check.recommendations.append(ReportRecommendation(
                "Give back the space of \(t.qualifiedName): VACUUM FULL rewrites it under an ACCESS EXCLUSIVE lock (no reads or writes meanwhile); pg_repack does it online. First make sure autovacuum keeps up with it (see Autovacuum).",
                doSQL: "VACUUM (FULL, ANALYZE) \(name);"))
            check.objects.append(t.qualifiedName)
        }
        return check
    }

    static func autovacuum(_ f: ReportFacts) -> ReportCheck {
        let id = "autovacuum", title = "Autovacuum"
        guard let tables = f.tables.value else { return unavailable(id, title, f.tables) }
        var check = ReportCheck(id: id, title: title)
        let off = tables.tables.filter { $0.options.enabled == false }
        let offAndDirty = off.filter { $0.vacuumDuePercent >= 100 }
        let behind = tables.tables.filter { $0.autovacuumEnabled && $0.dueMaxPercent >= 100 }
        let listed = (offAndDirty + off.filter { $0.vacuumDuePercent < 100 } + behind)
        check.observations = [.table(ReportTable(columns: ["table", "autovacuum", "dead rows", "dead %", "vacuum due", "last vacuum"],
                                                 rows: listed.map { [$0.qualifiedName, $0.options.enabled == false ? "off (table)" : "on",
                                                                     ReportFormat.count($0.deadTuples), $0.deadPercent.map { ReportFormat.fixed($0, 0) + " %" } ?? "-",
                                                                     ReportFormat.fixed($0.dueMaxPercent, 0) + " %", $0.lastVacuumAny.map(ReportFormat.time) ?? "never"] }))]
        check.observations.append(.text("\"vacuum due\": dead (or inserted) rows as a share of the threshold at which autovacuum takes the table (100 %: due now)."))
        if !tables.settings.autovacuum {
            check.priority = .p1
            check.conclusions.append("autovacuum is off for the whole server: only anti-wraparound vacuums run, dead rows pile up everywhere.")
            check.recommendations.append(ReportRecommendation("Turn autovacuum back on.", doSQL: "ALTER SYSTEM SET autovacuum = on; SELECT pg_reload_conf();",
                                                              undoSQL: "ALTER SYSTEM SET autovacuum = off; SELECT pg_reload_conf();"))
        }
        if !offAndDirty.isEmpty {
            check.priority = ReportPriority.most(check.priority, .p2)
            check.conclusions.append("\(ReportFormat.n(offAndDirty.count, "table")) \(ReportFormat.v(offAndDirty.count, "has", "have")) autovacuum turned off and more dead rows than would have triggered it: \(ReportFormat.v(offAndDirty.count, "it only grows", "they only grow")).")
        } else if !off.isEmpty {
            check.priority = ReportPriority.most(check.priority, .p3)
            check.conclusions.append("\(ReportFormat.n(off.count, "table")) \(ReportFormat.v(off.count, "has", "have")) autovacuum turned off (not yet past their threshold).")
        }
        for t in off {
            let name = "\(SQLIdentifier.quote(t.schema)).\(SQLIdentifier.quote(t.name))"
            check.recommendations.append(ReportRecommendation(
                "Let autovacuum take \(t.qualifiedName) again, and vacuum it now (\(ReportFormat.count(t.deadTuples)) dead rows).",
                doSQL: "ALTER TABLE \(name) RESET (autovacuum_enabled); VACUUM (ANALYZE) \(name);",
                undoSQL: "ALTER TABLE \(name) SET (autovacuum_enabled = off);"))
            check.objects.append(t.qualifiedName)
        }
        if !behind.isEmpty {
            check.priority = ReportPriority.most(check.priority, .p3)
            check.conclusions.append("\(ReportFormat.n(behind.count, "table")) \(ReportFormat.v(behind.count, "is", "are")) past their autovacuum threshold: autovacuum has not reached them yet (busy workers, or a long transaction holding the horizon).")
            check.objects += behind.prefix(ReportThresholds.listLimit).map(\.qualifiedName)
        }
        if check.conclusions.isEmpty { check.conclusions = ["Autovacuum is on and no table is past its threshold."] }
        return check
    }

    static func wraparound(_ f: ReportFacts) -> ReportCheck {
        let id = "wraparound", title = "Transaction ID wraparound"
        guard let tables = f.tables.value else { return unavailable(id, title, f.tables) }
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(columns: ["database", "XID age", "MXID age", "of the stop limit"],
                                                 rows: tables.databases.sorted { $0.wraparoundPercent > $1.wraparoundPercent }.map {
                                                     [$0.name, ReportFormat.count($0.xidAge), ReportFormat.count($0.mxidAge), ReportFormat.fixed($0.wraparoundPercent, 1) + " %"] }))]
        let worst = tables.tables.filter { $0.wraparoundPercent >= ReportThresholds.wraparoundPercent.p2 }.sorted { $0.wraparoundPercent > $1.wraparoundPercent }
        if !worst.isEmpty {
            check.observations.append(.table(ReportTable(columns: ["table", "XID age", "of the stop limit"],
                                                         rows: worst.map { [$0.qualifiedName, ReportFormat.count($0.xidAge), ReportFormat.fixed($0.wraparoundPercent, 1) + " %"] })))
        }
        let top = max(tables.databases.map(\.wraparoundPercent).max() ?? 0, worst.first?.wraparoundPercent ?? 0)
        if top >= ReportThresholds.wraparoundPercent.p1 { check.priority = .p1 } else if top >= ReportThresholds.wraparoundPercent.p2 { check.priority = .p2 }
        if check.priority == nil {
            check.conclusions = ["The oldest unfrozen transaction ID is at \(ReportFormat.fixed(top, 1)) % of the age at which the server stops assigning new ones."]
        } else {
            check.conclusions = ["Transaction IDs are at \(ReportFormat.fixed(top, 1)) % of the age at which the server stops accepting writes: freezing is falling behind."]
            for t in worst {
                let name = "\(SQLIdentifier.quote(t.schema)).\(SQLIdentifier.quote(t.name))"
                check.recommendations.append(ReportRecommendation("Freeze \(t.qualifiedName) (after ending what holds the xmin horizon).", doSQL: "VACUUM (FREEZE, VERBOSE) \(name);"))
                check.objects.append(t.qualifiedName)
            }
        }
        return check
    }

    static func walRetained(_ f: ReportFacts) -> ReportCheck {
        let id = "wal_retained", title = "WAL retained by replication slots"
        guard let r = f.replication.value else { return unavailable(id, title, f.replication) }
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(columns: ["slot", "type", "active", "WAL status", "retained"],
                                                 rows: r.slots.sorted { ($0.retainedBytes ?? 0) > ($1.retainedBytes ?? 0) }.map {
                                                     [$0.name, $0.type, $0.active ? "yes" : "no", $0.walStatus, ReportFormat.bytes($0.retainedBytes)] }))]
        if r.slots.isEmpty {
            check.conclusions = ["No replication slot: no WAL is kept for a consumer."]
            return check
        }
        for slot in r.slots {
            let retained = slot.retainedBytes ?? 0
            var p: ReportPriority?
            if retained >= ReportThresholds.slotRetainedBytes.p1 { p = .p1 } else if retained >= ReportThresholds.slotRetainedBytes.p2 || !slot.active { p = .p2 }
            guard let p else { continue }
            check.priority = ReportPriority.most(check.priority, p)
            check.conclusions.append("Slot \(slot.name) is \(slot.active ? "active" : "inactive") and keeps \(ReportFormat.bytes(slot.retainedBytes)) of WAL: the disk fills until its consumer catches up or the slot is dropped.")
            check.recommendations.append(ReportRecommendation(
                "Reconnect the consumer of slot \(slot.name), or drop the slot if nothing will use it again (its consumer must then be rebuilt).",
                doSQL: "SELECT pg_drop_replication_slot('\(slot.name.replacing("'", with: "''"))');",
                undoSQL: slot.type == "physical" ? "SELECT pg_create_physical_replication_slot('\(slot.name.replacing("'", with: "''"))');  -- a new slot, from the current position" : nil))
            check.objects.append(slot.name)
        }
        if check.conclusions.isEmpty { check.conclusions = ["Every slot is active and keeps less than \(ReportFormat.bytes(ReportThresholds.slotRetainedBytes.p2)) of WAL."] }
        return check
    }
}

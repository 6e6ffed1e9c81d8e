#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// "Data Model Analysis" and "Indexing Strategy". Pure functions of the facts.
extension ReportChecks {
    static func dataModel(_ f: ReportFacts) -> [ReportCheck] {
        [primaryKeys(f), foreignKeyIndexes(f), integerCapacity(f), notValidConstraints(f)]
    }

    static func indexing(_ f: ReportFacts, server: ReportServer) -> [ReportCheck] {
        [indexEffectiveness(f), missingIndexes(f, server: server), indexCleanup(f, server: server, flag: .unused),
         indexCleanup(f, server: server, flag: .redundant), indexCleanup(f, server: server, flag: .invalid),
         indexCleanup(f, server: server, flag: .bloated)]
    }

    static func primaryKeys(_ f: ReportFacts) -> ReportCheck {
        let id = "primary_keys", title = "Tables without a primary key"
        guard let list = f.tablesWithoutPrimaryKey.value else { return unavailable(id, title, f.tablesWithoutPrimaryKey) }
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(columns: ["table", "size", "rows (estimated)", "unique index usable as key"],
                                                 rows: list.map { [$0.qualifiedName, ReportFormat.bytes($0.sizeBytes),
                                                                   $0.tuples.map { ReportFormat.count(Int64($0)) } ?? "never analysed", $0.uniqueIndex ?? "none"] }))]
        if list.isEmpty {
            check.conclusions = ["Every table has a primary key."]
            return check
        }
        check.priority = .p2
        check.conclusions = ["\(ReportFormat.n(list.count, "table")) \(ReportFormat.v(list.count, "has", "have")) no primary key: duplicate rows cannot be told apart, logical replication cannot replicate their UPDATEs and DELETEs (no replica identity), and many tools (pg_repack among them) refuse them."]
        for t in list {
            if let index = t.uniqueIndex {
                check.recommendations.append(ReportRecommendation(
                    "Make unique index \(index) the primary key of \(t.qualifiedName) (its columns are NOT NULL already; no table rewrite).",
                    doSQL: "ALTER TABLE \(t.quoted) ADD PRIMARY KEY USING INDEX \(index);",
                    undoSQL: "ALTER TABLE \(t.quoted) DROP CONSTRAINT \(index);  -- drops the index with it: recreate it if needed"))
            } else {
                check.recommendations.append(ReportRecommendation(
                    "Give \(t.qualifiedName) a primary key on the columns that identify a row (check they are unique and NOT NULL first; the build takes an ACCESS EXCLUSIVE lock: build a unique index CONCURRENTLY first and add the key USING INDEX on a large table).",
                    doSQL: "ALTER TABLE \(t.quoted) ADD PRIMARY KEY (/* columns */);",
                    undoSQL: "ALTER TABLE \(t.quoted) DROP CONSTRAINT \(SQLIdentifier.quote(String((t.name + "_pkey").prefix(63))));"))
            }
            check.objects.append(t.qualifiedName)
        }
        return check
    }

    static func foreignKeyIndexes(_ f: ReportFacts) -> ReportCheck {
        let id = "foreign_key_indexes", title = "Foreign keys without an index"
        guard let indexes = f.indexes.value else { return unavailable(id, title, f.indexes) }
        let list = indexes.missingFKIndexes
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(columns: ["table", "constraint", "columns", "references", "table size", "writes"],
                                                 rows: list.map { [$0.qualifiedTable, $0.constraint, $0.columns.joined(separator: ", "), $0.referencedTable,
                                                                   ReportFormat.bytes($0.tableSizeBytes), ReportFormat.count($0.tableWrites)] }))]
        if list.isEmpty {
            check.conclusions = ["Every foreign key's columns lead an index of its table."]
            return check
        }
        check.priority = .p2
        check.conclusions = ["\(ReportFormat.n(list.count, "foreign key")) \(ReportFormat.v(list.count, "has", "have")) no index on their columns: every DELETE or key UPDATE on the referenced table scans the referencing one (under a lock), and joins on the key cannot use an index."]
        for fk in list {
            check.recommendations.append(ReportRecommendation("Index the columns of \(fk.constraint) on \(fk.qualifiedTable).", doSQL: fk.fixSQL, undoSQL: fk.undoSQL))
            check.objects.append(fk.qualifiedTable)
        }
        return check
    }

    static func integerCapacity(_ f: ReportFacts) -> ReportCheck {
        let id = "integer_capacity", title = "Sequences and integer keys near their limit"
        guard let tables = f.tables.value else { return unavailable(id, title, f.tables) }
        var check = ReportCheck(id: id, title: title)
        let near = tables.sequences.filter { ($0.usedPercent ?? 0) >= ReportThresholds.sequencePercent.p2 }
        check.observations = [.table(ReportTable(columns: ["sequence", "feeds", "column type", "last value", "maximum", "used"],
                                                 rows: near.map { [$0.qualifiedName, $0.ownedBy ?? "-", $0.columnType ?? $0.sequenceType,
                                                                   $0.lastValue.map(ReportFormat.count) ?? "-", ReportFormat.count($0.maxValue),
                                                                   ReportFormat.fixed($0.usedPercent ?? 0, 1) + " %"] }))]
        let hidden = tables.sequences.count { !$0.readable }
        if hidden > 0 { check.observations.append(.text("\(hidden) sequences could not be read by role \(f.info.currentUser) (see What this report could not check).")) }
        if near.isEmpty {
            check.conclusions = ["No sequence has used \(Int(ReportThresholds.sequencePercent.p2)) % of its column's range (\(ReportFormat.n(tables.sequences.count, "sequence")))."]
            return check
        }
        let top = near.compactMap(\.usedPercent).max() ?? 0
        check.priority = top >= ReportThresholds.sequencePercent.p1 ? .p1 : .p2
        check.conclusions = ["\(ReportFormat.n(near.count, "sequence")) \(ReportFormat.v(near.count, "has", "have")) used \(Int(ReportThresholds.sequencePercent.p2)) % or more of the range of the column they feed: inserts fail when they reach it."]
        for s in near {
            let sequence = "\(SQLIdentifier.quote(s.schema)).\(SQLIdentifier.quote(s.name))"
            var sql: [String] = []
            if let owned = s.ownedBy {
                let parts = owned.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
                if parts.count == 3, s.columnType.flatMap(SequenceRow.typeMax).map({ $0 < Int64.max }) == true {
                    sql.append("ALTER TABLE \(SQLIdentifier.quote(parts[0])).\(SQLIdentifier.quote(parts[1])) ALTER COLUMN \(SQLIdentifier.quote(parts[2])) TYPE bigint;")
                }
            }
            if s.sequenceType != "bigint" { sql.append("ALTER SEQUENCE \(sequence) AS bigint;") }
            check.recommendations.append(ReportRecommendation(
                "Widen \(s.ownedBy ?? s.qualifiedName) to bigint before the sequence reaches \(ReportFormat.count(s.maxValue)) (\(ReportFormat.fixed(s.usedPercent ?? 0, 1)) % used). The column change rewrites the table and its indexes under an ACCESS EXCLUSIVE lock: on a large table, add a bigint column, backfill it in batches and swap instead.",
                doSQL: sql.isEmpty ? nil : sql.joined(separator: "\n")))
            check.objects.append(s.qualifiedName)
            if let owned = s.ownedBy { check.objects.append(owned) }
        }
        return check
    }

    static func notValidConstraints(_ f: ReportFacts) -> ReportCheck {
        let id = "not_valid_constraints", title = "Constraints not validated"
        guard let list = f.notValidConstraints.value else { return unavailable(id, title, f.notValidConstraints) }
        var check = ReportCheck(id: id, title: title)
        check.observations = [.table(ReportTable(columns: ["table", "constraint", "definition"],
                                                 rows: list.map { [$0.qualifiedTable, $0.name, ReportFormat.oneLine($0.definition, limit: 80)] }))]
        if list.isEmpty {
            check.conclusions = ["Every constraint is validated."]
            return check
        }
        check.priority = .p3
        check.conclusions = ["\(ReportFormat.n(list.count, "constraint")) \(ReportFormat.v(list.count, "was", "were")) added NOT VALID and never validated: new rows are checked, existing ones may break them, and the planner cannot rely on them."]
        for c in list {
            check.recommendations.append(ReportRecommendation("Validate \(c.name) on \(c.qualifiedTable) (a SHARE UPDATE EXCLUSIVE lock: reads and writes go on).",
                                                              doSQL: "ALTER TABLE \(c.quotedTable) VALIDATE CONSTRAINT \(c.quotedName);"))
            check.objects.append(c.qualifiedTable)
        }
        return check
    }

    // MARK: Indexing Strategy

    static func indexEffectiveness(_ f: ReportFacts) -> ReportCheck {
        let id = "index_effectiveness", title = "Index effectiveness"
        guard let indexes = f.indexes.value else { return unavailable(id, title, f.indexes) }
        var check = ReportCheck(id: id, title: title)
        let scans = indexes.indexes.reduce(Int64(0)) { $0 + $1.scans }
        let size = indexes.indexes.reduce(Int64(0)) { $0 + $1.sizeBytes }
        var rows = [["indexes", String(indexes.indexes.count)], ["total size (relpages)", ReportFormat.bytes(size)], ["index scans", ReportFormat.count(scans)]]
        if let cache = f.cache.value { rows.append(["index blocks found in shared buffers", ReportFormat.percent(cache.indexRatio)]) }
        check.observations = [.table(ReportTable(columns: ["fact", "value"], rows: rows))]
        let busiest = indexes.indexes.sorted { $0.scans > $1.scans }.prefix(5).filter { $0.scans > 0 }
        if !busiest.isEmpty {
            check.observations.append(.table(ReportTable(columns: ["most used index", "table", "scans", "size"],
                                                         rows: busiest.map { [$0.qualifiedName, $0.qualifiedTable, ReportFormat.count($0.scans), ReportFormat.bytes($0.sizeBytes)] })))
        }
        if let ratio = f.cache.value?.indexRatio, ratio < ReportThresholds.hitRatio, (f.cache.value?.indexRead ?? 0) >= 10_000 {
            check.priority = .p2
            check.conclusions = ["Only \(ReportFormat.percent(ratio)) of index blocks are found in shared buffers: the indexes in use do not fit in memory. Dropping unused and redundant ones (below) frees room."]
        } else {
            check.conclusions = ["\(ReportFormat.n(indexes.indexes.count, "index", "indexes")), \(ReportFormat.bytes(size)); index blocks are found in shared buffers \(ReportFormat.percent(f.cache.value?.indexRatio)) of the time."]
        }
        return check
    }

    /// Tables read mostly by sequential scans (over 95 % of scans, 10 000+ rows): pghero's
    /// "missing indexes" rule as the issue states it.
    static func sequentialScanTables(_ f: ReportFacts) -> [TableActivity] {
        sequentialScanTables(f.tableActivity.value ?? [])
    }

    static func sequentialScanTables(_ activity: [TableActivity]) -> [TableActivity] {
        activity.filter {
            $0.liveTuples >= ReportThresholds.sequentialScanMinimumRows && ($0.sequentialShare ?? 0) > ReportThresholds.sequentialScanShare
        }.sorted { ($0.seqScans * $0.liveTuples, $1.qualifiedName) > ($1.seqScans * $1.liveTuples, $0.qualifiedName) }
    }

    static func missingIndexes(_ f: ReportFacts, server: ReportServer) -> ReportCheck {
        let id = "missing_indexes", title = "Tables read mostly by sequential scans (missing indexes)"
        guard f.tableActivity.value != nil else { return unavailable(id, title, f.tableActivity) }
        var check = ReportCheck(id: id, title: title)
        let heavy = sequentialScanTables(f)
        check.observations = [.table(ReportTable(columns: ["table", "live rows", "sequential scans", "index scans", "sequential share", "size"],
                                                 rows: heavy.map { [$0.qualifiedName, ReportFormat.count($0.liveTuples), ReportFormat.count($0.seqScans),
                                                                    $0.indexScans.map(ReportFormat.count) ?? "no index", ReportFormat.percent($0.sequentialShare),
                                                                    ReportFormat.bytes($0.sizeBytes)] }))]
        if heavy.isEmpty {
            check.conclusions = ["No table of \(ReportFormat.count(ReportThresholds.sequentialScanMinimumRows)) rows or more is read by sequential scans more than \(Int(ReportThresholds.sequentialScanShare * 100)) % of the time."]
            return check
        }
        check.priority = .p2
        check.conclusions = ["\(heavy.count) tables of \(ReportFormat.count(ReportThresholds.sequentialScanMinimumRows)) rows or more are read by sequential scans more than \(Int(ReportThresholds.sequentialScanShare * 100)) % of the time: each such scan reads the whole table."]
        if server.statisticsAreYoung { check.conclusions.append("The statistics cover less than 30 days: a monthly job may not show yet.") }
        let tested = addIndexTrials(f, to: &check)
        for t in heavy {
            check.objects.append(t.qualifiedName)
            if tested.contains(t.qualifiedName) { continue }
            check.recommendations.append(ReportRecommendation(
                "Find the statements that scan \(t.qualifiedName) (the Statements pane, filter on its name) and index the columns of their WHERE clauses; EXPLAIN shows whether the planner takes the index."))
        }
        return check
    }

    /// The candidate indexes tried with HypoPG on the top statements (`ReportGatherer`): what
    /// was tried, what was not and why, and the index to build where one halves a plan's cost.
    /// Returns the tables that got such an index.
    static func addIndexTrials(_ f: ReportFacts, to check: inout ReportCheck) -> Set<String> {
        guard let result = f.indexTrials else { return [] }
        guard let trials = result.value else {
            check.conclusions.append("Candidate indexes were not tested hypothetically: \(result.reason?.summary ?? "not read").")
            return []
        }
        if let how = trials.howToGetHypoPG {
            check.observations.append(.text("Candidate indexes not tested hypothetically: \(how)."))
            return []
        }
        if let note = trials.note {
            check.observations.append(.text("HypoPG is installed; \(note)."))
            return []
        }
        check.observations.append(.table(ReportTable(
            columns: ["statement", "share of time", "query", "tested with HypoPG"],
            rows: trials.trials.map { t in
                [t.statement, ReportFormat.percent(t.share), t.query,
                 t.notTested ?? t.whatIf.map { "\(ReportFormat.n($0.candidates.count, "candidate"))" + ($0.candidates.isEmpty ? ": " + ($0.notes.first ?? "no scan with a filter") : "") } ?? "-"]
            })))
        var candidateRows: [[String]] = []
        for t in trials.trials {
            guard let w = t.whatIf else { continue }
            for c in w.candidates {
                var change = "-"
                if let before = w.planCostBefore, let after = c.costAfter, before > 0 {
                    change = (after > before ? "+" : "") + ReportFormat.percent((after - before) / before)
                }
                candidateRows.append([t.statement, c.ddl, w.planCostBefore.map { ReportFormat.fixed($0, 2) } ?? "-",
                                      c.costAfter.map { ReportFormat.fixed($0, 2) } ?? "-", change,
                                      c.used.map { $0 ? "yes" : "no" } ?? "-", c.sizeBytes.map { ReportFormat.bytes(Int64($0)) } ?? "-"])
            }
        }
        if !candidateRows.isEmpty {
            check.observations.append(.table(ReportTable(
                columns: ["statement", "candidate index (hypothetical)", "plan cost before", "after", "change", "used", "estimated size"],
                rows: candidateRows)))
        }
        let tested = trials.trials.filter { $0.whatIf != nil }
        var seen: Set<String> = []
        var tables: Set<String> = []
        var taken = Set((f.indexes.value?.indexes ?? []).map { "\($0.schema).\($0.name)" })
        for t in tested {
            guard let best = t.best, let before = t.whatIf?.planCostBefore, let after = best.costAfter, seen.insert(best.ddl).inserted else { continue }
            let schema = best.schema ?? "public"
            let name = indexName(for: best, schema: schema, taken: taken)
            taken.insert("\(schema).\(name)")
            let columns = best.columns.map(IndexWhatIf.quote).joined(separator: ", ")
            let table = "\(schema).\(best.relation)"
            tables.insert(table)
            check.recommendations.append(ReportRecommendation(
                "Index \(table) (\(best.columns.joined(separator: ", "))): with it the plan of \(t.statement) (\(ReportFormat.percent(t.share)) of the execution time) falls from cost \(ReportFormat.fixed(before, 2)) to \(ReportFormat.fixed(after, 2)) (HypoPG, hypothetical); built concurrently, it does not block writes.",
                doSQL: "CREATE INDEX CONCURRENTLY \(IndexWhatIf.quote(name)) ON \(best.qualifiedRelation) (\(columns));",
                undoSQL: "DROP INDEX CONCURRENTLY \(IndexWhatIf.quote(schema)).\(IndexWhatIf.quote(name));"))
            check.objects.append(t.statement)
        }
        if tested.isEmpty {
            check.conclusions.append("HypoPG is installed, but none of the top statements reading these tables could be tested (each is listed with the reason).")
            return tables
        }
        let candidates = tested.reduce(0) { $0 + ($1.whatIf?.candidates.count ?? 0) }
        var conclusion = "HypoPG tried \(ReportFormat.n(candidates, "candidate index", "candidate indexes")) on \(ReportFormat.n(tested.count, "top statement")) reading these tables (plain EXPLAIN, nothing built): "
        conclusion += seen.isEmpty
            ? "none cut a plan's cost by \(ReportFormat.percent(ReportThresholds.hypotheticalIndexCostDrop)) or more."
            : "\(ReportFormat.n(seen.count, "index", "indexes")) would cut a plan's cost by \(ReportFormat.percent(ReportThresholds.hypotheticalIndexCostDrop)) or more (below)."
        if trials.trials.count > tested.count {
            conclusion += " \(ReportFormat.n(trials.trials.count - tested.count, "statement")) could not be tested (listed with the reason)."
        }
        check.conclusions.append(conclusion)
        return tables
    }

    /// The name PostgreSQL would give (`table_col_col_idx`, cut to 63 bytes), made unique among
    /// the schema's indexes, so the undo drops exactly the index the do built.
    static func indexName(for candidate: IndexCandidate, schema: String, taken: Set<String>) -> String {
        let base = ([candidate.relation] + candidate.columns).joined(separator: "_")
        func fit(_ text: String, suffix: String) -> String {
            var head = text
            while head.utf8.count + suffix.utf8.count > 63 { head.removeLast() }
            return head + suffix
        }
        var name = fit(base, suffix: "_idx")
        var n = 1
        while taken.contains("\(schema).\(name)") {
            name = fit(base, suffix: "_idx\(n)")
            n += 1
        }
        return name
    }

    static func indexCleanup(_ f: ReportFacts, server: ReportServer, flag: IndexFlag) -> ReportCheck {
        let (id, title): (String, String) = {
            switch flag {
            case .unused: return ("unused_indexes", "Unused indexes")
            case .redundant: return ("redundant_indexes", "Redundant indexes")
            case .invalid: return ("invalid_indexes", "Invalid indexes")
            case .bloated: return ("bloated_indexes", "Bloated indexes (estimated)")
            }
        }()
        guard let indexes = f.indexes.value else { return unavailable(id, title, f.indexes) }
        var check = ReportCheck(id: id, title: title)
        let list = indexes.indexes.filter { $0.flags.contains(flag) }
        var columns = ["index", "table", "size", "scans"]
        switch flag {
        case .redundant: columns.append("covered by")
        case .bloated: columns.append("bloat")
        default: break
        }
        check.observations = [.table(ReportTable(columns: columns, rows: list.map { i in
            var row = [i.qualifiedName, i.qualifiedTable, ReportFormat.bytes(i.sizeBytes), ReportFormat.count(i.scans)]
            if flag == .redundant { row.append(i.coveredBy ?? "-") }
            if flag == .bloated { row.append(i.bloat.percent.map { ReportFormat.fixed($0, 0) + " %" } ?? "-") }
            return row
        }))]
        if list.isEmpty {
            check.conclusions = ["No \(title.lowercased().replacing(" (estimated)", with: ""))."]
            return check
        }
        let waste = list.reduce(Int64(0)) { $0 + $1.sizeBytes }
        let databaseSize = f.currentDatabase?.sizeBytes ?? 0
        switch flag {
        case .unused, .redundant:
            check.priority = databaseSize > 0 && Double(waste) / Double(databaseSize) > ReportThresholds.indexWasteShareP2 ? .p2 : .p3
            check.conclusions = [flag == .unused
                ? "\(ReportFormat.n(list.count, "index", "indexes")) (\(ReportFormat.bytes(waste))) \(ReportFormat.v(list.count, "was", "were")) never scanned since the statistics were reset and \(ReportFormat.v(list.count, "enforces", "enforce")) nothing: every write still maintains them."
                : "\(ReportFormat.n(list.count, "index", "indexes")) (\(ReportFormat.bytes(waste))) \(ReportFormat.v(list.count, "is", "are")) a leading prefix of another index of their table, which serves the same lookups."]
            if flag == .unused && server.statisticsAreYoung {
                check.conclusions.append("The statistics cover only \(ReportFormat.duration(server.statisticsAgeSeconds)): an index used by a monthly job may look unused. Check standbys too: scans there are not counted here.")
            }
        case .invalid:
            check.priority = .p2
            check.conclusions = ["\(ReportFormat.n(list.count, "index", "indexes")) \(ReportFormat.v(list.count, "is", "are")) invalid (a failed CREATE INDEX CONCURRENTLY or REINDEX): the planner ignores \(ReportFormat.v(list.count, "it", "them")) but every write maintains \(ReportFormat.v(list.count, "it", "them"))."]
        case .bloated:
            check.priority = list.contains { ($0.bloat.percent ?? 0) >= ReportThresholds.bloatPercentCritical } ? .p2 : .p3
            check.conclusions = ["\(ReportFormat.n(list.count, "btree index", "btree indexes")) \(ReportFormat.v(list.count, "is", "are")) estimated \(Int(ReportThresholds.bloatPercentWarning)) % bloated or more: REINDEX CONCURRENTLY rebuilds them compact without blocking writes."]
        }
        for i in list {
            if flag == .bloated {
                check.recommendations.append(ReportRecommendation("Rebuild \(i.qualifiedName).", doSQL: "REINDEX INDEX CONCURRENTLY \(i.quotedName);"))
            } else if let fix = i.fixSQL {
                check.recommendations.append(ReportRecommendation("Drop \(i.qualifiedName) (\(IndexFixSQL.why(i))).", doSQL: fix, undoSQL: i.undoSQL))
            }
            check.objects.append(i.qualifiedName)
        }
        return check
    }
}

/// The server half of the index what-if (the pure half: IndexWhatIf.swift). It runs inside the
/// EXPLAIN's own read-only transaction, on the EXPLAIN session: HypoPG's hypothetical indexes
/// live in that session's memory only, no other session sees them, and nothing is written.
/// Each candidate is created, planned with plain EXPLAIN (HypoPG is invisible to ANALYZE), sized,
/// and removed with `hypopg_reset()` before the next; on any error the runner closes the session.
enum IndexWhatIfSQL {
    /// The database, HypoPG's version and schema when created here, and whether the server has it.
    static let hypopg = """
        SELECT current_database(), e.extversion, n.nspname,
               EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'hypopg')
        FROM (SELECT 1) one
        LEFT JOIN pg_extension e ON e.extname = 'hypopg'
        LEFT JOIN pg_namespace n ON n.oid = e.extnamespace
        """

    /// The relation ($1: its name as SQL writes it, schema-qualified or not): oid, schema, name, rows.
    static let relation = """
        SELECT c.oid, n.nspname, c.relname, c.reltuples
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.oid = to_regclass($1)
        """

    /// Its columns with `pg_stats.n_distinct` (a partitioned table has only inherited statistics).
    static let columns = """
        SELECT a.attname,
               (SELECT s.n_distinct FROM pg_stats s
                WHERE s.schemaname = $2 AND s.tablename = $3 AND s.attname = a.attname
                ORDER BY s.inherited LIMIT 1)
        FROM pg_attribute a
        WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY a.attnum
        """

    /// Its indexes' key columns in order, one row each ("" for an expression).
    static let indexes = """
        SELECT ic.relname, am.amname, i.indpred IS NOT NULL, coalesce(a.attname, '')
        FROM pg_index i
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_am am ON am.oid = ic.relam
        CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
        LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
        WHERE i.indrelid = $1::oid AND k.ord <= i.indnkeyatts
        ORDER BY ic.relname, k.ord
        """

    static func create(_ schema: String) -> String {
        "SELECT indexrelid, indexname FROM \(IndexWhatIf.quote(schema)).hypopg_create_index($1)"
    }
    static func size(_ schema: String) -> String { "SELECT \(IndexWhatIf.quote(schema)).hypopg_relation_size($1::oid)" }
    static func reset(_ schema: String) -> String { "SELECT \(IndexWhatIf.quote(schema)).hypopg_reset()" }
}

extension ExplainRunner {
    func whatIf(_ scope: IndexWhatIfScope, conn: PGConnection, prepared: ExplainRequest.Prepared, before: Plan,
                timeout: Double) throws -> IndexWhatIfReport {
        let info = try conn.query(IndexWhatIfSQL.hypopg, timeout: 10)
        let row = info.rows.first ?? []
        func cell(_ i: Int) -> String? { i < row.count ? row[i] : nil }
        let hypopgSchema = cell(2)
        let status: HypoPGStatus
        if let version = cell(1), hypopgSchema != nil { status = .installed(version) }
        else if cell(3) == "t" { status = .available }
        else { status = .missing }
        var report = IndexWhatIfReport(database: cell(0), serverVersion: conn.serverVersionNum, hypopg: status,
                                       planCostBefore: before.nodes.first?.totalCost)

        let targets: [IndexWhatIfTarget]
        switch scope {
        case .node(let target): targets = [target]
        case .everyScan: targets = before.nodes.compactMap { IndexWhatIfTarget.of($0) }
        }
        if targets.isEmpty { report.notes.append("no scan with a filter in this plan: nothing for an index to do") }
        for target in targets {
            try propose(for: target, conn: conn, before: before, into: &report)
        }

        guard case .installed = status, let schema = hypopgSchema else { return report }
        for i in report.candidates.indices {
            let created = try conn.query(IndexWhatIfSQL.create(schema), [report.candidates[i].ddl], timeout: 10)
            guard let oid = created.rows.first?.first ?? nil, let name = created.rows.first?.last ?? nil else {
                report.notes.append("HypoPG did not create \(report.candidates[i].ddl)")
                continue
            }
            let after = try PlanParser.parse(try explainOnce(conn, prepared, format: .json, timeout: timeout))
            report.candidates[i].costAfter = after.nodes.first?.totalCost
            let user = after.nodes.first { $0.indexName == name }
            report.candidates[i].used = user != nil
            report.candidates[i].nodeAfter = user?.title
            let size = try conn.query(IndexWhatIfSQL.size(schema), [oid], timeout: 10)
            report.candidates[i].sizeBytes = (size.rows.first?.first ?? nil).flatMap { Int($0) }
            _ = try conn.query(IndexWhatIfSQL.reset(schema), timeout: 10)
        }
        return report
    }

    /// Reads the relation, its columns' statistics and its indexes, and adds the candidates.
    private func propose(for target: IndexWhatIfTarget, conn: PGConnection, before: Plan, into report: inout IndexWhatIfReport) throws {
        // The schema: the target's, else the VERBOSE plan's scan of the same relation.
        let schema = target.schema
            ?? before.nodes.first { $0.relationName == target.relation && $0.alias == target.alias }?.schema
            ?? before.nodes.first { $0.relationName == target.relation }?.schema
        let name = (schema.map { IndexWhatIf.quote($0) + "." } ?? "") + IndexWhatIf.quote(target.relation)
        let relation = try conn.query(IndexWhatIfSQL.relation, [name], timeout: 10)
        guard let row = relation.rows.first, row.count == 4, let oid = row[0], let nspname = row[1], let relname = row[2] else {
            report.notes.append("\(name): not found in this database (search_path?)")
            return
        }
        let rows = row[3].flatMap { Double($0) } ?? 0
        let columnRows = try conn.query(IndexWhatIfSQL.columns, [oid, nspname, relname], timeout: 10)
        let stats = columnRows.rows.compactMap { r -> WhatIfColumnStats? in
            guard let column = r.first ?? nil else { return nil }
            return WhatIfColumnStats(name: column, nDistinct: r.count > 1 ? r[1].flatMap { Double($0) } : nil)
        }
        var existing: [ExistingIndex] = []
        for r in try conn.query(IndexWhatIfSQL.indexes, [oid], timeout: 10).rows where r.count == 4 {
            guard let index = r[0], let am = r[1] else { continue }
            if existing.last?.name != index {
                existing.append(ExistingIndex(name: index, accessMethod: am, columns: [], isPartial: r[2] == "t"))
            }
            existing[existing.count - 1].columns.append(r[3] ?? "")
        }

        let known = Set(stats.map(\.name))
        var found = ConditionColumns()
        for condition in target.conditions { found.merge(IndexWhatIf.columns(in: condition, tableColumns: known)) }
        report.scans.append(target.nodeTitle + ": " + target.conditions.joined(separator: " / "))
        report.unusable += found.unusable
        let used = found.equality + found.range
        if !used.isEmpty, used.allSatisfy({ column in stats.first { $0.name == column }?.nDistinct == nil }) {
            report.notes.append("\(relname) has no statistics for \(used.joined(separator: ", ")): columns left in the condition's order (ANALYZE \(name) orders them by n_distinct)")
        }
        let made = IndexWhatIf.candidates(for: target, schema: nspname, columns: found, stats: stats, rows: rows, existing: existing)
        for candidate in made.candidates where !report.candidates.contains(where: { $0.ddl == candidate.ddl }) {
            report.candidates.append(candidate)
        }
        report.covered += made.covered
    }
}

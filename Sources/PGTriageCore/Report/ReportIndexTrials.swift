#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The "missing indexes" check's hypothetical test: the top statements (pg_stat_statements, by
/// total time) that read a table read mostly by sequential scans, each planned with the plan
/// browser's index what-if (`ExplainRunner` with `ExplainRequest.asWhatIf(.everyScan)`): plain
/// EXPLAIN in a read-only transaction on a session of its own, HypoPG's indexes in that
/// session's memory only, `hypopg_reset()` after each.
public struct HypotheticalIndexTrial: Sendable, Equatable {
    /// `queryid:123`, as the other statement checks name it.
    public var statement: String
    /// The statement's text on one line (cut as the report cuts texts).
    public var query: String
    /// Its share of the workload's execution time.
    public var share: Double
    /// The seq-scan-heavy tables it reads, schema-qualified.
    public var tables: [String]
    /// What the what-if found (nil when not tested).
    public var whatIf: IndexWhatIfReport?
    /// Why it was not tested ("parameters, server before 16").
    public var notTested: String?

    public init(statement: String, query: String, share: Double, tables: [String], whatIf: IndexWhatIfReport? = nil,
                notTested: String? = nil) {
        self.statement = statement; self.query = query; self.share = share; self.tables = tables
        self.whatIf = whatIf; self.notTested = notTested
    }

    /// The candidate to recommend: used by the planner, the plan's cost lower by at least
    /// `ReportThresholds.hypotheticalIndexCostDrop`; the cheapest plan, then the fewest columns.
    public var best: IndexCandidate? {
        guard let whatIf, let before = whatIf.planCostBefore, before > 0 else { return nil }
        return whatIf.candidates.filter { c in
            guard c.used == true, let after = c.costAfter else { return false }
            return (before - after) / before >= ReportThresholds.hypotheticalIndexCostDrop
        }.min { a, b in
            (a.costAfter ?? .infinity, a.columns.count) < (b.costAfter ?? .infinity, b.columns.count)
        }
    }
}

/// Every trial, and whether HypoPG could be used at all.
public struct HypotheticalIndexTrials: Sendable, Equatable {
    public var database: String
    public var serverVersion: Int
    public var hypopg: HypoPGStatus
    public var trials: [HypotheticalIndexTrial]
    /// Why no statement was tried although HypoPG is installed (no pg_stat_statements, no
    /// statement reads the tables); nil otherwise.
    public var note: String?

    public init(database: String, serverVersion: Int, hypopg: HypoPGStatus, trials: [HypotheticalIndexTrial] = [], note: String? = nil) {
        self.database = database; self.serverVersion = serverVersion; self.hypopg = hypopg; self.trials = trials; self.note = note
    }

    /// The plan browser's words for getting HypoPG (nil when installed).
    public var howToGetHypoPG: String? {
        IndexWhatIfReport(database: database, serverVersion: serverVersion, hypopg: hypopg, planCostBefore: nil).howToGetHypoPG
    }
}

extension ReportGatherer {
    /// Tries candidate indexes on the top statements that read a seq-scan-heavy table, when
    /// HypoPG is installed in the database; nil when no table is seq-scan heavy (nothing to try).
    /// Bounded: `indexTrialStatements` statements, `indexTrialSeconds` in all.
    func tryHypotheticalIndexes(_ connection: PGConnection, info: ServerInfo, activity: SectionResult<[TableActivity]>,
                                statements: SectionResult<StatementsSection>,
                                statementsReader: StatementsReader) throws -> SectionResult<HypotheticalIndexTrials>? {
        let heavy = ReportChecks.sequentialScanTables(activity.value ?? [])
        guard !heavy.isEmpty, indexTrialStatements > 0 else { return nil }
        return try Self.attempt("hypothetical indexes") {
            let row = try connection.query(IndexWhatIfSQL.hypopg).rows.first ?? []
            func cell(_ i: Int) -> String? { i < row.count ? row[i] : nil }
            let status: HypoPGStatus
            if let version = cell(1), cell(2) != nil { status = .installed(version) }
            else if cell(3) == "t" { status = .available }
            else { status = .missing }
            let database = cell(0) ?? ""
            var out = HypotheticalIndexTrials(database: database, serverVersion: info.versionNum, hypopg: status)
            guard status.isInstalled else { return out }
            guard let section = statements.value else {
                out.note = "no statement to test the candidates on: \(statements.reason?.summary ?? "pg_stat_statements not read")"
                return out
            }
            let chosen = ReportChecks.workload(section).filter { entry in
                !entry.row.stats.isHidden && (entry.row.stats.database == nil || entry.row.stats.database == database)
            }.filter { entry in
                // Only what EXPLAIN plans (not the ANALYZE or CREATE TABLE that name the table too).
                (try? ExplainRequest.checkStatementKind(SQLScanner.scan(entry.row.stats.query).leadingWords)) != nil
            }.compactMap { entry -> (StatementRow, Double, [String])? in
                let named = heavy.filter { Self.reads(entry.row.stats.query, table: $0.name) }.map(\.qualifiedName)
                return named.isEmpty ? nil : (entry.row, entry.share, named)
            }.prefix(indexTrialStatements)
            if chosen.isEmpty {
                out.note = "no statement in pg_stat_statements reads these tables: no candidate was tested"
                return out
            }
            let runner = ExplainRunner(target: connection.target, onConnect: onExplainSession)
            defer { runner.close() }
            let deadline = MonotonicClock.now() + indexTrialSeconds
            for (row, share, tables) in chosen {
                var trial = HypotheticalIndexTrial(statement: ReportChecks.statementObject(row), query: ReportFormat.oneLine(row.stats.query),
                                                   share: share, tables: tables)
                let left = deadline - MonotonicClock.now()
                var text = row.stats.query
                if left < 0.2 {
                    trial.notTested = "not tested: the report's time for hypothetical indexes (\(ReportFormat.fixed(indexTrialSeconds, 0)) s) was spent"
                } else if row.stats.queryIsCut, let whole = try? statementsReader.fullText(of: row.stats.key, on: connection) {
                    text = whole
                }
                if trial.notTested == nil, row.stats.queryIsCut, text == row.stats.query {
                    trial.notTested = "not tested: the statement's whole text could not be read"
                }
                if trial.notTested == nil, SQLScanner.scan(text).maxParameter > 0, info.versionNum < 160000 {
                    // pg_stat_statements writes constants as $n; without GENERIC_PLAN (16+) a plan
                    // would need values, and guessed ones would mislead.
                    trial.notTested = "not tested: parameters, server before 16 (no GENERIC_PLAN; values are not guessed)"
                }
                if trial.notTested == nil {
                    let request = ExplainRequest(sql: text, statementTimeout: min(ReportThresholds.hypotheticalIndexStatementSeconds, left))
                        .asWhatIf(.everyScan)
                    do throws(ExplainError) {
                        trial.whatIf = try runner.run(request).whatIf
                    } catch {
                        trial.notTested = "not tested: \(error.description)"
                    }
                }
                out.trials.append(trial)
            }
            return out
        }
    }

    /// Whether `query` reads `table`: its name (any case, quoted or schema-qualified or not)
    /// right after FROM, JOIN, UPDATE, ONLY or a comma of a FROM list. `INSERT INTO t ... FROM
    /// generate_series(...)` names t without reading it.
    static func reads(_ query: String, table: String) -> Bool {
        let text = Array(query.lowercased()), word = Array(table.lowercased())
        guard !word.isEmpty, text.count >= word.count else { return false }
        func isNamePart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" || c == "$" }
        /// Index just before the blanks that end at `i` (exclusive), going left.
        func skipBlanks(_ i: Int) -> Int { var j = i; while j >= 0, text[j] == " " || text[j] == "\n" || text[j] == "\t" { j -= 1 }; return j }
        var i = 0
        while i + word.count <= text.count {
            defer { i += 1 }
            guard Array(text[i..<(i + word.count)]) == word else { continue }
            var start = i, end = i + word.count
            if start > 0, end < text.count, text[start - 1] == "\"", text[end] == "\"" { start -= 1; end += 1 }
            guard start == 0 || !isNamePart(text[start - 1]), end == text.count || (!isNamePart(text[end]) && text[end] != ".") else { continue }
            var j = start - 1
            if j >= 0, text[j] == "." {
                // A schema before the name: step over it.
                j -= 1
                if j >= 0, text[j] == "\"" { j -= 1; while j >= 0, text[j] != "\"" { j -= 1 }; j -= 1 }
                else { while j >= 0, isNamePart(text[j]) { j -= 1 } }
            }
            j = skipBlanks(j)
            guard j >= 0 else { continue }
            if text[j] == "," { return true }
            var k = j
            while k >= 0, isNamePart(text[k]) { k -= 1 }
            if ["from", "join", "update", "only"].contains(String(text[(k + 1)...j])) { return true }
        }
        return false
    }
}

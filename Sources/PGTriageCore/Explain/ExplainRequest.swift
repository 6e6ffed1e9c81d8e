public enum ExplainFormat: String, Sendable, CaseIterable {
    case json
    case text
}

/// Why pgtriage will not EXPLAIN a text. Each message says what to do instead.
public struct ExplainRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: String, Sendable {
        case empty
        case multipleStatements = "multiple_statements"
        case truncated
        case unterminated
        case cannotRunInTransaction = "cannot_run_in_transaction"
        case transactionControl = "transaction_control"
        case alreadyExplain = "already_explain"
        case notExplainable = "not_explainable"
        case needsParameters = "needs_parameters"
        case genericPlanWithAnalyze = "generic_plan_with_analyze"
        case genericPlanUnsupported = "generic_plan_unsupported"
        case busy
    }

    public var reason: Reason
    public var message: String

    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }
}

/// What to explain and how. `prepare(serverVersion:)` applies the safety rules and gives the
/// exact statement the runner sends.
public struct ExplainRequest: Sendable, Equatable {
    public var sql: String
    /// The database to run in (the query's own); nil: the target's.
    public var database: String?
    /// Executes the statement (always inside BEGIN ... ROLLBACK).
    public var analyze: Bool
    public var buffers: Bool
    /// WAL usage (needs ANALYZE; ignored without it).
    public var wal: Bool
    /// Planner settings changed from their defaults.
    public var settings: Bool
    public var verbose: Bool
    public var format: ExplainFormat
    /// Ask for `GENERIC_PLAN` (16+) for a text with `$1`; chosen on its own when the text has
    /// parameters, no values are given and ANALYZE is off.
    public var genericPlan: Bool
    /// Values for `$1...$n`, sent as bind parameters (NULL for nil), never pasted into the text.
    public var parameters: [String?]
    /// statement_timeout for this EXPLAIN (seconds), set with SET LOCAL inside its transaction.
    public var statementTimeout: Double
    /// The text came from pg_stat_activity and the server cut it (track_activity_query_size).
    public var queryIsCut: Bool
    /// An index what-if instead of a plain plan (IndexWhatIf.swift): the runner then always runs
    /// plain EXPLAIN (VERBOSE, FORMAT JSON), never ANALYZE, and the result carries the report.
    public var whatIf: IndexWhatIfScope?

    public init(sql: String, database: String? = nil, analyze: Bool = false, buffers: Bool = false, wal: Bool = false,
                settings: Bool = false, verbose: Bool = false, format: ExplainFormat = .json, genericPlan: Bool = false,
                parameters: [String?] = [], statementTimeout: Double = 30, queryIsCut: Bool = false) {
        self.sql = sql
        self.database = database
        self.analyze = analyze
        self.buffers = buffers
        self.wal = wal
        self.settings = settings
        self.verbose = verbose
        self.format = format
        self.genericPlan = genericPlan
        self.parameters = parameters
        self.statementTimeout = statementTimeout
        self.queryIsCut = queryIsCut
    }

    /// This request as an index what-if: plain EXPLAIN (VERBOSE for schema names, FORMAT JSON),
    /// whatever it was; its text, database and `$n` values stay.
    public func asWhatIf(_ scope: IndexWhatIfScope) -> ExplainRequest {
        var out = self
        out.analyze = false
        out.wal = false
        out.buffers = false
        out.settings = false
        out.verbose = true
        out.format = .json
        out.whatIf = scope
        return out
    }

    /// What the runner sends, once the rules said yes.
    public struct Prepared: Sendable, Equatable {
        /// `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) <the statement>`.
        public var statement: String
        /// Bind values for `$1...$n`.
        public var parameters: [String?]
        public var usesGenericPlan: Bool
        /// ANALYZE: the statement is executed (and rolled back).
        public var executes: Bool
        public var statementTimeoutMs: Int
    }

    /// What the rollback after an ANALYZE does not undo: said wherever one is asked for (the
    /// console's confirmation, `explain --analyze` on stderr).
    public static let rollbackDoesNotUndo = "sequences still advance (nextval is never rolled back), and what functions "
        + "do outside the transaction (dblink, files, signals to other sessions) is not undone"

    /// The text a UI shows before an ANALYZE, and asks yes or no.
    public var analyzeConfirmation: String {
        let place = database.map { " in database \($0)" } ?? ""
        return "EXPLAIN ANALYZE executes the statement for real\(place), inside BEGIN ... ROLLBACK with a "
            + "statement_timeout of \(PlanValue.format(statementTimeout)) s: rows it changes are rolled back, and it "
            + "holds the locks the statement takes until the rollback; but \(Self.rollbackDoesNotUndo). Run it?"
    }

    /// Applies the EXPLAIN safety rules (docs/explain.md) and builds the statement.
    public func prepare(serverVersion: Int) throws -> Prepared {
        if queryIsCut {
            throw ExplainRefusal(.truncated, "the query text was cut by the server (track_activity_query_size); explaining a fragment would mislead: raise track_activity_query_size or paste the whole statement")
        }
        let scan = SQLScanner.scan(sql)
        guard let statement = scan.statements.first else {
            throw ExplainRefusal(.empty, "nothing to explain: the text is empty")
        }
        if scan.unterminated {
            throw ExplainRefusal(.unterminated, "the text ends inside a string, quoted name or comment: is it cut short?")
        }
        guard scan.statements.count == 1 else {
            throw ExplainRefusal(.multipleStatements, "the text holds \(scan.statements.count) statements; EXPLAIN takes one: keep just the statement to explain")
        }
        let words = scan.leadingWords
        try Self.checkStatementKind(words)

        var parameters: [String?] = []
        var generic = genericPlan
        if scan.maxParameter > 0 {
            if self.parameters.count >= scan.maxParameter {
                parameters = Array(self.parameters.prefix(scan.maxParameter))
                generic = false
            } else if analyze {
                throw ExplainRefusal(.needsParameters, "the statement has parameters $1...$\(scan.maxParameter): ANALYZE needs a value for each"
                    + (serverVersion >= 160000 ? " (or run it without ANALYZE for a generic plan)" : ""))
            } else if serverVersion >= 160000 {
                generic = true
            } else {
                throw ExplainRefusal(.needsParameters, "the statement has parameters $1...$\(scan.maxParameter) and this server (before 16) has no GENERIC_PLAN: give a value for each")
            }
        } else {
            generic = false
        }
        if generic && analyze {
            throw ExplainRefusal(.genericPlanWithAnalyze, "a generic plan cannot be run: ANALYZE needs parameter values")
        }
        if generic && serverVersion < 160000 {
            throw ExplainRefusal(.genericPlanUnsupported, "GENERIC_PLAN needs PostgreSQL 16 or later")
        }

        var options: [String] = []
        if analyze { options.append("ANALYZE") }
        if verbose { options.append("VERBOSE") }
        if buffers { options.append("BUFFERS") }
        if wal && analyze { options.append("WAL") }
        if settings { options.append("SETTINGS") }
        if generic { options.append("GENERIC_PLAN") }
        options.append(format == .json ? "FORMAT JSON" : "FORMAT TEXT")
        let timeoutMs = max(1, Int(min(max(statementTimeout, 0), 86_400) * 1000))
        return Prepared(statement: "EXPLAIN (\(options.joined(separator: ", "))) \(statement)", parameters: parameters,
                        usesGenericPlan: generic, executes: analyze, statementTimeoutMs: timeoutMs)
    }

    /// Statements that cannot run inside a transaction block (so cannot be rolled back), that
    /// end the transaction, or that have no plan.
    static func checkStatementKind(_ words: [String]) throws {
        guard let first = words.first else { throw ExplainRefusal(.empty, "nothing to explain: the text is empty") }
        let second = words.count > 1 ? words[1] : ""
        func noTransaction(_ what: String) -> ExplainRefusal {
            ExplainRefusal(.cannotRunInTransaction, "\(what) cannot run inside a transaction block, so pgtriage cannot roll it back: refused (it has no plan to show either)")
        }
        switch first {
        case "EXPLAIN":
            throw ExplainRefusal(.alreadyExplain, "give the statement without EXPLAIN: pgtriage adds EXPLAIN and its options itself")
        case "VACUUM":
            throw noTransaction("VACUUM")
        case "BEGIN", "START", "COMMIT", "END", "ROLLBACK", "ABORT", "SAVEPOINT", "RELEASE":
            throw ExplainRefusal(.transactionControl, "\(first) controls transactions and would end pgtriage's rollback: refused")
        case "PREPARE" where second == "TRANSACTION":
            throw ExplainRefusal(.transactionControl, "\(first) controls transactions and would end pgtriage's rollback: refused")
        case "CALL", "DO":
            throw ExplainRefusal(.transactionControl, "\(first) may commit inside (procedures and DO blocks can): refused, and EXPLAIN cannot show it")
        case "CLUSTER" where words.count == 1 || (words.count == 2 && second == "VERBOSE"):
            throw noTransaction("CLUSTER without a table")
        case "REINDEX" where words.contains("CONCURRENTLY") || second == "SYSTEM" || second == "DATABASE":
            throw noTransaction("REINDEX \(words.contains("CONCURRENTLY") ? "CONCURRENTLY" : second)")
        case "CREATE", "DROP", "ALTER":
            if second == "DATABASE" && first != "ALTER" { throw noTransaction("\(first) DATABASE") }
            if second == "TABLESPACE" && first != "ALTER" { throw noTransaction("\(first) TABLESPACE") }
            if first == "ALTER" && second == "SYSTEM" { throw noTransaction("ALTER SYSTEM") }
            if second == "SUBSCRIPTION" { throw noTransaction("\(first) SUBSCRIPTION") }
            if words.contains("INDEX") && words.contains("CONCURRENTLY") { throw noTransaction("\(first) INDEX CONCURRENTLY") }
            if words.contains("DETACH") && words.contains("CONCURRENTLY") { throw noTransaction("DETACH PARTITION CONCURRENTLY") }
        default:
            break
        }
        let explainable: Set<String> = ["SELECT", "WITH", "VALUES", "TABLE", "INSERT", "UPDATE", "DELETE", "MERGE", "EXECUTE", "DECLARE"]
        if explainable.contains(first) { return }
        if first == "CREATE" && ((words.contains("TABLE") && words.contains("AS")) || words.contains("MATERIALIZED")) {
            return
        }
        throw ExplainRefusal(.notExplainable, "EXPLAIN shows plans of SELECT, INSERT, UPDATE, DELETE, MERGE, VALUES, EXECUTE, DECLARE and CREATE TABLE ... AS only, not of \(first)\(second.isEmpty ? "" : " " + second)")
    }
}

#if canImport(Glibc)
import Glibc
#endif
/// Where to connect, as the user said it: a psql-style DBNAME, conninfo string or URI, plus the
/// -h/-p/-U/-d flags. libpq does all the parsing (`expand_dbname`), so `PG*` variables, `.pgpass`
/// and `pg_service.conf` work exactly as in psql.
public struct ConnectionTarget: Sendable, Equatable {
    /// DBNAME, `key=value ...` conninfo, or `postgres://` URI (expanded by libpq).
    public var conninfo: String?
    public var host: String?
    public var port: String?
    public var user: String?
    public var dbname: String?

    public init(conninfo: String? = nil, host: String? = nil, port: String? = nil, user: String? = nil, dbname: String? = nil) {
        self.conninfo = conninfo; self.host = host; self.port = port; self.user = user; self.dbname = dbname
    }

    /// Seconds to wait for a connection, as psql would: the conninfo's `connect_timeout`, else
    /// `PGCONNECT_TIMEOUT`, else `fallback`; with libpq's rules (0 or less waits for ever, 1
    /// reads as 2). A service file's `connect_timeout` is not looked up.
    public func connectTimeout(fallback: Double) -> Double {
        let given = conninfo.flatMap { ConninfoCheck.value(of: "connect_timeout", in: $0) }
            ?? getenv("PGCONNECT_TIMEOUT").map { String(cString: $0) }
        guard let given, let seconds = Int(given.filter { $0 != " " }) else { return fallback }
        return seconds <= 0 ? .infinity : Double(max(2, seconds))
    }

    /// The same target in another database (EXPLAIN runs in the query's own database).
    public func inDatabase(_ database: String) -> ConnectionTarget {
        var copy = self
        copy.dbname = database
        return copy
    }

    /// libpq keyword/value pairs. The conninfo comes first as `dbname` (expanded); later pairs
    /// override what it set, as psql's flags do.
    func keywordPairs() -> [(String, String)] {
        var pairs: [(String, String)] = []
        if let conninfo, !conninfo.isEmpty { pairs.append(("dbname", conninfo)) }
        if let host { pairs.append(("host", host)) }
        if let port { pairs.append(("port", port)) }
        if let user { pairs.append(("user", user)) }
        if let dbname { pairs.append(("dbname", dbname)) }
        return pairs
    }
}

/// What each of our sessions is for; each has its own connection so a slow plan never stalls the
/// refresh and a kill works while a plan runs.
public enum SessionRole: String, Sendable {
    case monitor
    case action
    case explain
}

/// Session settings every pgtriage connection carries, so it never worsens an incident.
public struct SessionSettings: Sendable, Equatable {
    public var applicationName = "pgtriage"
    /// A monitoring query that takes longer than this is cut (milliseconds).
    public var statementTimeoutMs = 5_000
    /// Never queue behind a user's lock for long (milliseconds).
    public var lockTimeoutMs = 500
    public var idleInTransactionTimeoutMs = 60_000
    /// Monitoring sessions are read-only: looking never writes.
    public var readOnly = true
    /// Seconds to wait for a connection before giving up.
    public var connectTimeout: Double = 10
    /// Seconds a statement may go unanswered before a cancel is sent (when the caller gives no
    /// deadline of its own): past the server's statement_timeout, so it fires only when the
    /// server itself stopped answering (a frozen backend, a dead network path). nil: wait.
    public var answerDeadline: Double? = 10
    /// Seconds after that cancel before the connection is given up as not answering.
    public var abandonAfterCancel: Double = 5
    /// Every statement ends with `statementTag`, so pg_stat_statements tells ours from the
    /// server's workload (it keeps a trailing comment; a leading one is dropped on 18).
    public var tagsStatements = true

    /// The comment that ends every statement the monitoring and action sessions send.
    public static let statementTag = " /* pgtriage */"

    public init() {}

    /// An application's session, not pgtriage's: writes allowed, no timeouts (the demo workload
    /// and the tests' sessions).
    public static func application(_ name: String) -> SessionSettings {
        var settings = SessionSettings()
        settings.applicationName = name
        settings.readOnly = false
        settings.statementTimeoutMs = 0
        settings.lockTimeoutMs = 0
        settings.idleInTransactionTimeoutMs = 0
        settings.answerDeadline = nil
        settings.tagsStatements = false
        return settings
    }

    public static func forRole(_ role: SessionRole) -> SessionSettings {
        var settings = SessionSettings()
        switch role {
        case .monitor:
            settings.readOnly = true
        case .action:
            settings.readOnly = true  // pg_cancel_backend/pg_terminate_backend work in read-only transactions
        case .explain:
            settings.readOnly = false  // EXPLAIN ANALYZE of DML must run (and is always rolled back)
            settings.statementTimeoutMs = 60_000
            settings.answerDeadline = 65
            settings.tagsStatements = false  // the DBA's own statement: never edited
        }
        return settings
    }
}

/// The pg_stat_statements SQL, chosen by the extension version **installed in the connected
/// database** (`pg_extension.extversion`), never by the server version: a server upgraded
/// without `ALTER EXTENSION pg_stat_statements UPDATE` keeps the old function and its columns.
///
/// Column sets, read from the extension's own scripts (`pg_stat_statements--*.sql` of 15 and 18):
/// | version | shipped with | what changed (for the columns we read) |
/// | ------- | ------------ | -------------------------------------- |
/// | 1.2-1.7 | 9.4-12 | `pg_stat_statements(showtext boolean)`, `queryid`, `total_time`, `blk_read_time`/`blk_write_time` |
/// | 1.8 | 13 | `total_time` split into `total_exec_time` + `total_plan_time`/`plans`; `wal_records`/`wal_fpi`/`wal_bytes` |
/// | 1.9 | 14 | `toplevel`; `pg_stat_statements_info` (`dealloc`, `stats_reset`) |
/// | 1.10 | 15, 16 | `temp_blk_read_time`/`temp_blk_write_time`, `jit_*` |
/// | 1.11 | 17 | `blk_read_time`/`blk_write_time` renamed `shared_blk_read_time`/`shared_blk_write_time`, `local_blk_*_time`; `stats_since`, `minmax_stats_since`; `jit_deform_*` |
/// | 1.12 | 18 | `wal_buffers_full`, `parallel_workers_to_launch`/`parallel_workers_launched` |
///
/// Every variant selects the same aliases (`exec_ms`, `blk_read_ms`, ...) with typed NULLs for
/// what it lacks, so one decoder reads them all: a new extension version adds a variant, not
/// another `if` in the decoder.
public enum StatementsVariant: String, CaseIterable, Sendable, Comparable, Codable {
    /// 1.2 to 1.7: `total_time`, no planning or WAL counters, no `toplevel`.
    case post0102
    /// 1.8 (PostgreSQL 13): `total_exec_time`, planning counters, WAL.
    case post0108
    /// 1.9 (14): `toplevel`, `pg_stat_statements_info`.
    case post0109
    /// 1.10 (15, 16): temp block I/O time.
    case post0110
    /// 1.11 (17): `shared_blk_*_time` renames, `stats_since`.
    case post0111
    /// 1.12 (18): parallel worker counters.
    case post0112

    /// The first extension version of this variant.
    public var minimumVersion: ExtensionVersion {
        switch self {
        case .post0102: return ExtensionVersion(1, 2)
        case .post0108: return ExtensionVersion(1, 8)
        case .post0109: return ExtensionVersion(1, 9)
        case .post0110: return ExtensionVersion(1, 10)
        case .post0111: return ExtensionVersion(1, 11)
        case .post0112: return ExtensionVersion(1, 12)
        }
    }

    /// The newest variant whose minimum version is at or below `version`; nil below 1.2 (no
    /// `queryid`, no `showtext` argument: too old to read).
    public static func forVersion(_ version: ExtensionVersion) -> StatementsVariant? {
        allCases.last { $0.minimumVersion <= version }
    }

    public static func < (lhs: StatementsVariant, rhs: StatementsVariant) -> Bool {
        lhs.minimumVersion < rhs.minimumVersion
    }

    /// Which optional counters this variant has.
    public var columns: StatementColumns {
        var set: StatementColumns = []
        if self >= .post0108 { set.formUnion([.planning, .wal]) }
        if self >= .post0109 { set.formUnion([.toplevel, .infoView]) }
        if self >= .post0110 { set.insert(.tempBlockTime) }
        if self >= .post0111 { set.insert(.statsSince) }
        if self >= .post0112 { set.insert(.parallelWorkers) }
        return set
    }
}

/// An extension version like "1.10" (compared numerically: 1.10 > 1.9).
public struct ExtensionVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var major: Int
    public var minor: Int

    public init(_ major: Int, _ minor: Int) {
        self.major = major
        self.minor = minor
    }

    /// "1.10" -> 1.10; "1" -> 1.0; anything else nil.
    public init?(_ text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let major = Int(parts[0]) else { return nil }
        let minor = parts.count == 2 ? Int(parts[1]) : 0
        guard let minor else { return nil }
        self.init(major, minor)
    }

    public static func < (lhs: ExtensionVersion, rhs: ExtensionVersion) -> Bool {
        (lhs.major, lhs.minor) < (rhs.major, rhs.minor)
    }

    public var description: String { "\(major).\(minor)" }
}

/// Optional pg_stat_statements columns, by extension version.
public struct StatementColumns: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// `plans`, `total_plan_time` (1.8+); non-zero only with `pg_stat_statements.track_planning`.
    public static let planning = StatementColumns(rawValue: 1 << 0)
    /// `wal_bytes` (1.8+).
    public static let wal = StatementColumns(rawValue: 1 << 1)
    /// `toplevel` (1.9+): nested statements (inside functions) are separate entries.
    public static let toplevel = StatementColumns(rawValue: 1 << 2)
    /// `pg_stat_statements_info` (1.9+): `stats_reset`, `dealloc`.
    public static let infoView = StatementColumns(rawValue: 1 << 3)
    /// `temp_blk_read_time`/`temp_blk_write_time` (1.10+).
    public static let tempBlockTime = StatementColumns(rawValue: 1 << 4)
    /// `stats_since` (1.11+): when the entry started counting; a change means it was reset.
    public static let statsSince = StatementColumns(rawValue: 1 << 5)
    /// `parallel_workers_to_launch`/`parallel_workers_launched` (1.12+).
    public static let parallelWorkers = StatementColumns(rawValue: 1 << 6)
}

/// The SQL for one installed pg_stat_statements: counters every refresh (no text), texts only
/// for entries we have not seen, and one whole text on demand.
///
/// Why `pg_stat_statements(false)` and not the view: with `showtext` true the server reads the
/// whole query-text file (up to `pg_stat_statements.max` texts, often megabytes) on every call,
/// however few rows we keep. Counters are read with `showtext := false`, which never touches
/// that file; texts are read with `showtext := true` only when new entries appear, filtered to
/// their queryids and cut in SQL with `left(query, N)`.
public struct StatementsQuery: Sendable, Equatable {
    public let variant: StatementsVariant
    /// As installed, e.g. "1.10".
    public let extensionVersion: String
    /// The extension's schema, already quoted as an identifier (`public`, `"My Schema"`).
    public let schema: String
    /// Characters of text the list gets.
    public let queryLength: Int

    public init(variant: StatementsVariant, extensionVersion: String, schema: String, queryLength: Int = 256) {
        self.variant = variant
        self.extensionVersion = extensionVersion
        self.schema = schema
        self.queryLength = max(1, queryLength)
    }

    /// nil when the version is unreadable or older than 1.2. Versions newer than the catalog
    /// knows use the newest variant (later versions have so far only added columns).
    public static func forExtension(version: String, schema: String, queryLength: Int = 256) -> StatementsQuery? {
        guard let parsed = ExtensionVersion(version), let variant = StatementsVariant.forVersion(parsed) else { return nil }
        return StatementsQuery(variant: variant, extensionVersion: version, schema: schema, queryLength: queryLength)
    }

    public var columns: StatementColumns { variant.columns }

    private var function: String { "\(schema).pg_stat_statements" }

    /// The select list of the counters query, one expression per alias the decoder reads.
    var counterExpressions: [String] {
        let c = columns
        let hasTempTime = c.contains(.tempBlockTime)
        return [
            "s.userid",
            "s.dbid",
            c.contains(.toplevel) ? "s.toplevel" : "true AS toplevel",
            "s.queryid",
            "r.rolname",
            "d.datname",
            "s.calls",
            variant >= .post0108 ? "s.total_exec_time AS exec_ms" : "s.total_time AS exec_ms",
            c.contains(.planning) ? "s.plans" : "NULL::bigint AS plans",
            c.contains(.planning) ? "s.total_plan_time AS plan_ms" : "NULL::float8 AS plan_ms",
            "s.rows",
            "s.shared_blks_hit",
            "s.shared_blks_read",
            "s.shared_blks_dirtied",
            "s.shared_blks_written",
            "s.temp_blks_written",
            variant >= .post0111 ? "s.shared_blk_read_time AS blk_read_ms" : "s.blk_read_time AS blk_read_ms",
            variant >= .post0111 ? "s.shared_blk_write_time AS blk_write_ms" : "s.blk_write_time AS blk_write_ms",
            hasTempTime ? "s.temp_blk_read_time + s.temp_blk_write_time AS temp_blk_ms" : "NULL::float8 AS temp_blk_ms",
            c.contains(.wal) ? "s.wal_bytes" : "NULL::numeric AS wal_bytes",
            c.contains(.parallelWorkers) ? "s.parallel_workers_to_launch AS workers_planned" : "NULL::bigint AS workers_planned",
            c.contains(.parallelWorkers) ? "s.parallel_workers_launched AS workers_launched" : "NULL::bigint AS workers_launched",
            c.contains(.statsSince) ? "s.stats_since" : "NULL::timestamptz AS stats_since",
        ]
    }

    /// The aliases of `counterExpressions` that are not in the `entry` cell (names can hold
    /// commas): the counters query returns them as columns of their own.
    static let nameAliases: Set<String> = ["rolname", "datname"]

    /// An expression's alias (what follows ` AS `, else the column it reads).
    static func alias(_ expression: String) -> String {
        if let range = expression.firstRange(of: " AS ") { return String(expression[range.upperBound...]) }
        return String(expression.split(separator: ".").last ?? "")
    }

    /// The expressions of the `entry` cell, in order: `counterExpressions` but the names.
    var entryExpressions: [String] { counterExpressions.filter { !Self.nameAliases.contains(Self.alias($0)) } }

    /// Every entry's counters, no text (`showtext := false`): the key and every figure in one
    /// text cell, `entry` (the `entryExpressions` comma-separated, an empty field for NULL; none
    /// holds a comma: numbers, booleans, an ISO timestamp), then the role's and the database's
    /// names. One cell rather than 21 an entry: thousands of entries are parsed by libpq, and
    /// compared with the last refresh's, every refresh (an unchanged entry is an unchanged cell).
    public var counters: String {
        let fields = entryExpressions.map { expression -> String in
            let bare = expression.firstRange(of: " AS ").map { String(expression[..<$0.lowerBound]) } ?? expression
            return "coalesce((\(bare))::text, '')"
        }
        return """
        SELECT concat_ws(',', \(fields.joined(separator: ",\n                      "))) AS entry,
               r.rolname,
               d.datname
        FROM \(function)(false) s
        LEFT JOIN pg_roles r ON r.oid = s.userid
        LEFT JOIN pg_database d ON d.oid = s.dbid
        """
    }

    /// The server clock for the rates, and the extension-wide reset time (1.9+).
    public var clockAndInfo: String {
        if columns.contains(.infoView) {
            return "SELECT clock_timestamp() AS now, i.dealloc, i.stats_reset FROM \(schema).pg_stat_statements_info i"
        }
        return "SELECT clock_timestamp() AS now, NULL::bigint AS dealloc, NULL::timestamptz AS stats_reset"
    }

    /// Rows of one batch of the counters and texts reads: the reader holds one batch at a time
    /// (5000 entries read whole held 1.7 MB more while they were read).
    public static let batchRows = 1024

    /// One refresh in one round trip: the clock (and reset time), then the counters, from a
    /// cursor in batches (`expectedEntries` sets how many; any entries beyond come in a last one).
    public func refresh(expectedEntries: Int, batchRows: Int = Self.batchRows) -> String {
        clockAndInfo + ";\n" + Self.inBatches(counters, cursor: "pgtriage_statements", expectedRows: expectedEntries, batchRows: batchRows)
    }

    /// The FETCHes of a batch that `expectedRows` take (at least one; a last `FETCH ALL` follows).
    public static func fetches(expectedRows: Int, batchRows: Int) -> Int {
        max(1, (expectedRows + batchRows - 1) / batchRows)
    }

    /// `query` as a cursor fetched in batches of `batchRows`, in one round trip: its results are
    /// the DECLARE's (no columns), then one per FETCH, the last `FETCH ALL`. The cursor lives in
    /// the statements' one implicit transaction, which ends with them.
    static func inBatches(_ query: String, cursor: String, expectedRows: Int, batchRows: Int) -> String {
        let fetches = Self.fetches(expectedRows: expectedRows, batchRows: batchRows)
        let fetch = "FETCH \(batchRows) FROM \(cursor)"
        return "DECLARE \(cursor) NO SCROLL CURSOR FOR \(query);\n"
            + Array(repeating: fetch, count: fetches).joined(separator: ";\n") + ";\nFETCH ALL FROM \(cursor)"
    }

    /// Texts of the given queryids (`$1`: a bigint array), cut to `queryLength` characters.
    /// Read in batches of at most a batch of ids, as the counters are (a cursor would do it in
    /// one round trip, but a cursor takes no parameters: the ids written into its text would
    /// make a new pg_stat_statements entry, a long one, at every read).
    public var texts: String {
        """
        SELECT s.userid, s.dbid, \(columns.contains(.toplevel) ? "s.toplevel" : "true AS toplevel"), s.queryid,
               left(s.query, \(queryLength)) AS query,
               char_length(s.query) > \(queryLength) AS query_cut,
               right(s.query, \(SessionSettings.statementTag.count)) = '\(SessionSettings.statementTag)' AS ours
        FROM \(function)(true) s
        WHERE s.queryid = ANY($1::bigint[])
        """
    }

    /// The whole text of one entry: `$1` userid, `$2` dbid, `$3` queryid, `$4` toplevel.
    public var fullText: String {
        let toplevel = columns.contains(.toplevel) ? " AND s.toplevel = $4::bool" : " AND $4::bool IS NOT NULL"
        return """
            SELECT s.query FROM \(function)(true) s
            WHERE s.userid = $1::oid AND s.dbid = $2::oid AND s.queryid = $3::bigint\(toplevel)
            """
    }
}

/// What we need to know to read pg_stat_statements, or to say exactly why we cannot.
public enum StatementsCatalog {
    /// One row: is the extension created here (version, schema), is the library loaded, can our
    /// role see other roles' texts. `pg_available_extensions` (it reads the extension folder) is
    /// only consulted when the extension is not created.
    /// `shared_preload_libraries` is visible to superusers and pg_read_all_settings (pg_monitor);
    /// to others it reads as NULL, and `pg_stat_statements.max`, defined only once the library is
    /// loaded, stands in.
    public static let probe = """
        SELECT e.extversion,
               quote_ident(n.nspname) AS schema,
               current_database() AS database,
               current_user AS role,
               (SELECT setting FROM pg_settings WHERE name = 'shared_preload_libraries') AS preload,
               current_setting('pg_stat_statements.max', true) IS NOT NULL AS library_loaded,
               current_setting('pg_stat_statements.max', true) AS max_entries,
               current_setting('pg_stat_statements.track_planning', true) AS track_planning,
               CASE WHEN e.extversion IS NULL
                    THEN EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_stat_statements')
               END AS available,
               (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
                 OR pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS sees_all_texts
        FROM (SELECT 1) AS one
        LEFT JOIN pg_extension e ON e.extname = 'pg_stat_statements'
        LEFT JOIN pg_namespace n ON n.oid = e.extnamespace
        """
}

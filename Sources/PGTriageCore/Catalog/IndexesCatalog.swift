/// The Indexes SQL (PostgreSQL 13+; `last_idx_scan` from 16: a variant, chosen by server version).
///
/// Cheap by construction, and never waiting behind a user's lock. A read is two parts:
/// - the counters (`refreshCounters`), read every time: per index its size (`pg_class.relpages`,
///   never `pg_relation_size`) and the functions behind `pg_stat_user_indexes` (the view itself
///   joins three catalogs and computes them for every relation), from `pg_class` alone; plus how
///   often the catalogs that shape the list were written (`catalog_changes`);
/// - the shape (`refreshShape`), read only when that changed, the set of indexes changed, or it
///   is old (`IndexesReader`): definitions, `pg_get_expr` where an index has expressions or a
///   predicate (syscache reads, no relation lock), foreign keys, and the btree bloat estimate's
///   inputs. The flags and the redundancy pairs are worked out in Swift (`IndexFindings`), not in
///   a self-join. `pg_get_indexdef` is read in a third, small query for the flagged indexes only
///   (`definitions`), once per index.
///
/// `pg_get_expr` and `pg_get_indexdef` take the table's ACCESS SHARE lock, so both are skipped
/// (`CASE`, which evaluates lazily) for the tables someone holds or waits for in ACCESS EXCLUSIVE
/// (`locked`): one locked table must not take the whole section down with a lock timeout.
public enum IndexesQuery: String, Sendable, CaseIterable {
    case post130000
    case post160000

    public static func forServer(versionNum: Int) -> IndexesQuery {
        versionNum >= 160000 ? .post160000 : .post130000
    }

    /// Serial plans without JIT, for this round trip's implicit transaction only (`SET LOCAL`):
    /// parallel workers and JIT compilation over a large catalog cost more to start than they
    /// save (JIT alone was 45 ms of the list at 110 000 indexes), and workers are the user's.
    static let session = "SET LOCAL max_parallel_workers_per_gather = 0;\nSET LOCAL jit = off"

    /// Server clock, database, the platform's MAXALIGN (as `BloatCatalog.header`), when this
    /// database's statistics were reset, and `catalog_changes`: rows written to the catalogs the
    /// shape is made from, as the statistics count them (DDL inserts, updates or deletes them;
    /// VACUUM and ANALYZE update `pg_class` in place, uncounted). A different figure means the
    /// shape must be read again. NULL where nothing counts them: `track_counts` off, or a standby
    /// (it replays the primary's DDL without counting it).
    public static let header = """
        SELECT clock_timestamp() AS now, current_database() AS database, current_user AS role,
               pg_is_in_recovery() AS in_recovery,
               current_setting('block_size')::int AS block_size,
               CASE WHEN version() ~ '64-bit|x86_64|aarch64|ppc64|ia64|amd64|s390x' THEN 8 ELSE 4 END AS max_align,
               pg_stat_get_db_stat_reset_time(d.oid) AS stats_reset,
               CASE WHEN current_setting('track_counts')::bool AND NOT pg_is_in_recovery() THEN
                 (SELECT sum(pg_stat_get_tuples_inserted(r) + pg_stat_get_tuples_updated(r) + pg_stat_get_tuples_deleted(r))::bigint
                  FROM unnest('{pg_class,pg_index,pg_constraint,pg_namespace,pg_attribute}'::regclass[]) AS r)
               END AS catalog_changes
        FROM pg_database d WHERE d.datname = current_database()
        """

    /// Relations of this database that another session holds (or waits for: later lockers queue
    /// behind it) in ACCESS EXCLUSIVE mode: the holder's pid (nil for a prepared transaction),
    /// else the first waiter's. Read from the lock manager (`pg_locks`), which takes no lock.
    public static let locked = """
        locked AS MATERIALIZED (
          SELECT relation, bool_or(granted) AS held,
                 coalesce(min(pid) FILTER (WHERE granted), min(pid)) AS locker
          FROM pg_locks
          WHERE locktype = 'relation' AND mode = 'AccessExclusiveLock'
            AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND pid IS DISTINCT FROM pg_backend_pid()
          GROUP BY relation
        )
        """

    /// `last_idx_scan` is `pg_stat_get_lastscan` (16+).
    var lastScanExpression: String {
        switch self {
        case .post130000: return "NULL::timestamptz"
        case .post160000: return "pg_stat_get_lastscan(c.oid)"
        }
    }

    /// The schemas whose indexes are listed: all but the system's (as `pg_stat_user_indexes`).
    static let userSchemas = """
        NOT IN (SELECT oid FROM pg_namespace
                WHERE nspname IN ('pg_catalog', 'information_schema') OR nspname ~ '^pg_toast')
        """

    /// Every index of the user schemas, temporary ones left out: its size and counters. An index
    /// is in its table's schema, so `pg_class` alone answers.
    public var counters: String {
        """
        SELECT c.oid, c.relpages AS pages,
               pg_stat_get_numscans(c.oid) AS idx_scan,
               pg_stat_get_tuples_returned(c.oid) AS idx_tup_read,
               pg_stat_get_tuples_fetched(c.oid) AS idx_tup_fetch,
               \(lastScanExpression) AS last_idx_scan
        FROM pg_class c
        WHERE c.relkind = 'i' AND c.relpersistence <> 't' AND c.relnamespace \(Self.userSchemas)
        """
    }

    /// The same indexes' definitions: what they are, not what they did.
    public static let indexes = """
        WITH \(locked)
        SELECT x.indexrelid AS oid, x.indrelid AS table_oid, n.nspname AS schema, t.relname AS table_name,
               c.relname AS name, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS quoted_name,
               am.amname AS method, x.indkey::text AS indkey, x.indnkeyatts AS key_columns,
               x.indclass::text AS indclass, x.indcollation::text AS indcollation,
               CASE WHEN x.indexprs IS NULL THEN NULL WHEN l.relation IS NOT NULL THEN '?'
                    ELSE pg_get_expr(x.indexprs, x.indrelid) END AS expressions,
               CASE WHEN x.indpred IS NULL THEN NULL WHEN l.relation IS NOT NULL THEN '?'
                    ELSE pg_get_expr(x.indpred, x.indrelid) END AS predicate,
               l.relation IS NOT NULL AND (x.indexprs IS NOT NULL OR x.indpred IS NOT NULL) AS not_read,
               l.held AS lock_held, l.locker,
               x.indisunique AS is_unique, x.indisprimary AS is_primary, x.indisexclusion AS is_exclusion,
               x.indisreplident AS is_replident, x.indisvalid AS valid
        FROM pg_index x
        JOIN pg_class c ON c.oid = x.indexrelid
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        JOIN pg_am am ON am.oid = c.relam
        LEFT JOIN locked l ON l.relation = x.indrelid
        WHERE c.relkind = 'i' AND c.relpersistence <> 't' AND c.relnamespace \(userSchemas)
        """

    /// Foreign keys of the user schemas' tables (partitions included: each has its own copy)
    /// that no valid, non-partial index supports (its leading key columns are the FK's, in any
    /// order: `IndexFindings.isSupported`, which the reader applies again), their columns, the
    /// child table's size and writes since the reset. The supported ones are dropped first, in
    /// an anti-join on `pg_index`, so the column names are looked up only for the others.
    public static let foreignKeys = """
        WITH fk AS MATERIALIZED (
          SELECT k.oid, k.conname, k.conrelid, k.confrelid, k.conkey, n.nspname, t.relname, t.relpages
          FROM pg_constraint k
          JOIN pg_class t ON t.oid = k.conrelid
          JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE k.contype = 'f' AND t.relkind = 'r' AND t.relpersistence <> 't'
            AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
            AND NOT EXISTS (
              SELECT 1 FROM pg_index i
              WHERE i.indrelid = k.conrelid AND i.indisvalid AND i.indpred IS NULL
                AND i.indnkeyatts >= cardinality(k.conkey)
                AND (i.indkey::int2[])[0:cardinality(k.conkey) - 1] @> k.conkey
                AND (i.indkey::int2[])[0:cardinality(k.conkey) - 1] <@ k.conkey)
        ), col AS (
          SELECT fk.oid, array_agg(a.attname ORDER BY u.o) AS columns,
                 array_agg(quote_ident(a.attname) ORDER BY u.o) AS quoted_columns
          FROM fk CROSS JOIN unnest(fk.conkey) WITH ORDINALITY AS u(attnum, o)
          JOIN pg_attribute a ON a.attrelid = fk.conrelid AND a.attnum = u.attnum
          GROUP BY fk.oid
        )
        SELECT fk.oid, fk.conname AS constraint_name, fk.conrelid AS table_oid, fk.nspname AS schema, fk.relname AS table_name,
               quote_ident(fk.nspname) || '.' || quote_ident(fk.relname) AS quoted_table,
               fk.conkey::text AS conkey, col.columns, col.quoted_columns,
               rn.nspname || '.' || r.relname AS referenced_table, fk.relpages AS table_pages,
               pg_stat_get_tuples_inserted(fk.conrelid) + pg_stat_get_tuples_updated(fk.conrelid)
                 + pg_stat_get_tuples_deleted(fk.conrelid) AS writes
        FROM fk
        JOIN col ON col.oid = fk.oid
        JOIN pg_class r ON r.oid = fk.confrelid
        JOIN pg_namespace rn ON rn.oid = r.relnamespace
        """

    /// CREATE INDEX and REINDEX running in this database: an invalid index being built is not a
    /// finding. Other roles' rows show a NULL relid without pg_read_all_stats.
    public static let builds = """
        SELECT relid, index_relid, phase
        FROM pg_stat_progress_create_index
        WHERE datid = (SELECT oid FROM pg_database WHERE datname = current_database())
        """

    /// The foreign keys' tables' sizes and writes, by oid (the shape's `missingFKIndexes`).
    public static func foreignKeyTables(_ oids: [UInt32]) -> String {
        """
        SELECT t.oid, t.relpages AS pages,
               pg_stat_get_tuples_inserted(t.oid) + pg_stat_get_tuples_updated(t.oid)
                 + pg_stat_get_tuples_deleted(t.oid) AS writes
        FROM pg_class t WHERE t.oid = ANY ('{\(oids.map(String.init).joined(separator: ","))}'::oid[])
        """
    }

    /// The counters part in one round trip: header, counters, builds, and (when the shape lists
    /// foreign keys without an index) their tables' sizes and writes.
    public func refreshCounters(foreignKeyTables tables: [UInt32]) -> String {
        ([Self.session, Self.header, counters, Self.builds] + (tables.isEmpty ? [] : [Self.foreignKeyTables(tables)]))
            .joined(separator: ";\n")
    }

    /// The shape part in one round trip: definitions, foreign keys, and the btree bloat
    /// estimate's inputs (the Bloat pane's own query, reused as it is).
    public static func refreshShape(limit: Int) -> String {
        [session, indexes, foreignKeys, BloatCatalog.btreeIndexesPost130000(limit: limit)].joined(separator: ";\n")
    }

    /// `$1`: the flagged indexes' oids, e.g. `{16400,16410}`, `$2` their tables' oids in the same
    /// order: their definitions, none for a table in `locked` (`lock_held`, `locker` say who
    /// holds it). The tables come from the list, so no catalog is joined.
    public static let definitions = """
        WITH \(locked)
        SELECT i.oid, l.held AS lock_held, l.locker,
               CASE WHEN l.relation IS NULL THEN pg_get_indexdef(i.oid) END AS definition
        FROM unnest($1::oid[], $2::oid[]) AS i(oid, table_oid)
        LEFT JOIN locked l ON l.relation = i.table_oid
        """
}

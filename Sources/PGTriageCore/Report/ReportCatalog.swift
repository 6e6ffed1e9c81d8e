/// The SQL only the report needs: what no pane's reader reads (the panes' readers give the rest).
/// Catalog views only, no `pg_relation_size` over the catalog (sizes from `relpages`), and run on
/// the monitoring session, so its statement and lock timeouts apply. Server-version differences
/// are variants named by their minimum version, as in `Catalog`.
public enum ReportCatalog {
    static let userSchemas = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'"

    /// Every database with its size (when our role may connect to it or reads all statistics:
    /// `pg_database_size` sums files, no relation lock) and its cumulative counters.
    public static let databases = """
        SELECT d.datname AS name,
               CASE WHEN has_database_privilege(d.oid, 'CONNECT') OR pg_has_role(current_user, 'pg_read_all_stats', 'USAGE')
                    THEN pg_database_size(d.oid) END AS size_bytes,
               d.datname = current_database() AS current,
               s.numbackends, s.xact_commit, s.xact_rollback, s.blks_read, s.blks_hit,
               s.tup_returned, s.tup_fetched, s.tup_inserted, s.tup_updated, s.tup_deleted,
               s.temp_files, s.temp_bytes, s.deadlocks, s.stats_reset
        FROM pg_database d LEFT JOIN pg_stat_database s ON s.datid = d.oid
        WHERE NOT d.datistemplate
        ORDER BY size_bytes DESC NULLS LAST, d.datname
        """

    /// Settings whose value does not come from the built-in default (our own session's settings
    /// left out), and differs from it.
    public static let changedSettings = """
        SELECT name, setting, unit, source, boot_val, pending_restart
        FROM pg_settings
        WHERE source NOT IN ('default', 'override', 'client', 'session')
          AND setting IS DISTINCT FROM boot_val
        ORDER BY name
        """

    /// Extensions installed in the connected database, with the version the server's files offer.
    public static let extensions = """
        SELECT e.extname AS name, e.extversion AS version, n.nspname AS schema, a.default_version
        FROM pg_extension e
        JOIN pg_namespace n ON n.oid = e.extnamespace
        LEFT JOIN pg_available_extensions a ON a.name = e.extname
        ORDER BY e.extname
        """

    /// Scans and writes per table (one row per user table; numbers only).
    public static let tableActivity = """
        SELECT s.relid AS oid, s.schemaname AS schema, s.relname AS name,
               quote_ident(s.schemaname) || '.' || quote_ident(s.relname) AS quoted,
               s.seq_scan, s.idx_scan, s.n_live_tup, s.n_tup_ins, s.n_tup_upd, s.n_tup_del, c.relpages::bigint AS pages
        FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
        """

    /// Shared-buffer hits and reads of the connected database's user tables and indexes, from
    /// the per-relation counters in one pass over pg_class (the pg_statio_* views join much more).
    public static let cacheTotals = """
        SELECT sum(pg_stat_get_blocks_hit(c.oid)) FILTER (WHERE c.relkind IN ('r', 'm')) AS heap_hit,
               sum(pg_stat_get_blocks_fetched(c.oid) - pg_stat_get_blocks_hit(c.oid)) FILTER (WHERE c.relkind IN ('r', 'm')) AS heap_read,
               sum(pg_stat_get_blocks_hit(c.oid)) FILTER (WHERE c.relkind = 'i') AS index_hit,
               sum(pg_stat_get_blocks_fetched(c.oid) - pg_stat_get_blocks_hit(c.oid)) FILTER (WHERE c.relkind = 'i') AS index_read
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'm', 'i') AND \(userSchemas)
        """

    /// Tables (and partitioned tables; not their partitions) without a primary key, with a
    /// unique index on NOT NULL columns that could become one.
    public static let tablesWithoutPrimaryKey = """
        SELECT c.oid, n.nspname AS schema, c.relname AS name,
               quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS quoted,
               c.relpages::bigint AS pages, c.reltuples::float8 AS tuples,
               (SELECT quote_ident(ic.relname)
                FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
                WHERE i.indrelid = c.oid AND i.indisunique AND i.indisvalid AND i.indpred IS NULL AND i.indexprs IS NULL
                  AND NOT EXISTS (SELECT 1 FROM pg_attribute a
                                  WHERE a.attrelid = c.oid AND a.attnum = ANY (i.indkey) AND NOT a.attnotnull)
                ORDER BY ic.relname LIMIT 1) AS unique_index
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND \(userSchemas)
          AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
        ORDER BY c.relpages DESC, n.nspname, c.relname
        """

    /// Constraints added NOT VALID and never validated: existing rows are not checked.
    public static let notValidConstraints = """
        SELECT n.nspname AS schema, c.relname AS table_name,
               quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS quoted_table,
               con.conname AS name, quote_ident(con.conname) AS quoted_name, con.contype::text AS type,
               pg_get_constraintdef(con.oid) AS definition
        FROM pg_constraint con
        JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT con.convalidated AND \(userSchemas)
        ORDER BY n.nspname, c.relname, con.conname
        """

    /// Checkpoints timed and requested: pg_stat_bgwriter before 17...
    public static let checkpointsPost130000 = """
        SELECT checkpoints_timed AS timed, checkpoints_req AS requested,
               checkpoint_write_time AS write_ms, checkpoint_sync_time AS sync_ms,
               buffers_checkpoint AS buffers_written, stats_reset,
               current_setting('checkpoint_timeout') AS checkpoint_timeout, current_setting('max_wal_size') AS max_wal_size
        FROM pg_stat_bgwriter
        """

    /// ...pg_stat_checkpointer from 17 (pg_stat_bgwriter lost these columns).
    public static let checkpointsPost170000 = """
        SELECT num_timed AS timed, num_requested AS requested,
               write_time AS write_ms, sync_time AS sync_ms,
               buffers_written, stats_reset,
               current_setting('checkpoint_timeout') AS checkpoint_timeout, current_setting('max_wal_size') AS max_wal_size
        FROM pg_stat_checkpointer
        """

    public static func checkpoints(serverVersion: Int) -> String {
        serverVersion >= 170000 ? checkpointsPost170000 : checkpointsPost130000
    }

    /// Login roles with the timeouts set for them (role in this database, role, this database)
    /// and their sessions now. The server's own values come from `reset_val`: what a session of
    /// ours gets before its own SETs.
    public static let roleTimeouts = """
        WITH db AS (SELECT oid FROM pg_database WHERE datname = current_database())
        SELECT r.rolname AS role, quote_ident(r.rolname) AS quoted, r.rolsuper AS superuser,
               (SELECT s.setconfig FROM pg_db_role_setting s, db WHERE s.setrole = r.oid AND s.setdatabase = db.oid) AS role_db_config,
               (SELECT s.setconfig FROM pg_db_role_setting s WHERE s.setrole = r.oid AND s.setdatabase = 0) AS role_config,
               (SELECT s.setconfig FROM pg_db_role_setting s, db WHERE s.setrole = 0 AND s.setdatabase = db.oid) AS db_config,
               (SELECT count(*) FROM pg_stat_activity a WHERE a.usesysid = r.oid) AS sessions,
               (SELECT reset_val FROM pg_settings WHERE name = 'statement_timeout') AS server_statement_timeout,
               (SELECT reset_val FROM pg_settings WHERE name = 'idle_in_transaction_session_timeout') AS server_idle_timeout,
               (SELECT reset_val FROM pg_settings WHERE name = 'lock_timeout') AS server_lock_timeout
        FROM pg_roles r
        WHERE r.rolcanlogin
        ORDER BY r.rolname
        """

    /// What active client backends wait for right now (one sample of the wait-event mix);
    /// no wait event while active means running on CPU (or in an uninstrumented wait).
    public static let waitSample = """
        SELECT coalesce(wait_event_type, 'CPU') AS wait_type, coalesce(wait_event, '(none)') AS wait_event, count(*) AS n
        FROM pg_stat_activity
        WHERE state = 'active' AND backend_type = 'client backend' AND pid <> pg_backend_pid()
        GROUP BY 1, 2
        """

    /// Exact sizes of a few tables (the largest by relpages): heap, and with TOAST and indexes.
    /// `pg_total_relation_size` takes an ACCESS SHARE lock on each: only for these few rows,
    /// and a table locked by someone else fails it within the session's lock_timeout instead
    /// of queueing behind. A table dropped meanwhile gives NULL. `$1`: table oids.
    public static let exactSizes = """
        SELECT r.oid, pg_relation_size(r.oid) AS heap_bytes, pg_total_relation_size(r.oid) AS total_bytes
        FROM unnest($1::oid[]) AS r(oid)
        """

    /// Time and serial (sequence or identity) columns of the given tables: the partition keys
    /// they could be ranged on. `$1`: table oids.
    public static let partitionKeyColumns = """
        SELECT a.attrelid AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type
        FROM pg_attribute a
        WHERE a.attrelid = ANY ($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
          AND (a.atttypid IN ('timestamp'::regtype, 'timestamptz'::regtype, 'date'::regtype)
               OR a.attidentity <> ''
               OR EXISTS (SELECT 1 FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
                          WHERE d.refobjid = a.attrelid AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass))
        ORDER BY a.attrelid, a.attnum
        """
}

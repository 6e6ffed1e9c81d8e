/// The Tables section's SQL: per-table autovacuum inputs and ages, what holds the xmin horizon,
/// sequences, running maintenance. A server-version difference is a named variant
/// (`...Post180000`); the arithmetic is in Model/Tables.swift (unit-tested).
///
/// Cheap by construction: sizes are `relpages x block_size` (no pg_relation_size, no lock), the
/// counters come from the functions behind pg_stat_all_tables (joining the view computes every
/// column for every relation), reloptions go to the client only when set.
public enum TablesCatalog {
    /// Clock, database, block size and the autovacuum settings (`current_setting(name, true)`:
    /// null where the server has no such setting, e.g. the max threshold before 18).
    public static let header = """
        SELECT clock_timestamp() AS now, current_database() AS database, current_user AS role,
               current_setting('block_size')::int AS block_size,
               current_setting('autovacuum') AS autovacuum,
               current_setting('track_counts') AS track_counts,
               current_setting('autovacuum_vacuum_threshold') AS vacuum_threshold,
               current_setting('autovacuum_vacuum_scale_factor') AS vacuum_scale_factor,
               current_setting('autovacuum_vacuum_max_threshold', true) AS vacuum_max_threshold,
               current_setting('autovacuum_vacuum_insert_threshold', true) AS insert_threshold,
               current_setting('autovacuum_vacuum_insert_scale_factor', true) AS insert_scale_factor,
               current_setting('autovacuum_analyze_threshold') AS analyze_threshold,
               current_setting('autovacuum_analyze_scale_factor') AS analyze_scale_factor,
               current_setting('autovacuum_freeze_max_age') AS freeze_max_age,
               current_setting('autovacuum_multixact_freeze_max_age') AS multixact_freeze_max_age,
               pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS reads_all_stats,
               pg_is_in_recovery() AS in_recovery
        """

    /// Every table and materialized view (temporary ones left out), 13 to 17.
    public static let tablesPost130000 = tables(relallfrozen: "NULL::int")

    /// 18 adds `pg_class.relallfrozen` (the insert threshold counts only unfrozen pages).
    public static let tablesPost180000 = tables(relallfrozen: "c.relallfrozen")

    static func tables(relallfrozen: String) -> String {
        """
        SELECT c.oid, n.nspname AS schema, c.relname AS name, c.relpages AS pages, c.reltuples AS tuples,
               \(relallfrozen) AS allfrozen,
               CASE WHEN c.reloptions::text LIKE '%autovacuum%' THEN c.reloptions END AS reloptions,
               greatest(age(c.relfrozenxid), age(t.relfrozenxid)) AS xid_age,
               greatest(mxid_age(c.relminmxid), mxid_age(t.relminmxid)) AS mxid_age,
               pg_stat_get_live_tuples(c.oid) AS n_live_tup, pg_stat_get_dead_tuples(c.oid) AS n_dead_tup,
               pg_stat_get_mod_since_analyze(c.oid) AS n_mod_since_analyze,
               pg_stat_get_ins_since_vacuum(c.oid) AS n_ins_since_vacuum,
               pg_stat_get_last_vacuum_time(c.oid) AS last_vacuum,
               pg_stat_get_last_autovacuum_time(c.oid) AS last_autovacuum,
               pg_stat_get_last_analyze_time(c.oid) AS last_analyze,
               pg_stat_get_last_autoanalyze_time(c.oid) AS last_autoanalyze
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
        WHERE c.relkind IN ('r', 'm') AND c.relpersistence <> 't'
          AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast'
        """
    }

    /// Frozen XID and MXID age of every database.
    public static let databases = """
        SELECT datname AS name, age(datfrozenxid) AS xid_age, mxid_age(datminmxid) AS mxid_age
        FROM pg_database ORDER BY age(datfrozenxid) DESC
        """

    /// What holds the xmin horizon back, the oldest first: backends (xmin, or xid for a
    /// read-committed transaction between statements), replication slots, prepared transactions
    /// and standbys' hot_standby_feedback (their walsenders are not counted as backends).
    public static let horizon = """
        SELECT * FROM (
          SELECT 'backend' AS kind, pid::text AS id, pid, greatest(age(backend_xmin), age(backend_xid)) AS xmin_age,
                 usename AS owner, concat_ws(' ', nullif(application_name, ''), state) AS detail, xact_start AS since
          FROM pg_stat_activity
          WHERE (backend_xmin IS NOT NULL OR backend_xid IS NOT NULL) AND pid <> pg_backend_pid()
            AND backend_type <> 'walsender'
          UNION ALL
          SELECT 'replication_slot', slot_name::text, active_pid, greatest(age(xmin), age(catalog_xmin)),
                 slot_type, concat_ws(' ', database, CASE WHEN active THEN 'active' ELSE 'inactive' END), NULL
          FROM pg_replication_slots WHERE xmin IS NOT NULL OR catalog_xmin IS NOT NULL
          UNION ALL
          SELECT 'prepared_xact', gid, NULL, age(transaction), owner::text, database::text, prepared
          FROM pg_prepared_xacts
          UNION ALL
          SELECT 'standby', coalesce(nullif(application_name, ''), pid::text), pid, age(backend_xmin),
                 usename, concat_ws(' ', host(client_addr), state), backend_start
          FROM pg_stat_replication WHERE backend_xmin IS NOT NULL
        ) h
        ORDER BY xmin_age DESC NULLS LAST
        LIMIT 50
        """

    /// Sequences, the type of the column each feeds (pg_depend: `a` for serial and OWNED BY, `i`
    /// for identity) and its last value. pg_sequences reads each sequence's page under a lock:
    /// a sequence someone holds an ACCESS EXCLUSIVE lock on (ALTER SEQUENCE in an open
    /// transaction) is skipped, and the session's lock_timeout bounds the rest. Run on its own
    /// so that a failure here leaves the tables readable.
    public static let sequences = """
        SELECT s.schemaname AS schema, s.sequencename AS name, s.data_type::text AS sequence_type,
               s.last_value, s.max_value, s.increment_by,
               has_sequence_privilege(c.oid, 'SELECT,USAGE') AS readable,
               format_type(a.atttypid, NULL) AS column_type,
               CASE WHEN a.attname IS NOT NULL THEN quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) || '.' || quote_ident(a.attname) END AS owned_by
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        CROSS JOIN LATERAL (
          SELECT * FROM pg_sequences ps WHERE ps.schemaname = n.nspname AND ps.sequencename = c.relname
        ) s
        LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid
             AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i')
        LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        LEFT JOIN pg_class tc ON tc.oid = d.refobjid
        LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
        WHERE c.relkind = 'S'
          AND NOT EXISTS (SELECT 1 FROM pg_locks l WHERE l.relation = c.oid AND l.mode = 'AccessExclusiveLock'
                          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()))
        """

    /// Running maintenance of this database. Every variant selects the same aliases in the same
    /// order; only VACUUM's columns differ by version. Each view's `done`/`total` is the work
    /// unit its phase counts.
    static func maintenance(vacuumDetails: String) -> String {
        """
        WITH a AS MATERIALIZED (SELECT pid, query_start, left(query, 12) AS query FROM pg_stat_activity)
        SELECT p.pid, CASE WHEN a.query LIKE 'autovacuum:%' THEN 'autovacuum' ELSE 'VACUUM' END AS command,
               p.relid::regclass::text AS relation, p.phase,
               CASE WHEN p.phase = 'vacuuming heap' THEN p.heap_blks_vacuumed ELSE p.heap_blks_scanned END AS done,
               p.heap_blks_total AS total, 'blocks' AS unit, a.query_start AS started_at,
               \(vacuumDetails) AS details
        FROM pg_stat_progress_vacuum p LEFT JOIN a ON a.pid = p.pid
        WHERE p.datname = current_database()
        UNION ALL
        SELECT p.pid, 'ANALYZE', p.relid::regclass::text, p.phase, p.sample_blks_scanned, p.sample_blks_total,
               'blocks', a.query_start,
               CASE WHEN p.child_tables_total > 0 THEN p.child_tables_done || '/' || p.child_tables_total || ' child tables' END
        FROM pg_stat_progress_analyze p LEFT JOIN a ON a.pid = p.pid
        WHERE p.datname = current_database()
        UNION ALL
        SELECT p.pid, p.command, CASE WHEN p.index_relid <> 0 THEN p.index_relid::regclass::text || ' on ' ELSE '' END || p.relid::regclass::text, p.phase,
               CASE WHEN p.blocks_total > 0 THEN p.blocks_done ELSE p.tuples_done END,
               CASE WHEN p.blocks_total > 0 THEN p.blocks_total ELSE p.tuples_total END,
               CASE WHEN p.blocks_total > 0 THEN 'blocks' ELSE 'tuples' END, a.query_start,
               CASE WHEN p.lockers_total > 0 THEN 'waiting for ' || (p.lockers_total - p.lockers_done) || ' lockers' END
        FROM pg_stat_progress_create_index p LEFT JOIN a ON a.pid = p.pid
        WHERE p.datname = current_database()
        UNION ALL
        SELECT p.pid, p.command, p.relid::regclass::text, p.phase,
               CASE WHEN p.heap_blks_total > 0 THEN p.heap_blks_scanned ELSE p.heap_tuples_written END,
               CASE WHEN p.heap_blks_total > 0 THEN p.heap_blks_total ELSE 0 END,
               CASE WHEN p.heap_blks_total > 0 THEN 'blocks' ELSE 'tuples' END, a.query_start,
               CASE WHEN p.index_rebuild_count > 0 THEN p.index_rebuild_count || ' indexes rebuilt' END
        FROM pg_stat_progress_cluster p LEFT JOIN a ON a.pid = p.pid
        WHERE p.datname = current_database()
        """
    }

    /// 13-16: dead tuples counted (`num_dead_tuples` of `max_dead_tuples`).
    public static let maintenancePost130000 = maintenance(vacuumDetails: """
        concat_ws(', ', CASE WHEN p.index_vacuum_count > 0 THEN p.index_vacuum_count || ' index passes' END,
                  p.num_dead_tuples || '/' || p.max_dead_tuples || ' dead tuples')
        """)

    /// 17: dead tuples in bytes (the TID store), indexes processed of total.
    public static let maintenancePost170000 = maintenance(vacuumDetails: """
        concat_ws(', ', CASE WHEN p.indexes_total > 0 THEN p.indexes_processed || '/' || p.indexes_total || ' indexes' END,
                  CASE WHEN p.index_vacuum_count > 0 THEN p.index_vacuum_count || ' index passes' END,
                  pg_size_pretty(p.dead_tuple_bytes) || '/' || pg_size_pretty(p.max_dead_tuple_bytes) || ' dead tuple memory')
        """)

    /// 18: plus the time slept in cost-based delay (`delay_time`, ms; track_cost_delay_timing).
    public static let maintenancePost180000 = maintenance(vacuumDetails: """
        concat_ws(', ', CASE WHEN p.indexes_total > 0 THEN p.indexes_processed || '/' || p.indexes_total || ' indexes' END,
                  CASE WHEN p.index_vacuum_count > 0 THEN p.index_vacuum_count || ' index passes' END,
                  pg_size_pretty(p.dead_tuple_bytes) || '/' || pg_size_pretty(p.max_dead_tuple_bytes) || ' dead tuple memory',
                  CASE WHEN p.delay_time > 0 THEN round(p.delay_time::numeric / 1000, 1) || 's delayed' END)
        """)

    public static func tables(serverVersion: Int) -> String {
        serverVersion >= 180000 ? tablesPost180000 : tablesPost130000
    }

    public static func maintenance(serverVersion: Int) -> String {
        if serverVersion >= 180000 { return maintenancePost180000 }
        if serverVersion >= 170000 { return maintenancePost170000 }
        return maintenancePost130000
    }

    /// One round trip for all but the sequences: header, tables, databases, horizon, maintenance.
    public static func refresh(serverVersion: Int) -> String {
        [header, tables(serverVersion: serverVersion), databases, horizon, maintenance(serverVersion: serverVersion)]
            .joined(separator: ";\n")
    }
}

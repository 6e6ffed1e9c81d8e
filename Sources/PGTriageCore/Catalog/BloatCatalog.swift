/// The bloat SQL (PostgreSQL 13+; nothing here changed between 13 and 18).
///
/// Cheap by construction: sizes come from `pg_class.relpages` (never `pg_relation_size`, which
/// locks the relation and can queue behind an ACCESS EXCLUSIVE); only the `limit` largest tables
/// and btree indexes (by relpages, one pass over pg_class) are looked at, and `pg_stats` is probed
/// per column through its indexes. The queries return the estimate's inputs; the arithmetic is
/// `BloatEstimator` (unit-tested). Method and limits: docs/bloat.md.
public enum BloatCatalog {
    /// Server clock, database and the platform's MAXALIGN (8 on every 64-bit build).
    public static let header = """
        SELECT clock_timestamp() AS now, current_database() AS database, current_user AS role,
               current_setting('block_size')::int AS block_size,
               CASE WHEN version() ~ '64-bit|x86_64|aarch64|ppc64|ia64|amd64|s390x' THEN 8 ELSE 4 END AS max_align
        """

    /// The largest tables and materialized views, their columns' widths, dead tuples and the last
    /// (auto)vacuum and (auto)analyze. Temporary tables (other sessions' too) are left out.
    /// The counters come from the functions behind `pg_stat_all_tables` (the same values for
    /// 13 to 18): joining the view itself computes it for every relation of the database first.
    public static func tablesPost130000(limit: Int) -> String {
        """
        WITH t AS MATERIALIZED (
          SELECT c.oid, c.relnamespace, c.relname, c.relpages, c.reltuples, c.reloptions, c.reltoastrelid
          FROM pg_class c
          WHERE c.relkind IN ('r', 'm') AND c.relpersistence <> 't' AND c.relpages > 0
          ORDER BY c.relpages DESC
          LIMIT \(max(1, limit))
        )
        SELECT t.oid, n.nspname AS schema, t.relname AS name, t.relpages AS pages, t.reltuples AS tuples,
               substring(array_to_string(t.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::int AS fillfactor,
               toast.relpages AS toast_pages,
               has_table_privilege(t.oid, 'SELECT') AS readable,
               a.natts, a.stats, a.attlen, a.attalign, a.avg_width, a.null_frac, a.has_name_column,
               pg_stat_get_live_tuples(t.oid) AS n_live_tup, pg_stat_get_dead_tuples(t.oid) AS n_dead_tup,
               pg_stat_get_last_vacuum_time(t.oid) AS last_vacuum,
               pg_stat_get_last_autovacuum_time(t.oid) AS last_autovacuum,
               pg_stat_get_last_analyze_time(t.oid) AS last_analyze,
               pg_stat_get_last_autoanalyze_time(t.oid) AS last_autoanalyze
        FROM t
        JOIN pg_namespace n ON n.oid = t.relnamespace
        LEFT JOIN pg_class toast ON toast.oid = t.reltoastrelid
        CROSS JOIN LATERAL (
          SELECT count(*) AS natts, count(s.avg_width) AS stats,
                 array_agg(att.attlen ORDER BY att.attnum) AS attlen,
                 array_agg(att.attalign ORDER BY att.attnum) AS attalign,
                 array_agg(coalesce(s.avg_width, 0) ORDER BY att.attnum) AS avg_width,
                 array_agg(coalesce(s.null_frac, 0) ORDER BY att.attnum) AS null_frac,
                 coalesce(bool_or(att.atttypid = 'name'::regtype), false) AS has_name_column
          FROM pg_attribute att
          LEFT JOIN pg_stats s ON s.schemaname = n.nspname AND s.tablename = t.relname
               AND s.attname = att.attname AND NOT s.inherited
          WHERE att.attrelid = t.oid AND att.attnum > 0 AND NOT att.attisdropped
        ) a
        """
    }

    /// The largest btree indexes and their columns' widths: a table column's statistics are the
    /// table's; an expression's are kept under the index's own name. The largest are picked from
    /// `pg_class` alone before `pg_index` is joined (hashing all of both cost 160 ms at 110 000
    /// indexes). `has_name_column` is ioguix's `is_na`: a `name` column of the table (the index
    /// stores it as `cstring`), where the estimate cannot be trusted. (Two LEFT JOINs with plain
    /// equalities rather than one with a CASE: the CASE stops pg_stats being probed by index,
    /// 300 ms against 7 ms for 170 indexes here.)
    public static func btreeIndexesPost130000(limit: Int) -> String {
        """
        WITH i AS MATERIALIZED (
          SELECT c.oid, c.relnamespace, c.relname, c.relpages, c.reltuples, c.reloptions,
                 x.indrelid, x.indkey, x.indisvalid
          FROM (SELECT c.oid, c.relnamespace, c.relname, c.relpages, c.reltuples, c.reloptions
                FROM pg_class c
                WHERE c.relkind = 'i' AND c.relam = (SELECT oid FROM pg_am WHERE amname = 'btree')
                  AND c.relpersistence <> 't' AND c.relpages > 0
                ORDER BY c.relpages DESC
                LIMIT \(max(1, limit))) c
          JOIN pg_index x ON x.indexrelid = c.oid
        )
        SELECT i.oid, n.nspname AS schema, i.relname AS name, t.relname AS table_name, i.indrelid AS table_oid,
               i.relpages AS pages, i.reltuples AS tuples, i.indisvalid AS valid,
               substring(array_to_string(i.reloptions, ' ') FROM 'fillfactor=([0-9]+)')::int AS fillfactor,
               has_table_privilege(i.indrelid, 'SELECT') AS readable,
               a.natts, a.stats, a.attlen, a.attalign, a.avg_width, a.null_frac, a.has_name_column
        FROM i
        JOIN pg_namespace n ON n.oid = i.relnamespace
        JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_namespace tn ON tn.oid = t.relnamespace
        CROSS JOIN LATERAL (
          SELECT count(*) AS natts, count(coalesce(ts.avg_width, es.avg_width)) AS stats,
                 array_agg(ia.attlen ORDER BY ia.attnum) AS attlen,
                 array_agg(ia.attalign ORDER BY ia.attnum) AS attalign,
                 array_agg(coalesce(ts.avg_width, es.avg_width, 0) ORDER BY ia.attnum) AS avg_width,
                 array_agg(coalesce(ts.null_frac, es.null_frac, 0) ORDER BY ia.attnum) AS null_frac,
                 coalesce(bool_or(ta.atttypid = 'name'::regtype), false) AS has_name_column
          FROM pg_attribute ia
          LEFT JOIN pg_attribute ta ON i.indkey[ia.attnum - 1] <> 0
               AND ta.attrelid = i.indrelid AND ta.attnum = i.indkey[ia.attnum - 1]
          LEFT JOIN pg_stats ts ON ts.schemaname = tn.nspname AND ts.tablename = t.relname
               AND ts.attname = ta.attname AND NOT ts.inherited
          LEFT JOIN pg_stats es ON ta.attnum IS NULL AND es.schemaname = n.nspname
               AND es.tablename = i.relname AND es.attname = ia.attname AND NOT es.inherited
          WHERE ia.attrelid = i.oid AND ia.attnum > 0
        ) a
        """
    }

    /// Vacuums running in this database (columns stable from 13 to 18).
    public static let vacuumProgressPost130000 = """
        SELECT pid, relid, phase, heap_blks_total, heap_blks_scanned, heap_blks_vacuumed, index_vacuum_count
        FROM pg_stat_progress_vacuum
        WHERE datname = current_database()
        """

    /// One refresh of the section in one round trip: header, tables, indexes, vacuums.
    public static func refresh(limit: Int) -> String {
        [header, tablesPost130000(limit: limit), btreeIndexesPost130000(limit: limit), vacuumProgressPost130000]
            .joined(separator: ";\n")
    }

    /// Is pgstattuple created here, and may we run the two functions we use?
    public static let exactProbe = """
        SELECT e.extversion, quote_ident(n.nspname) AS schema, current_database() AS database, current_user AS role,
               CASE WHEN e.extversion IS NULL
                    THEN EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pgstattuple')
               END AS available,
               coalesce(has_function_privilege(to_regprocedure(quote_ident(n.nspname) || '.pgstattuple_approx(regclass)'), 'EXECUTE'), false) AS can_approx,
               coalesce(has_function_privilege(to_regprocedure(quote_ident(n.nspname) || '.pgstatindex(regclass)'), 'EXECUTE'), false) AS can_index
        FROM (SELECT 1) AS one
        LEFT JOIN pg_extension e ON e.extname = 'pgstattuple'
        LEFT JOIN pg_namespace n ON n.oid = e.extnamespace
        """

    /// What a relation is (`$1`: oid): table, matview or btree index?
    public static let relationKind = """
        SELECT c.relkind, am.amname FROM pg_class c LEFT JOIN pg_am am ON am.oid = c.relam WHERE c.oid = $1::oid
        """

    /// `$1`: the table's oid. Reads every page not marked all-visible.
    public static func pgstattupleApprox(schema: String) -> String {
        """
        SELECT table_len, scanned_percent, approx_tuple_count, approx_tuple_len,
               dead_tuple_count, dead_tuple_len, approx_free_space
        FROM \(schema).pgstattuple_approx($1::oid::regclass)
        """
    }

    /// `$1`: the btree index's oid. Reads the whole index.
    public static func pgstatindex(schema: String) -> String {
        """
        SELECT index_size, tree_level, internal_pages, leaf_pages, empty_pages, deleted_pages,
               avg_leaf_density, leaf_fragmentation
        FROM \(schema).pgstatindex($1::oid::regclass)
        """
    }
}

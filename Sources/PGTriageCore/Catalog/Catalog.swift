/// The SQL pgtriage runs, one query per concern, chosen by server (and later extension) version.
/// Like pg_activity, a query's name carries the minimum server version it needs
/// (`refreshPost130000`): supporting a new version adds a variant, not another `if`.
///
/// Rules every monitoring query follows (see docs/architecture.md):
/// - no function that takes heavyweight locks on user relations (`pg_relation_size` and friends);
/// - `pg_blocking_pids()` only for backends whose wait_event_type is 'Lock';
/// - pg_stat_activity read once per refresh; query text cut in SQL; idle sessions counted, not
///   sent, unless the screen lists them.
public struct Catalog: Sendable {
    /// Lowest server version the catalog knows; older servers are refused with a clear message.
    public static let minimumServerVersion = 130000

    public let serverVersion: Int

    public init(serverVersion: Int) {
        self.serverVersion = serverVersion
    }

    /// Read once per connection: who and what we are connected to.
    public static let serverInfo = """
        SELECT current_setting('server_version_num')::int AS version_num,
               current_setting('server_version') AS version,
               pg_is_in_recovery() AS in_recovery,
               current_user AS current_user,
               pg_backend_pid() AS own_pid,
               current_setting('block_size')::int AS block_size,
               (SELECT setting::int FROM pg_settings WHERE name = 'track_activity_query_size') AS track_activity_query_size,
               r.rolsuper AS superuser,
               pg_has_role(current_user, 'pg_monitor', 'USAGE') AS pg_monitor,
               pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS pg_read_all_stats,
               pg_has_role(current_user, 'pg_signal_backend', 'USAGE') AS pg_signal_backend,
               \(extensions) AS extensions
        FROM pg_roles r
        WHERE r.rolname = current_user
        """

    /// Extensions we use, installed in the connected database: `{name=version,...}` (a text
    /// array in the server-info row: one round trip less before the first frame).
    static let extensions = """
        (SELECT array_agg(e.extname || '=' || e.extversion) FROM pg_extension e
         WHERE e.extname IN ('pg_stat_statements', 'pgstattuple', 'hypopg'))
        """

    /// The refresh, in one statement (prepared once per connection): the header's figures and
    /// counters, the backend counts, and the backends the screen lists. pg_stat_activity is read
    /// once; idle sessions are counted but listed only when asked, since a busy server has
    /// hundreds of them and the list hides them by default (BackendActivity.isIdleLike is the
    /// same rule). Blockers and pinned backends are listed whatever their state.
    ///
    /// Parameters: `$1` our own pids (int[]: counted as connections, never listed), `$2` list
    /// idle sessions (bool), `$3` backends to list whatever their state (int[]). The counters
    /// row comes once per listed backend, or once with null backend columns when none is listed.
    /// `clock_timestamp()` is the clock every age in the snapshot is measured against.
    ///
    /// `waitsFromPgLocks`: for a role that cannot see other roles' sessions (no pg_read_all_stats),
    /// pg_stat_activity hides their wait events, so a lock wait would go unseen; pg_locks shows
    /// them to everyone. Read only then: pg_locks costs lock-manager locks on a busy server.
    static func refreshPost130000(queryLength: Int, serverCutAt: Int, waitsFromPgLocks: Bool = false) -> String {
        let lockWaiters = waitsFromPgLocks ? """
            lock_waiters AS MATERIALIZED (SELECT DISTINCT pid FROM pg_locks WHERE NOT granted AND pid IS NOT NULL),
            """ : ""
        let waitEventType = waitsFromPgLocks
            ? "CASE WHEN pid IN (SELECT pid FROM lock_waiters) THEN 'Lock' ELSE wait_event_type END AS wait_event_type"
            : "wait_event_type"
        return """
        WITH \(lockWaiters)activity AS MATERIALIZED (
            SELECT \(backendColumns(queryLength: queryLength, serverCutAt: serverCutAt, waitEventType: waitEventType,
                                    waitingOnLock: waitsFromPgLocks ? "pid IN (SELECT pid FROM lock_waiters)" : "wait_event_type = 'Lock'")),
                   pid = ANY($1::int[]) AS ours
            FROM pg_stat_activity
        ),
        counts AS (
            SELECT count(*) FILTER (WHERE backend_type = 'client backend'
                                    -- another role's session, to a role without pg_read_all_stats
                                    OR (backend_type IS NULL AND datname IS NOT NULL)) AS connections,
                   count(*) FILTER (WHERE NOT ours) AS backends,
                   count(*) FILTER (WHERE NOT ours AND backend_type = 'client backend' AND state = 'active') AS active,
                   count(*) FILTER (WHERE NOT ours AND backend_type = 'client backend'
                                    AND state LIKE 'idle in transaction%') AS idle_in_transaction,
                   count(*) FILTER (WHERE NOT ours AND wait_event_type = 'Lock') AS waiting
            FROM activity
        ),
        server AS (
            SELECT clock_timestamp() AS now,
                   pg_postmaster_start_time() AS start_time,
                   current_setting('max_connections')::int AS max_connections,
                   sum(xact_commit + xact_rollback) AS xacts,
                   sum(blks_hit) AS blks_hit,
                   sum(blks_read) AS blks_read
            FROM pg_stat_database
        ),
        \(Catalog.replicationSummaryCTE)
        SELECT server.*, counts.*, replication.*, a.pid, a.datname, a.usename, a.application_name, a.client,
               a.backend_type, a.state, a.wait_event_type, a.wait_event, a.backend_start,
               a.xact_start, a.query_start, a.state_change, a.query, a.query_cut, a.blocked_by
        FROM server CROSS JOIN counts CROSS JOIN replication
        LEFT JOIN activity a ON NOT a.ours AND (
            $2
            OR (a.state IS DISTINCT FROM 'idle'
                AND (a.state IS NOT NULL OR a.backend_type = 'client backend' OR a.wait_event_type = 'Lock'))
            OR a.pid = ANY($3::int[])
            OR a.pid IN (SELECT unnest(blocked_by) FROM activity WHERE blocked_by IS NOT NULL))
        """
    }

    /// The columns a listed backend has, from a relation shaped like pg_stat_activity: the
    /// refresh's and the first rows' lists decode alike (`SnapshotReader.decodeBackend`).
    static func backendColumns(queryLength: Int, serverCutAt: Int, waitEventType: String = "wait_event_type",
                               waitingOnLock: String = "wait_event_type = 'Lock'") -> String {
        """
        pid, datname, usename, application_name,
                   CASE WHEN client_addr IS NOT NULL THEN host(client_addr) || ':' || client_port
                        WHEN client_port = -1 THEN 'local' END AS client,
                   backend_type, state, \(waitEventType), wait_event,
                   backend_start, xact_start, query_start, state_change,
                   left(query, \(queryLength)) AS query,
                   char_length(query) > \(queryLength) OR octet_length(query) >= \(serverCutAt) AS query_cut,
                   CASE WHEN \(waitingOnLock) THEN pg_blocking_pids(pid) END AS blocked_by
        """
    }

    /// The first rows of the Activity pane, ahead of the first refresh (`SnapshotReader.readFirstRows`).
    /// pg_stat_activity finds each backend's wait event by a scan of the process array, so reading
    /// it grows with the square of the backends (about 50 ms at 10 000 on PostgreSQL 15). The
    /// per-backend functions read only the backends' status, copied once: they pick the `$2`
    /// backends in a transaction whose query started first (the list's default order: query
    /// age, largest first), and `pg_stat_get_activity(pid)` reads only those. No state, hence no
    /// counts: the refresh that follows brings them.
    ///
    /// Parameters: `$1` our own pids (int[]: neither listed nor counted), `$2` how many rows.
    static func firstRowsPost130000(queryLength: Int, serverCutAt: Int) -> String {
        """
        WITH first_rows AS MATERIALIZED (
            SELECT pg_stat_get_backend_pid(id) AS pid
            FROM pg_stat_get_backend_idset() AS id
            WHERE pg_stat_get_backend_xact_start(id) IS NOT NULL
              AND pg_stat_get_backend_pid(id) <> ALL($1::int[])
            ORDER BY pg_stat_get_backend_activity_start(id) NULLS LAST, 1
            LIMIT $2
        ),
        listed AS (
            SELECT s.*, d.datname, r.rolname AS usename
            FROM first_rows f CROSS JOIN LATERAL pg_stat_get_activity(f.pid) s
            LEFT JOIN pg_database d ON d.oid = s.datid
            LEFT JOIN pg_roles r ON r.oid = s.usesysid
        ),
        activity AS (
            SELECT \(backendColumns(queryLength: queryLength, serverCutAt: serverCutAt))
            FROM listed
        ),
        server AS (
            SELECT clock_timestamp() AS now,
                   pg_postmaster_start_time() AS start_time,
                   current_setting('max_connections')::int AS max_connections,
                   (SELECT count(*) FROM pg_stat_get_backend_idset() AS id
                    WHERE pg_stat_get_backend_pid(id) <> ALL($1::int[])) AS backends
        )
        SELECT server.*, a.*
        FROM server LEFT JOIN activity a ON true
        """
    }

    /// The header's replication figures (`ReplicationSummary`), from the walsenders' own
    /// function rather than pg_stat_replication (which joins pg_stat_activity again): the role,
    /// the WAL position (received on a standby) for the WAL rate, the standbys streaming and the
    /// worst replay lag; on a standby its own replay delay, as the Replication pane counts it.
    /// A role without pg_read_all_stats sees the walsenders with a null state: counted.
    static let replicationSummaryCTE = """
        wal AS (SELECT pg_is_in_recovery() AS in_recovery, \(ReplicationCatalog.currentLSN) AS lsn),
        replication AS (
            SELECT wal.in_recovery AS repl_in_recovery,
                   pg_wal_lsn_diff(wal.lsn, '0/0')::bigint AS wal_position,
                   senders.standby_count,
                   CASE WHEN wal.in_recovery
                        THEN greatest(0, pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()))::bigint
                        ELSE senders.lag_bytes END AS worst_lag_bytes,
                   CASE WHEN NOT wal.in_recovery THEN senders.lag_s
                        WHEN pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
                        ELSE extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) END AS worst_lag_s
            FROM wal, LATERAL (
                SELECT count(*) FILTER (WHERE w.state IN ('streaming', 'catchup') OR w.state IS NULL) AS standby_count,
                       max(pg_wal_lsn_diff(wal.lsn, w.replay_lsn)) FILTER (WHERE w.state IN ('streaming', 'catchup'))::bigint AS lag_bytes,
                       max(extract(epoch FROM w.replay_lag)) FILTER (WHERE w.state IN ('streaming', 'catchup')) AS lag_s
                FROM pg_stat_get_wal_senders() w) senders
        )
        """

    /// Bytes of query text from which we take the server to have cut it: it keeps at most
    /// track_activity_query_size - 1 bytes, cut at a character boundary (up to 3 bytes less).
    public static func serverCutThreshold(trackActivityQuerySize: Int) -> Int {
        max(1, trackActivityQuerySize - 4)
    }

    /// The refresh statement for this server (see `refreshPost130000`).
    public func refresh(queryLength: Int, trackActivityQuerySize: Int, waitsFromPgLocks: Bool = false) -> String {
        Catalog.refreshPost130000(
            queryLength: queryLength,
            serverCutAt: Catalog.serverCutThreshold(trackActivityQuerySize: trackActivityQuerySize),
            waitsFromPgLocks: waitsFromPgLocks)
    }

    /// The Activity pane's first rows for this server (see `firstRowsPost130000`).
    public func firstRows(queryLength: Int, trackActivityQuerySize: Int) -> String {
        Catalog.firstRowsPost130000(
            queryLength: queryLength,
            serverCutAt: Catalog.serverCutThreshold(trackActivityQuerySize: trackActivityQuerySize))
    }

    /// What the given backends wait for. Only run when some backend waits on a lock. The
    /// waiter's granted tuple lock names the row's table when the wait itself is on a
    /// transaction id. Relations of other databases are named by OID (their names are not in
    /// our catalog).
    public static let lockWaits = """
        SELECT l.pid, l.locktype, l.mode, l.granted,
               CASE WHEN l.relation IS NULL THEN NULL
                    WHEN l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                         THEN l.relation::regclass::text
                    ELSE 'oid ' || l.relation END AS relation
        FROM pg_locks l
        WHERE l.pid = ANY($1::int[]) AND (NOT l.granted OR l.locktype = 'tuple')
        """

    /// The locks one backend holds (its detail view: what a root holds up), relations first.
    /// Its own virtual transaction id is left out: every backend holds one.
    public static let heldLocks = """
        SELECT l.locktype, l.mode,
               CASE WHEN l.relation IS NULL THEN NULL
                    WHEN l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                         THEN l.relation::regclass::text
                    ELSE 'oid ' || l.relation END AS relation
        FROM pg_locks l
        WHERE l.pid = $1 AND l.granted AND l.locktype <> 'virtualxid'
        ORDER BY l.locktype <> 'relation', relation, l.mode
        LIMIT 100
        """

    /// The whole text of one backend's current query, for the detail view and EXPLAIN.
    public static let fullQuery = "SELECT query FROM pg_stat_activity WHERE pid = $1"
}

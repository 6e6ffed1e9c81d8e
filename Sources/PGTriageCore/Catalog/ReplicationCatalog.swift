/// The Replication section's SQL: five statements sent in one round trip (the server's own
/// position and the standby's replay, the walsenders, the slots, the WAL receiver, the
/// recovery conflicts). Server-version differences are named variants
/// (`refreshPost140000`...): every variant selects the same aliases in the same order, with
/// typed NULLs where the server lacks a column.
///
/// Functions that fail on the wrong side (`pg_current_wal_lsn()` on a standby,
/// `pg_get_wal_replay_pause_state()` on a primary) sit behind `CASE WHEN pg_is_in_recovery()`.
public enum ReplicationCatalog {
    /// The server's WAL position: written on a primary, received (else replayed) on a standby,
    /// as pgwatch and pgcenter measure lag on a cascading standby.
    static let currentLSN = """
        CASE WHEN pg_is_in_recovery() THEN coalesce(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())
             ELSE pg_current_wal_lsn() END
        """

    /// What differs between versions, as SQL expressions.
    struct Columns {
        /// `text`: `not paused`, `pause requested`, `paused` (null on a primary).
        var pauseState: String
        /// `pg_stat_replication_slots` joined (14+), else nothing.
        var slotStatsJoin: String
        var spillTxns: String, spillBytes: String, streamTxns: String, streamBytes: String
        var conflicting: String
        var inactiveSince: String
        var invalidationReason: String
        var activeLogicalSlotConflicts: String
    }

    static let post130000 = Columns(
        pauseState: "CASE WHEN pg_is_in_recovery() THEN CASE WHEN pg_is_wal_replay_paused() THEN 'paused' ELSE 'not paused' END END",
        slotStatsJoin: "",
        spillTxns: "NULL::bigint", spillBytes: "NULL::bigint", streamTxns: "NULL::bigint", streamBytes: "NULL::bigint",
        conflicting: "NULL::bool", inactiveSince: "NULL::timestamptz", invalidationReason: "NULL::text",
        activeLogicalSlotConflicts: "NULL::bigint")

    /// 14: `pg_get_wal_replay_pause_state()` (tells "pause requested" from "paused") and
    /// `pg_stat_replication_slots` (logical decoding's spill and stream counters).
    static let post140000: Columns = {
        var c = post130000
        c.pauseState = "CASE WHEN pg_is_in_recovery() THEN pg_get_wal_replay_pause_state() END"
        c.slotStatsJoin = "LEFT JOIN pg_stat_replication_slots ss ON ss.slot_name = s.slot_name"
        c.spillTxns = "ss.spill_txns"; c.spillBytes = "ss.spill_bytes"
        c.streamTxns = "ss.stream_txns"; c.streamBytes = "ss.stream_bytes"
        return c
    }()

    /// 16: `pg_replication_slots.conflicting`, `pg_stat_database_conflicts.confl_active_logicalslot`.
    static let post160000: Columns = {
        var c = post140000
        c.conflicting = "s.conflicting"
        c.activeLogicalSlotConflicts = "sum(confl_active_logicalslot)::bigint"
        return c
    }()

    /// 17: `inactive_since`, `invalidation_reason`.
    static let post170000: Columns = {
        var c = post160000
        c.inactiveSince = "s.inactive_since"
        c.invalidationReason = "s.invalidation_reason"
        return c
    }()

    /// The variants by minimum server version, newest first.
    static let variants: [(minimumVersion: Int, columns: Columns)] = [
        (170000, post170000), (160000, post160000), (140000, post140000), (130000, post130000),
    ]

    public static func refreshPost130000() -> String { refresh(post130000) }
    public static func refreshPost140000() -> String { refresh(post140000) }
    public static func refreshPost160000() -> String { refresh(post160000) }
    public static func refreshPost170000() -> String { refresh(post170000) }

    /// The variant for a server (`server_version_num`).
    public static func refresh(serverVersion: Int) -> String {
        refresh(variants.first { serverVersion >= $0.minimumVersion }?.columns ?? post130000)
    }

    static func refresh(_ c: Columns) -> String {
        """
        SELECT clock_timestamp() AS now, pg_is_in_recovery() AS in_recovery,
               (\(currentLSN))::text AS current_lsn,
               pg_last_wal_receive_lsn()::text AS received_lsn,
               pg_last_wal_replay_lsn()::text AS replayed_lsn,
               pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())::bigint AS replay_lag_bytes,
               CASE WHEN NOT pg_is_in_recovery() THEN NULL
                    WHEN pg_last_wal_receive_lsn() IS NOT NULL AND pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() THEN 0
                    ELSE extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()) END AS replay_delay_s,
               pg_last_xact_replay_timestamp() AS last_replayed_at,
               \(c.pauseState) AS pause_state,
               current_user AS role,
               pg_has_role(current_user, 'pg_read_all_stats', 'USAGE') AS reads_all_stats;
        SELECT pid, coalesce(application_name, '') AS application,
               CASE WHEN client_addr IS NOT NULL THEN host(client_addr) || ':' || client_port
                    WHEN client_port = -1 THEN 'local' END AS client,
               usename AS "user", state, sync_state, backend_start,
               sent_lsn::text AS sent_lsn, replay_lsn::text AS replay_lsn,
               pg_wal_lsn_diff(\(currentLSN), sent_lsn)::bigint AS sent_lag_bytes,
               pg_wal_lsn_diff(\(currentLSN), write_lsn)::bigint AS write_lag_bytes,
               pg_wal_lsn_diff(\(currentLSN), flush_lsn)::bigint AS flush_lag_bytes,
               pg_wal_lsn_diff(\(currentLSN), replay_lsn)::bigint AS replay_lag_bytes,
               extract(epoch FROM write_lag) AS write_lag_s,
               extract(epoch FROM flush_lag) AS flush_lag_s,
               extract(epoch FROM replay_lag) AS replay_lag_s,
               extract(epoch FROM clock_timestamp() - reply_time) AS reply_age_s,
               age(backend_xmin) AS xmin_age
        FROM pg_stat_replication
        ORDER BY application_name, pid;
        SELECT s.slot_name AS name, s.slot_type AS type, s.plugin, s.database, s.temporary, s.active, s.active_pid,
               pg_wal_lsn_diff(\(currentLSN), s.restart_lsn)::bigint AS retained_bytes,
               s.wal_status, s.safe_wal_size,
               age(s.xmin) AS xmin_age, age(s.catalog_xmin) AS catalog_xmin_age,
               \(c.conflicting) AS conflicting,
               \(c.inactiveSince) AS inactive_since,
               \(c.invalidationReason) AS invalidation_reason,
               \(c.spillTxns) AS spill_txns, \(c.spillBytes) AS spill_bytes,
               \(c.streamTxns) AS stream_txns, \(c.streamBytes) AS stream_bytes
        FROM pg_replication_slots s \(c.slotStatsJoin);
        SELECT status,
               CASE WHEN sender_host IS NOT NULL THEN sender_host || ':' || sender_port END AS sender,
               slot_name AS slot, written_lsn::text AS written_lsn, flushed_lsn::text AS flushed_lsn,
               extract(epoch FROM clock_timestamp() - last_msg_receipt_time) AS last_msg_age_s
        FROM pg_stat_wal_receiver;
        SELECT sum(confl_tablespace)::bigint AS tablespace, sum(confl_lock)::bigint AS lock,
               sum(confl_snapshot)::bigint AS snapshot, sum(confl_bufferpin)::bigint AS bufferpin,
               sum(confl_deadlock)::bigint AS deadlock,
               \(c.activeLogicalSlotConflicts) AS active_logicalslot
        FROM pg_stat_database_conflicts
        WHERE pg_is_in_recovery()
        """
    }
}

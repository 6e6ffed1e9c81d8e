#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Putting the Replication section into a snapshot, and its JSON key `replication`
/// (docs/snapshot-json.md): every key always present, null when unknown.
extension Snapshot {
    /// Stores a replication read, like `setTables`.
    public mutating func setReplication(_ result: SectionResult<ReplicationSection>) {
        switch result {
        case .available(let section):
            replication = section
            unavailable["replication"] = nil
            limitations["replication"] = section.limitation
        case .unavailable(let reason):
            replication = nil
            unavailable["replication"] = reason
            limitations["replication"] = nil
        }
    }

    /// `replication`: null when not read or unavailable (the reason under `unavailable`).
    func replicationJSON() -> JSONValue {
        guard let replication else { return .null }
        let standby = replication.standby
        return .object([
            ("role", .string(replication.role.rawValue)),
            ("wal_bytes_per_s", .optional(summary.replication?.walBytesPerSecond)),
            ("standbys", .array(replication.standbys.map { $0.json() })),
            ("slots", .array(replication.slots.map { $0.json() })),
            ("receiver", standby.map { $0.receiverJSON() } ?? .null),
            ("conflicts", standby.map { $0.conflicts.json() } ?? .null),
        ])
    }
}

private func integer(_ value: Int64?) -> JSONValue { value.map(JSONValue.integer) ?? .null }

extension StandbyRow {
    public func json() -> JSONValue {
        .object([
            ("pid", .integer(Int64(pid))),
            ("application", .string(application)),
            ("client", .optional(client)),
            ("state", .optional(state)),
            ("sync_state", .optional(syncState)),
            ("sent_lag_bytes", integer(sentLagBytes)),
            ("write_lag_bytes", integer(writeLagBytes)),
            ("flush_lag_bytes", integer(flushLagBytes)),
            ("replay_lag_bytes", integer(replayLagBytes)),
            ("write_lag_s", .optional(writeLagSeconds)),
            ("flush_lag_s", .optional(flushLagSeconds)),
            ("replay_lag_s", .optional(replayLagSeconds)),
            ("reply_age_s", .optional(replyAgeSeconds)),
        ])
    }
}

extension ReplicationSlotRow {
    public func json() -> JSONValue {
        .object([
            ("name", .string(name)),
            ("type", .string(type)),
            ("active", .bool(active)),
            ("active_pid", activePid.map { .integer(Int64($0)) } ?? .null),
            ("database", .optional(database)),
            ("plugin", .optional(plugin)),
            ("retained_bytes", integer(retainedBytes)),
            ("wal_status", .optional(walStatus)),
            ("safe_wal_size_bytes", integer(safeWALSizeBytes)),
            ("xmin_age", integer(xminAge)),
            ("catalog_xmin_age", integer(catalogXminAge)),
            ("inactive_since", .optional(inactiveSince)),
            ("invalidation_reason", .optional(invalidationReason)),
        ])
    }
}

extension StandbyStatus {
    /// The receiver's figures with the standby's replay; `status` is null when no receiver runs.
    func receiverJSON() -> JSONValue {
        .object([
            ("status", .optional(receiver?.status)),
            ("sender", .optional(receiver?.sender)),
            ("slot", .optional(receiver?.slot)),
            ("written_lsn", .optional(receiver?.writtenLSN)),
            ("flushed_lsn", .optional(receiver?.flushedLSN)),
            ("replayed_lsn", .optional(replayedLSN)),
            ("replay_lag_bytes", integer(replayLagBytes)),
            ("replay_delay_s", .optional(replayDelaySeconds)),
            ("last_msg_age_s", .optional(receiver?.lastMessageAgeSeconds)),
            ("paused", .bool(paused)),
        ])
    }
}

extension RecoveryConflicts {
    /// Counts by kind; `active_logicalslot` is null before 16.
    public func json() -> JSONValue {
        .object([
            ("tablespace", .integer(tablespace)),
            ("lock", .integer(lock)),
            ("snapshot", .integer(snapshot)),
            ("bufferpin", .integer(bufferpin)),
            ("deadlock", .integer(deadlock)),
            ("active_logicalslot", integer(activeLogicalSlot)),
        ])
    }
}

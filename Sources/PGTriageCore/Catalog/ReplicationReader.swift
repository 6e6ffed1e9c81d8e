#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Reads the Replication section in one round trip (`ReplicationCatalog`). Keeps the logical
/// slots' last counters, so a second read gives their spill and stream rates.
public struct ReplicationReader: Sendable {
    private var previous: (at: Date, counters: [String: SlotDecodingCounters])?
    public let serverVersion: Int

    public init(serverVersion: Int) {
        self.serverVersion = serverVersion
    }

    /// Throws only when the connection is lost; any other failure is `.unavailable`.
    public mutating func read(_ connection: PGConnection) throws -> SectionResult<ReplicationSection> {
        let started = MonotonicClock.now()
        do {
            let results = try connection.execute(ReplicationCatalog.refresh(serverVersion: serverVersion))
            var section = try Self.decode(results)
            if let previous {
                let seconds = section.capturedAt.timeIntervalSince(previous.at)
                for i in section.slots.indices {
                    if let now = section.slots[i].decoding, let before = previous.counters[section.slots[i].name] {
                        section.slots[i].decodingRates = now.rates(since: before, seconds: seconds)
                    }
                }
            }
            var counters: [String: SlotDecodingCounters] = [:]
            for slot in section.slots { if let decoding = slot.decoding { counters[slot.name] = decoding } }
            previous = (section.capturedAt, counters)
            section.queryMilliseconds = (MonotonicClock.now() - started) * 1000
            return .available(section)
        } catch let error as PGError {
            if error.kind == .connectionLost || !connection.isConnected { throw error }
            let code = error.isQueryCanceled ? "timeout" : "failed"
            return .unavailable(SectionUnavailable(code: code, message: "replication could not be read: \(error.description)"))
        }
    }

    /// Decodes the five results of `ReplicationCatalog.refresh`.
    public static func decode(_ results: [QueryResult]) throws -> ReplicationSection {
        guard results.count == 5, let head = results[0].first else {
            throw PGError(kind: .decode, message: "replication refresh returned \(results.count) results, expected 5")
        }
        let now = try head.date("now") ?? Date()
        let inRecovery = try head.bool("in_recovery") ?? false

        let standbys = try results[1].allRows.map { row in
            StandbyRow(
                pid: try row.int32("pid") ?? 0, application: try row.string("application") ?? "",
                client: try row.string("client"), user: try row.string("user"), state: try row.string("state"),
                syncState: try row.string("sync_state"), backendStart: try row.date("backend_start"),
                sentLSN: try row.string("sent_lsn"), replayLSN: try row.string("replay_lsn"),
                sentLagBytes: try row.int64("sent_lag_bytes"), writeLagBytes: try row.int64("write_lag_bytes"),
                flushLagBytes: try row.int64("flush_lag_bytes"), replayLagBytes: try row.int64("replay_lag_bytes"),
                writeLagSeconds: try row.double("write_lag_s"), flushLagSeconds: try row.double("flush_lag_s"),
                replayLagSeconds: try row.double("replay_lag_s"), replyAgeSeconds: try row.double("reply_age_s"),
                xminAge: try row.int64("xmin_age"))
        }

        let slots = try results[2].allRows.map { row in
            let spillTxns = try row.int64("spill_txns"), spillBytes = try row.int64("spill_bytes")
            let streamTxns = try row.int64("stream_txns"), streamBytes = try row.int64("stream_bytes")
            var decoding: SlotDecodingCounters?
            if let spillTxns, let spillBytes, let streamTxns, let streamBytes {
                decoding = SlotDecodingCounters(spillTxns: spillTxns, spillBytes: spillBytes, streamTxns: streamTxns, streamBytes: streamBytes)
            }
            return ReplicationSlotRow(
                name: try row.string("name") ?? "", type: try row.string("type") ?? "",
                plugin: try row.string("plugin"), database: try row.string("database"),
                temporary: try row.bool("temporary") ?? false, active: try row.bool("active") ?? false,
                activePid: try row.int32("active_pid"), retainedBytes: try row.int64("retained_bytes"),
                walStatus: try row.string("wal_status"), safeWALSizeBytes: try row.int64("safe_wal_size"),
                xminAge: try row.int64("xmin_age"), catalogXminAge: try row.int64("catalog_xmin_age"),
                conflicting: try row.bool("conflicting"), inactiveSince: try row.date("inactive_since"),
                invalidationReason: try row.string("invalidation_reason"), decoding: decoding)
        }

        var standby: StandbyStatus?
        if inRecovery {
            let receiver = try results[3].first.map { row in
                WALReceiver(
                    // A role without pg_read_all_stats sees the row with every column null.
                    status: try row.string("status") ?? WALReceiver.hidden, sender: try row.string("sender"), slot: try row.string("slot"),
                    writtenLSN: try row.string("written_lsn"), flushedLSN: try row.string("flushed_lsn"),
                    lastMessageAgeSeconds: try row.double("last_msg_age_s"))
            }
            let c = results[4].first
            let conflicts = RecoveryConflicts(
                tablespace: try c?.int64("tablespace") ?? 0, lock: try c?.int64("lock") ?? 0,
                snapshot: try c?.int64("snapshot") ?? 0, bufferpin: try c?.int64("bufferpin") ?? 0,
                deadlock: try c?.int64("deadlock") ?? 0, activeLogicalSlot: try c?.int64("active_logicalslot"))
            standby = StandbyStatus(
                receiver: receiver, receivedLSN: try head.string("received_lsn"), replayedLSN: try head.string("replayed_lsn"),
                replayLagBytes: try head.int64("replay_lag_bytes").map { max(0, $0) },
                replayDelaySeconds: try head.double("replay_delay_s").map { max(0, $0) },
                lastReplayedAt: try head.date("last_replayed_at"), pauseState: try head.string("pause_state"),
                conflicts: conflicts)
        }

        var limitations: [String] = []
        if try head.bool("reads_all_stats") == false {
            let role = try head.string("role") ?? ""
            limitations.append("role \(role) sees no LSNs of the standbys nor the receiver's details: GRANT pg_read_all_stats (or pg_monitor) TO \(role)")
        }
        return ReplicationSection(
            capturedAt: now, role: inRecovery ? .standby : .primary, currentLSN: try head.string("current_lsn"),
            standbys: standbys, slots: ReplicationSection.sortedSlots(slots), standby: standby, limitations: limitations)
    }
}

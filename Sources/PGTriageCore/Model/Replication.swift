#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Which side of streaming replication the server is on (`pg_is_in_recovery()`).
public enum ReplicationRole: String, Sendable, Equatable, Codable {
    case primary, standby
}

/// How much a finding matters: the pane's colours and the attention line.
public enum ReplicationSeverity: Int, Sendable, Comparable {
    case ok, warning, critical
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// The limits behind the flags (docs/usage.md "8 Replication"). pghero calls a standby lagging
/// past 5 s unhealthy; 1 GB of WAL is where a slot or a standby starts to cost disk that
/// matters. A slot's xmin is measured against the Tables pane's horizon-holder ages.
public enum ReplicationThresholds {
    public static let lagSeconds = 5.0
    public static let lagBytes: Int64 = 1 << 30
    /// An inactive slot retaining more than this is a warning.
    public static let retainedBytes: Int64 = 1 << 30
    public static var slotXminAge: Int64 { TablesThresholds.holderAge.warning }
}

/// One walsender (`pg_stat_replication`): a standby, or a `pg_basebackup`/`pg_rewind` copy.
/// The byte lags are cumulative from the server's current WAL position (for a cascading
/// standby, its receive position): `sentLagBytes` = current − sent, ..., `replayLagBytes` =
/// current − replay; the pane shows them per hop.
public struct StandbyRow: Sendable, Equatable, Codable {
    public var pid: Int32
    public var application: String
    public var client: String?
    public var user: String?
    public var state: String?
    public var syncState: String?
    public var backendStart: Date?
    public var sentLSN: String?
    public var replayLSN: String?
    public var sentLagBytes: Int64?
    public var writeLagBytes: Int64?
    public var flushLagBytes: Int64?
    public var replayLagBytes: Int64?
    public var writeLagSeconds: Double?
    public var flushLagSeconds: Double?
    public var replayLagSeconds: Double?
    /// Seconds since the standby last replied (`reply_time`).
    public var replyAgeSeconds: Double?
    /// `backend_xmin` age: what hot_standby_feedback holds back on this server.
    public var xminAge: Int64?

    public init(
        pid: Int32, application: String, client: String? = nil, user: String? = nil, state: String? = nil,
        syncState: String? = nil, backendStart: Date? = nil, sentLSN: String? = nil, replayLSN: String? = nil,
        sentLagBytes: Int64? = nil, writeLagBytes: Int64? = nil, flushLagBytes: Int64? = nil, replayLagBytes: Int64? = nil,
        writeLagSeconds: Double? = nil, flushLagSeconds: Double? = nil, replayLagSeconds: Double? = nil,
        replyAgeSeconds: Double? = nil, xminAge: Int64? = nil
    ) {
        self.pid = pid; self.application = application; self.client = client; self.user = user; self.state = state
        self.syncState = syncState; self.backendStart = backendStart; self.sentLSN = sentLSN; self.replayLSN = replayLSN
        self.sentLagBytes = sentLagBytes; self.writeLagBytes = writeLagBytes; self.flushLagBytes = flushLagBytes
        self.replayLagBytes = replayLagBytes; self.writeLagSeconds = writeLagSeconds; self.flushLagSeconds = flushLagSeconds
        self.replayLagSeconds = replayLagSeconds; self.replyAgeSeconds = replyAgeSeconds; self.xminAge = xminAge
    }

    /// A base backup or a rewind rather than a standby (pgwatch leaves these out of its lag).
    public var isBackup: Bool {
        application == "pg_basebackup" || application == "pg_rewind" || state == "backup"
    }

    /// Bytes between two positions, never negative (a standby can report a position a little
    /// ahead of what we read as current).
    static func hop(_ behind: Int64?, _ ahead: Int64?) -> Int64? {
        guard let behind, let ahead else { return nil }
        return max(0, behind - ahead)
    }
    /// Per hop, as pgcenter shows them: not yet sent, sent but not written, written but not
    /// flushed, flushed but not replayed.
    public var pendingBytes: Int64? { sentLagBytes.map { max(0, $0) } }
    public var writeHopBytes: Int64? { Self.hop(writeLagBytes, sentLagBytes) }
    public var flushHopBytes: Int64? { Self.hop(flushLagBytes, writeLagBytes) }
    public var replayHopBytes: Int64? { Self.hop(replayLagBytes, flushLagBytes) }

    public var severity: ReplicationSeverity {
        guard !isBackup else { return .ok }
        if (replayLagSeconds ?? 0) > ReplicationThresholds.lagSeconds || (replayLagBytes ?? 0) > ReplicationThresholds.lagBytes {
            return .warning
        }
        return .ok
    }
}

/// Logical decoding counters of a slot (`pg_stat_replication_slots`, 14+), per second over the
/// last interval (nil on the first read and after a reset).
public struct SlotDecodingRates: Sendable, Equatable, Codable {
    public var spillBytesPerSecond: Double
    public var spillTxnsPerSecond: Double
    public var streamBytesPerSecond: Double
    public var streamTxnsPerSecond: Double
    public init(spillBytesPerSecond: Double, spillTxnsPerSecond: Double, streamBytesPerSecond: Double, streamTxnsPerSecond: Double) {
        self.spillBytesPerSecond = spillBytesPerSecond; self.spillTxnsPerSecond = spillTxnsPerSecond
        self.streamBytesPerSecond = streamBytesPerSecond; self.streamTxnsPerSecond = streamTxnsPerSecond
    }
}

/// The cumulative counters behind `SlotDecodingRates`.
public struct SlotDecodingCounters: Sendable, Equatable, Codable {
    public var spillTxns: Int64
    public var spillBytes: Int64
    public var streamTxns: Int64
    public var streamBytes: Int64
    public init(spillTxns: Int64, spillBytes: Int64, streamTxns: Int64, streamBytes: Int64) {
        self.spillTxns = spillTxns; self.spillBytes = spillBytes; self.streamTxns = streamTxns; self.streamBytes = streamBytes
    }

    /// Rates from two samples `seconds` apart; nil when a counter went down (a reset).
    public func rates(since before: SlotDecodingCounters, seconds: Double) -> SlotDecodingRates? {
        guard seconds > 0, spillTxns >= before.spillTxns, spillBytes >= before.spillBytes,
              streamTxns >= before.streamTxns, streamBytes >= before.streamBytes else { return nil }
        return SlotDecodingRates(
            spillBytesPerSecond: Double(spillBytes - before.spillBytes) / seconds,
            spillTxnsPerSecond: Double(spillTxns - before.spillTxns) / seconds,
            streamBytesPerSecond: Double(streamBytes - before.streamBytes) / seconds,
            streamTxnsPerSecond: Double(streamTxns - before.streamTxns) / seconds)
    }
}

/// One replication slot (`pg_replication_slots`), with what is needed to judge it.
public struct ReplicationSlotRow: Sendable, Equatable, Codable {
    public var name: String
    /// "physical" or "logical".
    public var type: String
    public var plugin: String?
    public var database: String?
    public var temporary: Bool
    public var active: Bool
    public var activePid: Int32?
    /// WAL kept for the slot: current (or receive) position − `restart_lsn`.
    public var retainedBytes: Int64?
    /// `reserved`, `extended`, `unreserved` or `lost` (13+).
    public var walStatus: String?
    /// Bytes that can still be written before the slot is in danger of `lost` (13+; null
    /// without `max_slot_wal_keep_size`).
    public var safeWALSizeBytes: Int64?
    public var xminAge: Int64?
    public var catalogXminAge: Int64?
    /// A logical slot invalidated by a conflict with recovery (16+).
    public var conflicting: Bool?
    /// When the slot last stopped being used (17+).
    public var inactiveSince: Date?
    /// Why the slot was invalidated (17+).
    public var invalidationReason: String?
    /// Logical decoding counters (14+; nil for physical slots and before 14).
    public var decoding: SlotDecodingCounters?
    public var decodingRates: SlotDecodingRates?

    public init(
        name: String, type: String, plugin: String? = nil, database: String? = nil, temporary: Bool = false,
        active: Bool, activePid: Int32? = nil, retainedBytes: Int64? = nil, walStatus: String? = nil,
        safeWALSizeBytes: Int64? = nil, xminAge: Int64? = nil, catalogXminAge: Int64? = nil, conflicting: Bool? = nil,
        inactiveSince: Date? = nil, invalidationReason: String? = nil, decoding: SlotDecodingCounters? = nil,
        decodingRates: SlotDecodingRates? = nil
    ) {
        self.name = name; self.type = type; self.plugin = plugin; self.database = database; self.temporary = temporary
        self.active = active; self.activePid = activePid; self.retainedBytes = retainedBytes; self.walStatus = walStatus
        self.safeWALSizeBytes = safeWALSizeBytes; self.xminAge = xminAge; self.catalogXminAge = catalogXminAge
        self.conflicting = conflicting; self.inactiveSince = inactiveSince; self.invalidationReason = invalidationReason
        self.decoding = decoding; self.decodingRates = decodingRates
    }

    /// The older of `xmin` and `catalog_xmin`: how far the slot holds the horizon back.
    public var horizonAge: Int64? {
        switch (xminAge, catalogXminAge) {
        case let (a?, b?): return max(a, b)
        case let (a, b): return a ?? b
        }
    }

    /// Lost or invalidated: critical. Inactive and retaining past 1 GB, or WAL past
    /// max_wal_size (`extended`/`unreserved`): a warning. Holding the horizon back: a warning.
    public var severity: ReplicationSeverity {
        if walStatus == "lost" || invalidationReason != nil || conflicting == true { return .critical }
        if !active && ((retainedBytes ?? 0) > ReplicationThresholds.retainedBytes
                       || walStatus == "extended" || walStatus == "unreserved") { return .warning }
        if holdsHorizon { return .warning }
        return .ok
    }

    public var holdsHorizon: Bool { (horizonAge ?? 0) >= ReplicationThresholds.slotXminAge }

    /// What is wrong with the slot, in a few words; nil when nothing is.
    public var finding: String? {
        if let reason = invalidationReason { return "invalidated: \(reason)" }
        if walStatus == "lost" { return "lost: the WAL it needs is gone" }
        if conflicting == true { return "conflicting with recovery" }
        if !active && ((retainedBytes ?? 0) > ReplicationThresholds.retainedBytes
                       || walStatus == "extended" || walStatus == "unreserved") {
            return "inactive, retaining WAL" + (walStatus.map { " (\($0))" } ?? "")
        }
        if holdsHorizon { return "holds the xmin horizon back" }
        if !active { return "inactive" }
        return nil
    }
}

/// The standby's WAL receiver (`pg_stat_wal_receiver`).
public struct WALReceiver: Sendable, Equatable, Codable {
    /// The status of a receiver our role may not see (no pg_read_all_stats).
    public static let hidden = "hidden"
    public var status: String
    /// "host:port" of the upstream server.
    public var sender: String?
    public var slot: String?
    public var writtenLSN: String?
    public var flushedLSN: String?
    public var lastMessageAgeSeconds: Double?
    public init(status: String, sender: String? = nil, slot: String? = nil, writtenLSN: String? = nil,
                flushedLSN: String? = nil, lastMessageAgeSeconds: Double? = nil) {
        self.status = status; self.sender = sender; self.slot = slot; self.writtenLSN = writtenLSN
        self.flushedLSN = flushedLSN; self.lastMessageAgeSeconds = lastMessageAgeSeconds
    }
}

/// Recovery conflicts on a standby (`pg_stat_database_conflicts`, summed over databases):
/// queries cancelled because replay needed what they held.
public struct RecoveryConflicts: Sendable, Equatable, Codable {
    public var tablespace: Int64
    public var lock: Int64
    public var snapshot: Int64
    public var bufferpin: Int64
    public var deadlock: Int64
    /// 16+; nil before.
    public var activeLogicalSlot: Int64?
    public init(tablespace: Int64 = 0, lock: Int64 = 0, snapshot: Int64 = 0, bufferpin: Int64 = 0, deadlock: Int64 = 0,
                activeLogicalSlot: Int64? = nil) {
        self.tablespace = tablespace; self.lock = lock; self.snapshot = snapshot; self.bufferpin = bufferpin
        self.deadlock = deadlock; self.activeLogicalSlot = activeLogicalSlot
    }

    /// By kind, in the view's column order (the 16+ kind only where the server has it).
    public var byKind: [(kind: String, count: Int64)] {
        var kinds: [(String, Int64)] = [("tablespace", tablespace), ("lock", lock), ("snapshot", snapshot),
                                        ("bufferpin", bufferpin), ("deadlock", deadlock)]
        if let activeLogicalSlot { kinds.append(("active_logicalslot", activeLogicalSlot)) }
        return kinds.map { (kind: $0.0, count: $0.1) }
    }

    public var total: Int64 { byKind.reduce(0) { $0 + $1.count } }
}

/// The standby's own side: what it received, what it replayed, and whether replay is paused.
public struct StandbyStatus: Sendable, Equatable, Codable {
    /// nil when no WAL receiver runs (archive recovery, or the primary is unreachable).
    public var receiver: WALReceiver?
    public var receivedLSN: String?
    public var replayedLSN: String?
    /// Received − replayed.
    public var replayLagBytes: Int64?
    /// Seconds since the last replayed transaction, counted only while replay is behind what
    /// was received (so an idle primary is not taken for lag); 0 when caught up.
    public var replayDelaySeconds: Double?
    public var lastReplayedAt: Date?
    /// `not paused`, `pause requested` or `paused` (`pg_get_wal_replay_pause_state`, 14+; 13
    /// knows only paused or not).
    public var pauseState: String?
    public var conflicts: RecoveryConflicts

    public init(receiver: WALReceiver? = nil, receivedLSN: String? = nil, replayedLSN: String? = nil, replayLagBytes: Int64? = nil,
                replayDelaySeconds: Double? = nil, lastReplayedAt: Date? = nil, pauseState: String? = nil,
                conflicts: RecoveryConflicts = RecoveryConflicts()) {
        self.receiver = receiver; self.receivedLSN = receivedLSN; self.replayedLSN = replayedLSN
        self.replayLagBytes = replayLagBytes; self.replayDelaySeconds = replayDelaySeconds; self.lastReplayedAt = lastReplayedAt
        self.pauseState = pauseState; self.conflicts = conflicts
    }

    public var paused: Bool { pauseState == "paused" || pauseState == "pause requested" }

    public var severity: ReplicationSeverity {
        if receiver?.status != "streaming" && receiver?.status != WALReceiver.hidden { return .critical }
        if paused || (replayDelaySeconds ?? 0) > ReplicationThresholds.lagSeconds
            || (replayLagBytes ?? 0) > ReplicationThresholds.lagBytes { return .warning }
        return .ok
    }
}

/// The Replication pane's section: read at every refresh while the pane is shown, in one round
/// trip (`ReplicationCatalog`).
public struct ReplicationSection: Sendable, Equatable, Codable {
    public var capturedAt: Date
    public var role: ReplicationRole
    /// The server's current WAL position (on a standby, the last received).
    public var currentLSN: String?
    /// Walsenders: standbys (and cascaded ones on a standby), base backups.
    public var standbys: [StandbyRow]
    /// Retained WAL first.
    public var slots: [ReplicationSlotRow]
    /// On a standby only.
    public var standby: StandbyStatus?
    /// What our role cannot see, in words a DBA can act on.
    public var limitations: [String]
    /// Milliseconds the read took (bench).
    public var queryMilliseconds: Double

    public init(capturedAt: Date, role: ReplicationRole, currentLSN: String? = nil, standbys: [StandbyRow] = [],
                slots: [ReplicationSlotRow] = [], standby: StandbyStatus? = nil, limitations: [String] = [],
                queryMilliseconds: Double = 0) {
        self.capturedAt = capturedAt; self.role = role; self.currentLSN = currentLSN; self.standbys = standbys
        self.slots = slots; self.standby = standby; self.limitations = limitations; self.queryMilliseconds = queryMilliseconds
    }

    public var limitation: String? { limitations.isEmpty ? nil : limitations.joined(separator: "; ") }

    /// Slots by retained WAL, the most first (pgcenter's default), names breaking ties.
    public static func sortedSlots(_ slots: [ReplicationSlotRow]) -> [ReplicationSlotRow] {
        slots.sorted { a, b in
            let x = a.retainedBytes ?? -1, y = b.retainedBytes ?? -1
            return x != y ? x > y : a.name < b.name
        }
    }
}

/// The header's replication figures, read at every refresh (cheap: no view joins
/// pg_stat_activity): the role, the WAL position for the WAL rate, and the worst lag.
public struct ReplicationSummary: Sendable, Equatable, Codable {
    public var role: ReplicationRole
    /// Bytes of WAL since 0/0 (on a standby: received).
    public var walPosition: Int64?
    /// WAL written (on a standby: received) per second over the last interval.
    public var walBytesPerSecond: Double?
    /// Standbys streaming from this server (not base backups).
    public var standbyCount: Int
    /// The worst replay lag: of this server's standbys, or of this standby itself (bytes
    /// received − replayed; seconds since the last replayed transaction while behind).
    public var worstLagBytes: Int64?
    public var worstLagSeconds: Double?

    public init(role: ReplicationRole, walPosition: Int64? = nil, walBytesPerSecond: Double? = nil, standbyCount: Int = 0,
                worstLagBytes: Int64? = nil, worstLagSeconds: Double? = nil) {
        self.role = role; self.walPosition = walPosition; self.walBytesPerSecond = walBytesPerSecond
        self.standbyCount = standbyCount; self.worstLagBytes = worstLagBytes; self.worstLagSeconds = worstLagSeconds
    }

    /// Whether there is any replication to speak of (a standby, or standbys here).
    public var replicates: Bool { role == .standby || standbyCount > 0 }

    public var lagSeverity: ReplicationSeverity {
        (worstLagSeconds ?? 0) > ReplicationThresholds.lagSeconds || (worstLagBytes ?? 0) > ReplicationThresholds.lagBytes
            ? .warning : .ok
    }
}

/// WAL bytes per second from successive positions over the server clock; a position going back
/// (a different server, a promotion) starts over. Like `CounterRates`, a rate needs a second.
public struct WALRate: Sendable {
    private var base: (position: Int64, at: Date)?
    private var last: Double?

    public init() {}

    public mutating func next(position: Int64?, at: Date) -> Double? {
        guard let position else { base = nil; last = nil; return nil }
        guard let base else { self.base = (position, at); return nil }
        let elapsed = at.timeIntervalSince(base.at)
        guard position >= base.position else { self.base = (position, at); last = nil; return nil }
        guard elapsed >= CounterRates.minimumSpan else { return last }
        last = Double(position - base.position) / elapsed
        self.base = (position, at)
        return last
    }
}

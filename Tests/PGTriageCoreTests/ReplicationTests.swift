import Foundation
import Testing
@testable import PGTriageCore

@Suite("Replication: catalog variants, decoding, flags, rates, JSON")
struct ReplicationTests {
    /// The aliases of each statement of a refresh, in order (`... AS alias` before `,` or a line end).
    static func aliases(_ sql: String) -> [[String]] {
        sql.split(separator: ";").map { statement in
            let pattern = #/ AS ("?[a-z_]+"?)(,|\n|$)/#
            return statement.matches(of: pattern).map { String($0.output.1).replacingOccurrences(of: "\"", with: "") }
        }
    }

    @Test func everyVariantSelectsTheSameAliasesInTheSameOrder() {
        let variants = [ReplicationCatalog.refreshPost130000(), ReplicationCatalog.refreshPost140000(),
                        ReplicationCatalog.refreshPost160000(), ReplicationCatalog.refreshPost170000()]
        let expected = Self.aliases(variants[0])
        #expect(expected.count == 5)
        #expect(expected[2].contains("invalidation_reason") && expected[4].contains("active_logicalslot"))
        for variant in variants.dropFirst() { #expect(Self.aliases(variant) == expected) }
    }

    @Test(arguments: [(130000, 130000), (130014, 130000), (140000, 140000), (150018, 140000),
                      (160000, 160000), (170000, 170000), (180006, 170000)])
    func theVariantFollowsTheServerVersion(version: Int, variant: Int) {
        let sql = ReplicationCatalog.refresh(serverVersion: version)
        let expected = ReplicationCatalog.variants.first { $0.minimumVersion == variant }!.columns
        #expect(sql == ReplicationCatalog.refresh(expected))
        #expect(sql.contains("pg_get_wal_replay_pause_state()") == (version >= 140000))
        #expect(sql.contains("pg_stat_replication_slots") == (version >= 140000))
        #expect(sql.contains("s.conflicting") == (version >= 160000))
        #expect(sql.contains("confl_active_logicalslot") == (version >= 160000))
        #expect(sql.contains("s.inactive_since") == (version >= 170000))
    }

    static let headColumns = ["now", "in_recovery", "current_lsn", "received_lsn", "replayed_lsn", "replay_lag_bytes",
                              "replay_delay_s", "last_replayed_at", "pause_state", "role", "reads_all_stats"]
    static let slotColumns = ["name", "type", "plugin", "database", "temporary", "active", "active_pid", "retained_bytes",
                              "wal_status", "safe_wal_size", "xmin_age", "catalog_xmin_age", "conflicting", "inactive_since",
                              "invalidation_reason", "spill_txns", "spill_bytes", "stream_txns", "stream_bytes"]

    static func results(standby: Bool, slots: [[String?]] = [], readsAllStats: String = "t") -> [QueryResult] {
        [
            QueryResult(columns: headColumns, rows: [[
                "2026-01-02 03:04:05+00", standby ? "t" : "f", "0/5000000", standby ? "0/5000000" : nil, standby ? "0/4000000" : nil,
                standby ? "16777216" : nil, standby ? "12.5" : nil, standby ? "2026-01-02 03:03:52+00" : nil,
                standby ? "paused" : nil, "watcher", readsAllStats]]),
            QueryResult(columns: ["pid", "application", "client", "user", "state", "sync_state", "backend_start", "sent_lsn",
                                  "replay_lsn", "sent_lag_bytes", "write_lag_bytes", "flush_lag_bytes", "replay_lag_bytes",
                                  "write_lag_s", "flush_lag_s", "replay_lag_s", "reply_age_s", "xmin_age"],
                        rows: standby ? [] : [["4242", "replica1", "10.0.0.2:5432", "rep", "streaming", "async", nil, "0/4FF0000",
                                               "0/4000000", "65536", "131072", "196608", "16777216", "0.01", "0.02", "7.5", "0.3", nil]]),
            QueryResult(columns: slotColumns, rows: slots),
            QueryResult(columns: ["status", "sender", "slot", "written_lsn", "flushed_lsn", "last_msg_age_s"],
                        rows: standby ? [["streaming", "/tmp:5432", "standby1", "0/5000000", "0/5000000", "0.4"]] : []),
            QueryResult(columns: ["tablespace", "lock", "snapshot", "bufferpin", "deadlock", "active_logicalslot"],
                        rows: [standby ? ["0", "1", "3", "0", "0", nil] : [nil, nil, nil, nil, nil, nil]]),
        ]
    }

    @Test func aPrimaryDecodesItsStandbysAndSlotsByRetainedWAL() throws {
        let section = try ReplicationReader.decode(Self.results(standby: false, slots: [
            ["small", "physical", nil, nil, "f", "t", "99", "1024", "reserved", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil],
            ["big", "logical", "pgoutput", "shop", "f", "f", nil, "2147483648", "extended", "-1024", nil, "12000", "f",
             "2026-01-02 02:00:00+00", nil, "1", "2048", "0", "0"],
        ]))
        #expect(section.role == .primary && section.standby == nil)
        let standby = try #require(section.standbys.first)
        #expect(standby.pendingBytes == 65536 && standby.writeHopBytes == 65536 && standby.flushHopBytes == 65536)
        #expect(standby.replayHopBytes == Int64(16_777_216 - 196_608))
        #expect(standby.severity == .warning, "replay lag 7.5 s is past 5 s")
        #expect(section.slots.map(\.name) == ["big", "small"])
        let big = section.slots[0]
        #expect(big.severity == .warning && big.finding == "inactive, retaining WAL (extended)")
        #expect(big.decoding == SlotDecodingCounters(spillTxns: 1, spillBytes: 2048, streamTxns: 0, streamBytes: 0))
        #expect(big.horizonAge == 12000)
        #expect(section.slots[1].severity == .ok && section.slots[1].finding == nil)
        #expect(section.limitations.isEmpty)
    }

    @Test func aStandbyDecodesItsReceiverReplayAndConflicts() throws {
        let section = try ReplicationReader.decode(Self.results(standby: true, readsAllStats: "f"))
        #expect(section.role == .standby)
        let standby = try #require(section.standby)
        #expect(standby.receiver?.status == "streaming" && standby.receiver?.slot == "standby1")
        #expect(standby.replayLagBytes == 16777216 && standby.replayDelaySeconds == 12.5)
        #expect(standby.paused && standby.severity == .warning)
        #expect(standby.conflicts.byKind.map(\.kind) == ["tablespace", "lock", "snapshot", "bufferpin", "deadlock"])
        #expect(standby.conflicts.total == 4)
        #expect(section.limitation?.contains("GRANT pg_read_all_stats") == true)
        var hidden = Self.results(standby: true, readsAllStats: "f")
        hidden[3] = QueryResult(columns: hidden[3].columns, rows: [[nil, nil, nil, nil, nil, nil]])
        #expect(try ReplicationReader.decode(hidden).standby?.receiver?.status == "hidden")
    }

    @Test func slotFlags() {
        func slot(active: Bool = false, retained: Int64? = 0, status: String? = "reserved", xmin: Int64? = nil,
                  reason: String? = nil) -> ReplicationSlotRow {
            ReplicationSlotRow(name: "s", type: "physical", active: active, retainedBytes: retained, walStatus: status,
                               xminAge: xmin, invalidationReason: reason)
        }
        #expect(slot(retained: 1 << 30).severity == .ok, "exactly 1 GB is not past it")
        #expect(slot(retained: (1 << 30) + 1).severity == .warning)
        #expect(slot(active: true, retained: 5 << 30).severity == .ok, "an active slot retaining WAL is a consumer's lag")
        #expect(slot(status: "unreserved").severity == .warning)
        #expect(slot(status: "lost").severity == .critical)
        #expect(slot(active: true, status: "lost").severity == .critical)
        #expect(slot(reason: "wal_removed").finding == "invalidated: wal_removed")
        #expect(slot(active: true, xmin: 999).severity == .ok)
        #expect(slot(active: true, xmin: 1000).finding == "holds the xmin horizon back")
    }

    @Test func standbyLagFlagsAndBackups() {
        var row = StandbyRow(pid: 1, application: "r", state: "streaming", replayLagBytes: 1 << 30, replayLagSeconds: 5)
        #expect(row.severity == .ok)
        row.replayLagBytes = (1 << 30) + 1
        #expect(row.severity == .warning)
        row.application = "pg_basebackup"
        #expect(row.isBackup && row.severity == .ok)
        let receiverGone = StandbyStatus(receiver: nil)
        #expect(receiverGone.severity == .critical)
        let caughtUp = StandbyStatus(receiver: WALReceiver(status: "streaming"), replayLagBytes: 0, replayDelaySeconds: 0)
        #expect(caughtUp.severity == .ok)
        #expect(StandbyStatus(receiver: WALReceiver(status: WALReceiver.hidden)).severity == .ok, "hidden is not down")
    }

    @Test func walRateFromPositionsOverTheServerClock() {
        var rate = WALRate()
        let t0 = Date(timeIntervalSince1970: 1000)
        #expect(rate.next(position: 1000, at: t0) == nil)
        #expect(rate.next(position: 1500, at: t0.addingTimeInterval(0.5)) == nil, "under a second: no rate yet")
        #expect(rate.next(position: 3000, at: t0.addingTimeInterval(2)) == 1000)
        #expect(rate.next(position: 10, at: t0.addingTimeInterval(3)) == nil, "going back starts over")
        #expect(rate.next(position: 110, at: t0.addingTimeInterval(4)) == 100)
        #expect(rate.next(position: nil, at: t0.addingTimeInterval(5)) == nil)
    }

    @Test func decodingRatesAndResets() {
        let a = SlotDecodingCounters(spillTxns: 1, spillBytes: 1000, streamTxns: 0, streamBytes: 0)
        let b = SlotDecodingCounters(spillTxns: 3, spillBytes: 5000, streamTxns: 2, streamBytes: 400)
        #expect(b.rates(since: a, seconds: 2) == SlotDecodingRates(spillBytesPerSecond: 2000, spillTxnsPerSecond: 1,
                                                                   streamBytesPerSecond: 200, streamTxnsPerSecond: 1))
        #expect(a.rates(since: b, seconds: 2) == nil)
    }

    static func keys(_ value: JSONValue?) -> [String] {
        if case .object(let members)? = value { return members.map(\.0) }
        return []
    }

    static func member(_ value: JSONValue, _ key: String) -> JSONValue? {
        if case .object(let members) = value { return members.first { $0.0 == key }?.1 }
        return nil
    }

    @Test func jsonKeysAreTheDocumentedOnesAndAlwaysPresent() throws {
        var snapshot = Snapshot(capturedAt: Date(), info: ServerInfo(versionNum: 150000, version: "15"),
                                summary: ServerSummary(), activity: [], blocking: BlockingForest.build(waits: [:], ages: [:]))
        #expect(Self.member(snapshot.json(target: "t"), "replication") == .null)
        snapshot.summary.replication = ReplicationSummary(role: .primary, walBytesPerSecond: 123)
        snapshot.setReplication(.available(try ReplicationReader.decode(Self.results(standby: false, slots: [
            ["s", "physical", nil, nil, "f", "f", nil, "10", "reserved", nil, nil, nil, nil, nil, nil, nil, nil, nil, nil]]))))
        let primary = try #require(Self.member(snapshot.json(target: "t"), "replication"))
        #expect(Self.keys(primary) == ["role", "wal_bytes_per_s", "standbys", "slots", "receiver", "conflicts"])
        #expect(Self.member(primary, "role") == .string("primary") && Self.member(primary, "wal_bytes_per_s") == .number(123))
        #expect(Self.member(primary, "receiver") == .null && Self.member(primary, "conflicts") == .null)
        guard case .array(let standbys)? = Self.member(primary, "standbys"), case .array(let slots)? = Self.member(primary, "slots") else {
            Issue.record("standbys and slots are arrays"); return
        }
        #expect(Self.keys(standbys.first) == ["pid", "application", "client", "state", "sync_state", "sent_lag_bytes",
                                             "write_lag_bytes", "flush_lag_bytes", "replay_lag_bytes", "write_lag_s",
                                             "flush_lag_s", "replay_lag_s", "reply_age_s"])
        #expect(Self.keys(slots.first) == ["name", "type", "active", "active_pid", "database", "plugin", "retained_bytes",
                                          "wal_status", "safe_wal_size_bytes", "xmin_age", "catalog_xmin_age",
                                          "inactive_since", "invalidation_reason"])

        snapshot.setReplication(.available(try ReplicationReader.decode(Self.results(standby: true))))
        let standby = try #require(Self.member(snapshot.json(target: "t"), "replication"))
        let receiver = try #require(Self.member(standby, "receiver"))
        #expect(Self.keys(receiver) == ["status", "sender", "slot", "written_lsn", "flushed_lsn", "replayed_lsn",
                                        "replay_lag_bytes", "replay_delay_s", "last_msg_age_s", "paused"])
        #expect(Self.member(receiver, "paused") == .bool(true))
        #expect(Self.keys(Self.member(standby, "conflicts")) == ["tablespace", "lock", "snapshot", "bufferpin", "deadlock",
                                                                 "active_logicalslot"])

        snapshot.setReplication(.unavailable(SectionUnavailable(code: "failed", message: "no")))
        #expect(Self.member(snapshot.json(target: "t"), "replication") == .null)
        #expect(snapshot.unavailable["replication"] != nil)
    }
}

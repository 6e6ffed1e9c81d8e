#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Testing
@testable import PGTriageUI
import PGTriageCore

/// Hand-built Replication sections: a primary with a standby replaying 12 s and 1.5 GB behind,
/// one caught up and a base backup; an abandoned physical slot retaining 2 GB, the lagging
/// standby's slot and an inactive logical slot holding the horizon. And the standby's own view:
/// streaming, replay paused, conflicts.
enum ReplicationFixtures {
    static let t0 = Fixtures.t0
    static let gb: Int64 = 1 << 30

    static let lagging = StandbyRow(
        pid: 5001, application: "replica1", client: "10.0.0.2:41234", user: "rep", state: "streaming", syncState: "async",
        backendStart: Fixtures.ago(86_400), sentLSN: "5/10000000", replayLSN: "4/B0000000",
        sentLagBytes: 4096, writeLagBytes: 8192, flushLagBytes: 1 << 20, replayLagBytes: gb + gb / 2,
        writeLagSeconds: 0.01, flushLagSeconds: 0.02, replayLagSeconds: 12, replyAgeSeconds: 0.4)
    static let caughtUp = StandbyRow(
        pid: 5002, application: "replica2", client: "10.0.0.3:41240", state: "streaming", syncState: "sync",
        sentLagBytes: 0, writeLagBytes: 0, flushLagBytes: 0, replayLagBytes: 0, replyAgeSeconds: 1.2)
    static let backup = StandbyRow(pid: 5003, application: "pg_basebackup", client: "10.0.0.9:50000", state: "backup", syncState: "async")

    static let abandoned = ReplicationSlotRow(name: "old_replica", type: "physical", active: false, retainedBytes: 2 * gb,
                                              walStatus: "extended")
    static let replicaSlot = ReplicationSlotRow(name: "replica1", type: "physical", active: true, activePid: 5001,
                                                retainedBytes: gb + gb / 2, walStatus: "reserved")
    static let logical = ReplicationSlotRow(name: "cdc", type: "logical", plugin: "pgoutput", database: "shop", active: false,
                                            retainedBytes: 40 << 20, walStatus: "reserved", catalogXminAge: 5_000,
                                            inactiveSince: Fixtures.ago(7200),
                                            decoding: SlotDecodingCounters(spillTxns: 3, spillBytes: 12 << 20, streamTxns: 0, streamBytes: 0))

    static func primary() -> ReplicationSection {
        ReplicationSection(capturedAt: t0, role: .primary, currentLSN: "5/10001000",
                           standbys: [backup, lagging, caughtUp],
                           slots: ReplicationSection.sortedSlots([replicaSlot, abandoned, logical]))
    }

    static func standby() -> ReplicationSection {
        ReplicationSection(
            capturedAt: t0, role: .standby, currentLSN: "5/10000000",
            standby: StandbyStatus(
                receiver: WALReceiver(status: "streaming", sender: "10.0.0.1:5432", slot: "replica1", writtenLSN: "5/10000000",
                                      flushedLSN: "5/10000000", lastMessageAgeSeconds: 0.3),
                receivedLSN: "5/10000000", replayedLSN: "4/F0000000", replayLagBytes: 512 << 20, replayDelaySeconds: 95,
                pauseState: "paused", conflicts: RecoveryConflicts(lock: 2, snapshot: 7)))
    }

    static func snapshot(_ section: ReplicationSection? = primary(), walRate: Double? = 3 * 1024 * 1024,
                         unavailable: [String: SectionUnavailable] = [:]) -> Snapshot {
        var s = Fixtures.snapshot()
        s.replication = section
        s.unavailable = unavailable
        if let section {
            let worst = section.role == .standby
                ? (section.standby?.replayLagBytes, section.standby?.replayDelaySeconds)
                : (section.standbys.compactMap(\.replayLagBytes).max(), section.standbys.compactMap(\.replayLagSeconds).max())
            s.summary.replication = ReplicationSummary(
                role: section.role, walBytesPerSecond: walRate, standbyCount: section.standbys.filter { !$0.isBackup }.count,
                worstLagBytes: worst.0, worstLagSeconds: worst.1)
        }
        return s
    }

    static func state(width: Int = 80, height: Int = 24, snapshot: Snapshot = snapshot()) -> AppState {
        var s = Fixtures.state(width: width, height: height, snapshot: snapshot)
        Fixtures.press([.char(Character("\(Pane.replication.number)"))], &s)
        return s
    }
}

@Suite struct ReplicationPaneTests {
    func lines(_ state: AppState) -> [String] {
        let backend = MemoryBackend(width: state.width, height: state.height)
        backend.draw(view(state))
        return backend.lines()
    }

    func blank(_ n: Int) -> [String] { Array(repeating: "", count: n) }

    static let hints = "? help  v view  Enter detail  / filter  q quit"

    static let header = [
        " triage@db1:5432/shop  PG 15.18 (primary)  up 3d04h       every 2s  data 0s ago",
        " conn 12/100 active 3 idle-xact 1 waiting 2 tps 154.3 cache 99.1% lag 12s",
        ScreenHeader.lines[2],
    ]

    @Test func standbysOnAPrimaryAt80x24WithTheWorstStandbyAndSlotAbove() {
        expectScreen(lines(ReplicationFixtures.state()), Self.header + [
            " Replication — primary · 2 standbys +1 backup · 3 slots · WAL 3.0MB/s",
            " worst standby replica1 behind 1.5GB, 12s · pg_basebackup running",
            " slot old_replica inactive, retaining WAL (extended) 2.0GB +1 · oldest slot xm…",
            "  NAME         STATE     SYNC    PEND  WRITE  FLUSH REPLAY  TOTAL    LAG REPLY",
            "  replica1     streaming async  4.0kB  4.0kB  1.0MB  1.5GB  1.5GB    12s 0.4s",
            "  replica2     streaming sync      0B     0B     0B     0B     0B      - 1.2s",
            "  pg_baseback… backup    async      -      -      -      -      -      - -",
        ] + blank(13) + [Self.hints])
    }

    @Test func slotsByRetainedWALWithTheirFindings() {
        var s = ReplicationFixtures.state()
        Fixtures.press([.char("v")], &s)
        let screen = lines(s)
        expectScreen(Array(screen[3...9]), [
            " Replication — primary · 2 standbys +1 backup · 3 slots · WAL 3.0MB/s",
            " worst standby replica1 behind 1.5GB, 12s · pg_basebackup running",
            " slot old_replica inactive, retaining WAL (extended) 2.0GB +1 · oldest slot xm…",
            "  SLOT        TYPE      ACTIVE RETAINED WAL        XMIN AGE FINDING",
            "  old_replica physical      no    2.0GB extended          - inactive, retaining…",
            "  replica1    physical    5001    1.5GB reserved          -",
            "  cdc         logical       no     40MB reserved       5.0k holds the xmin hori…",
        ])
    }

    @Test func theStandbysOwnViewShowsItsReceiverPausedReplayAndConflicts() {
        let s = ReplicationFixtures.state(snapshot: ReplicationFixtures.snapshot(ReplicationFixtures.standby(), walRate: 1024))
        let screen = lines(s)
        expectScreen(Array(screen[0...7]), [
            " triage@db1:5432/shop  PG 15.18 (standby)  up 3d04h       every 2s  data 0s ago",
            " conn 12/100 active 3 idle-xact 1 waiting 2 tps 154.3 cache 99.1% lag 1m35s",
            ScreenHeader.lines[2],
            " Replication — standby · 0 standbys · 0 slots · WAL 1.0kB/s · v: slots",
            " receiver streaming from 10.0.0.1:5432 slot replica1, last message 0.3s ago",
            " replay PAUSED · replay behind 512MB, 1m35s · conflicts lock 2 snapshot 7",
            "  NAME         STATE     SYNC    PEND  WRITE  FLUSH REPLAY  TOTAL    LAG REPLY",
            "",
        ])
        #expect(screen.contains { $0.contains("No cascading standby streams from this standby") })
    }

    @Test func flagsAreColoured() {
        let backend = MemoryBackend(width: 80, height: 24)
        var s = ReplicationFixtures.state()
        Fixtures.press([.down], &s)  // the selected row takes the selection's style
        backend.draw(view(s))
        // replica1's total (1.5 GB, past 1 GB) is a warning.
        #expect(backend.styleAt(x: 59, y: 7).role == .bloatWarning)
        Fixtures.press([.char("v"), .down], &s)
        backend.draw(view(s))
        #expect(backend.styleAt(x: 70, y: 7).role == .bloatWarning, "the abandoned slot's finding")
    }

    @Test func theHeaderShowsWALRateAndLagOnEveryPaneWhenItFits() {
        var s = ReplicationFixtures.state(width: 100)
        Fixtures.press([.char("1")], &s)
        let line = lines(s)[1]
        #expect(line == " conn 12/100  active 3  idle-xact 1  waiting 2  tps 154.3  cache 99.1%  wal 3.0MB/s  lag 12s", "\(line)")
        // A lone server: no role, the WAL rate only.
        var lone = ReplicationFixtures.snapshot(nil)
        lone.summary.replication = ReplicationSummary(role: .primary, walBytesPerSecond: 2048)
        let loneLines = lines(Fixtures.state(snapshot: lone))
        #expect(loneLines[0] == ScreenHeader.lines[0])
        #expect(loneLines[1] == " conn 12/100 active 3 idle-xact 1 waiting 2 tps 154.3 cache 99.1% wal 2.0kB/s")
    }

    @Test func enterOpensTheDetailWithTheDropHintForAnAbandonedSlot() {
        var s = ReplicationFixtures.state()
        Fixtures.press([.char("v"), .enter], &s)
        let text = lines(s).joined(separator: "\n")
        #expect(text.contains("slot old_replica — Esc closes"))
        #expect(text.contains("retained WAL"))
        #expect(text.contains("2.0GB (2147483648 bytes)"))
        #expect(text.contains("SELECT pg_drop_replication_slot('old_replica');"))
        Fixtures.press([.escape], &s)
        #expect(s.replication.detail == nil)
        Fixtures.press([.down, .down, .enter], &s)
        let logical = lines(s)
        #expect(logical.contains { $0.contains("│ unused since  2h00m ago") }, "\(logical.joined(separator: "\n"))")
        #expect(logical.contains { $0.contains("│ catalog xmin  5000 XIDs") })
        #expect(logical.contains { $0.contains("│ spilled       3 txns, 12MB") })
        #expect(!logical.contains { $0.contains("…") }, "no label or value is cut")
        Fixtures.press([.escape], &s)
        Fixtures.press([.char("v"), .down, .enter], &s)
        let standby = lines(s).joined(separator: "\n")
        #expect(standby.contains("standby replica2"), "the list starts with the standbys, backups last")
    }

    @Test func theFilterAndTheScope() {
        var s = ReplicationFixtures.state()
        #expect(PaneRegistry.feature(.replication).pane == .replication)
        var scope = SnapshotScope(sections: [])
        ReplicationPane.scope(s, into: &scope)
        #expect(scope.sections == [.replication])
        Fixtures.press([.char("/")] + Fixtures.chars("replica2") + [.enter], &s)
        #expect(s.replication.standbys.map(\.application) == ["replica2"])
        Fixtures.press([.escape], &s)
        #expect(s.replication.standbys.count == 3)
    }

    @Test func theOldestSlotXminGivesWayToAFlaggedSlotUnlessItHoldsTheHorizon() {
        var young = ReplicationFixtures.logical
        young.catalogXminAge = 500
        let section = ReplicationSection(capturedAt: ReplicationFixtures.t0, role: .primary,
                                         slots: ReplicationSection.sortedSlots([ReplicationFixtures.abandoned, young]))
        let line = lines(ReplicationFixtures.state(snapshot: ReplicationFixtures.snapshot(section)))[5]
        #expect(line == " slot old_replica inactive, retaining WAL (extended) 2.0GB", "\(line)")
        let quiet = ReplicationSection(capturedAt: ReplicationFixtures.t0, role: .primary, slots: [young])
        let quietLine = lines(ReplicationFixtures.state(snapshot: ReplicationFixtures.snapshot(quiet)))[5]
        #expect(quietLine == " 1 inactive slot retaining 40MB · oldest slot xmin 500 XIDs: cdc", "\(quietLine)")
    }

    @Test func unavailableShowsTheReason() {
        let snapshot = ReplicationFixtures.snapshot(nil, unavailable: ["replication": SectionUnavailable(
            code: "failed", message: "replication could not be read: permission denied")])
        let text = lines(ReplicationFixtures.state(snapshot: snapshot)).joined(separator: "\n")
        #expect(text.contains("Replication — unavailable"))
        #expect(text.contains("permission denied"))
    }
}

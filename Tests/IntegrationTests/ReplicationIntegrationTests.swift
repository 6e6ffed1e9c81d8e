#if canImport(Glibc)
import Glibc
#endif
import PGTriageCore
import PGTriageLocalServer
import Testing

/// The Replication section on a real streaming pair (`TestStandbyPairs`: a primary with
/// `wal_level = logical` and a standby through a physical slot), on 15, 16 and 18. Serialised:
/// the tests share the pair, and one pauses its replay.
@Suite("Replication on a real primary and standby", .serialized)
struct ReplicationIntegrationTests {
    // 16 too: the variant with `conflicting` and `confl_active_logicalslot` but not 17's columns.
    static let majors = [15, 16, 18]

    static func read(_ server: LocalServer) throws -> ReplicationSection {
        let connection = try PGConnection(target: Sessions.target(server), role: .monitor)
        defer { connection.close() }
        var reader = ReplicationReader(serverVersion: connection.serverVersionNum)
        return try #require(try reader.read(connection).value)
    }

    /// Writes about `kilobytes` of WAL on the primary.
    static func writeWAL(_ pair: LocalStandbyPair, kilobytes: Int) throws {
        try pair.primary.psql("""
            CREATE TABLE IF NOT EXISTS replication_filler (id int, pad text);
            INSERT INTO replication_filler SELECT g, repeat('x', 900) FROM generate_series(1, \(kilobytes)) g;
            """)
    }

    /// The report reads replication through this reader: its digest names the standby, fed by
    /// its slot, and on the standby itself says it is in recovery with no walsenders.
    @Test(arguments: majors)
    func theReportsDigestSeesTheStandbyAndItsSlot(major: Int) throws {
        let pair = try TestStandbyPairs.require(major: major)
        var facts: ReplicationFacts?
        let fed = try Sessions.waitUntil(seconds: 20) {
            facts = ReplicationFacts(try Self.read(pair.primary), inRecovery: false)
            return facts?.standbys.contains { $0.usesSlot && $0.state == "streaming" } == true
        }
        #expect(fed, "standbys: \(String(describing: facts?.standbys))")
        #expect(facts?.slots.contains { $0.name == pair.standbySlot && $0.active && $0.type == "physical" } == true)
        let onStandby = ReplicationFacts(try Self.read(pair.standby), inRecovery: true)
        #expect(onStandby.standbys.isEmpty)
    }

    @Test(arguments: majors)
    func theStandbysOwnViewShowsItsReceiverStreaming(major: Int) throws {
        let pair = try TestStandbyPairs.require(major: major)
        try Self.writeWAL(pair, kilobytes: 10)  // the receiver's written LSN is null until it writes
        try pair.waitForReplay()
        var section: ReplicationSection?
        let streaming = try Sessions.waitUntil(seconds: 20) {
            section = try Self.read(pair.standby)
            return section?.standby?.receiver?.status == "streaming"
        }
        #expect(streaming, "receiver: \(String(describing: section?.standby?.receiver))")
        let standby = try #require(section?.standby)
        #expect(section?.role == .standby)
        #expect(standby.receiver?.slot == pair.standbySlot)
        #expect(standby.receiver?.sender?.isEmpty == false)
        #expect(standby.receiver?.writtenLSN != nil)
        #expect(standby.pauseState == "not paused")
        #expect(standby.conflicts.total == 0)
        #expect((standby.conflicts.activeLogicalSlot != nil) == (major >= 16))

        let primary = try Self.read(pair.primary)
        #expect(primary.role == .primary)
        #expect(primary.standby == nil)
        let row = try #require(primary.standbys.first { $0.state == "streaming" })
        #expect(!row.isBackup)
        let slot = try #require(primary.slots.first { $0.name == pair.standbySlot })
        #expect(slot.active && slot.type == "physical" && slot.activePid != nil)
        #expect(slot.walStatus == "reserved")
    }

    @Test(arguments: majors)
    func lagAppearsWhileReplayIsPausedAndGoesWhenResumed(major: Int) throws {
        let pair = try TestStandbyPairs.require(major: major)
        try Self.writeWAL(pair, kilobytes: 100)
        try pair.waitForReplay()
        try pair.standby.psql("SELECT pg_wal_replay_pause()")
        var resumed = false
        defer { if !resumed { _ = try? pair.standby.psql("SELECT pg_wal_replay_resume()") } }
        try Self.writeWAL(pair, kilobytes: 2000)

        var standbySide: StandbyStatus?
        let lagging = try Sessions.waitUntil(seconds: 20) {
            standbySide = try Self.read(pair.standby).standby
            return (standbySide?.replayLagBytes ?? 0) > 1_000_000 && standbySide?.pauseState == "paused"
        }
        #expect(lagging, "\(String(describing: standbySide))")
        #expect(standbySide?.paused == true)
        #expect((standbySide?.replayDelaySeconds ?? 0) > 0, "replay is behind: the delay counts; \(String(describing: standbySide))")
        let onPrimary = try Self.read(pair.primary).standbys.first { $0.state == "streaming" }
        #expect((onPrimary?.replayLagBytes ?? 0) > 1_000_000, "\(String(describing: onPrimary))")
        #expect((onPrimary?.replayHopBytes ?? 0) > 1_000_000)

        // The header's figures, read by the ordinary refresh.
        let monitor = try PGConnection(target: Sessions.target(pair.primary), role: .monitor)
        defer { monitor.close() }
        var reader = SnapshotReader(info: try SnapshotReader.readServerInfo(monitor))
        let summary = try #require(try reader.read(monitor).summary.replication)
        #expect(summary.role == .primary && summary.standbyCount == 1)
        #expect((summary.worstLagBytes ?? 0) > 1_000_000)

        try pair.standby.psql("SELECT pg_wal_replay_resume()")
        resumed = true
        let caughtUp = try Sessions.waitUntil(seconds: 20) {
            standbySide = try Self.read(pair.standby).standby
            return standbySide?.replayLagBytes == 0 && standbySide?.replayDelaySeconds == 0
        }
        #expect(caughtUp, "\(String(describing: standbySide))")
        #expect(standbySide?.paused == false)
    }

    @Test(arguments: majors)
    func anInactiveSlotsRetainedWALGrowsAsWALIsWritten(major: Int) throws {
        let pair = try TestStandbyPairs.require(major: major)
        try pair.primary.psql("""
            SELECT pg_create_physical_replication_slot('abandoned_physical', true)
            WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = 'abandoned_physical');
            SELECT pg_create_logical_replication_slot('abandoned_logical', 'pgoutput')
            WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = 'abandoned_logical');
            """)
        let before = try Self.read(pair.primary)
        let physical = try #require(before.slots.first { $0.name == "abandoned_physical" })
        #expect(!physical.active && physical.activePid == nil && physical.type == "physical")
        let logical = try #require(before.slots.first { $0.name == "abandoned_logical" })
        #expect(logical.type == "logical" && logical.plugin == "pgoutput" && logical.database == "postgres")
        #expect(logical.catalogXminAge != nil)
        #expect((logical.decoding != nil) == (major >= 14))
        #expect((logical.inactiveSince != nil) == (major >= 17))
        #expect((logical.conflicting != nil) == (major >= 16), "conflicting is 16+ (and set for logical slots)")

        try Self.writeWAL(pair, kilobytes: 3000)
        // Retained WAL counts to the WAL written (`pg_current_wal_lsn`), which the WAL writer
        // catches up within its delay: right after the insert it was 1.99 MB of the 2.7 written.
        var after = try Self.read(pair.primary)
        var grown = try #require(after.slots.first { $0.name == "abandoned_physical" })
        func grownBy() -> Int64 { (grown.retainedBytes ?? 0) - (physical.retainedBytes ?? 0) }
        let caughtUp = try Sessions.waitUntil(seconds: 10) {
            after = try Self.read(pair.primary)
            grown = try #require(after.slots.first { $0.name == "abandoned_physical" })
            return grownBy() > 2_000_000
        }
        #expect(caughtUp, "retained \(String(describing: physical.retainedBytes)) -> \(String(describing: grown.retainedBytes))")
        #expect(after.slots.first == grown || (after.slots.first?.retainedBytes ?? 0) >= (grown.retainedBytes ?? 0),
                "slots come by retained WAL, the most first")
        #expect(grown.severity == .ok, "3 MB retained is under the 1 GB warning")
    }
}

import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

/// The Replication section through the console's service (read while the pane is shown, and
/// only then) and through `pgtriage snapshot --json`, on the shared pair of 15.
@Suite("Replication through the service and snapshot --json", .serialized)
struct ReplicationServiceTests {
    @Test func theServiceReadsTheSectionOnlyWhileThePaneIsShown() throws {
        let pair = try TestStandbyPairs.require(major: 15)
        let events = EventLog()
        let service = SnapshotService(target: Sessions.target(pair.standby), readOnly: true, interval: 0.3, auditLog: nil)
        service.setScope(SnapshotScope(sections: [.replication]))
        service.start(events: events.append)
        defer { service.stop() }
        let shown = events.waitFor(seconds: 15) {
            if case .snapshot(let s) = $0 { return s.replication?.standby?.receiver?.status == "streaming" }
            return false
        }
        guard case .snapshot(let snapshot)? = shown else {
            Issue.record("no snapshot with the standby's receiver streaming")
            return
        }
        #expect(snapshot.replication?.role == .standby)
        #expect(snapshot.summary.replication?.role == .standby, "the header's role comes with every refresh")

        service.setScope(SnapshotScope(sections: []))
        let hidden = events.waitFor(seconds: 15) {
            if case .snapshot(let s) = $0 { return s.replication == nil }
            return false
        }
        #expect(hidden != nil)
        guard case .snapshot(let next)? = events.waitFor(seconds: 10, { if case .snapshot = $0 { return true }; return false }) else {
            Issue.record("no snapshot after the change")
            return
        }
        #expect(next.replication == nil)
        #expect(next.summary.replication?.role == .standby)
    }

    static func replication(_ server: LocalServer) throws -> [String: Any] {
        let run = try Binary.run(["snapshot", "--json", "--sample", "0", server.conninfo()])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        return try #require(object["replication"] as? [String: Any], "\(object["unavailable"] ?? "")")
    }

    @Test func snapshotJSONOnThePrimaryAndOnTheStandby() throws {
        let pair = try TestStandbyPairs.require(major: 15)
        let keys = ["role", "wal_bytes_per_s", "standbys", "slots", "receiver", "conflicts"]
        let primary = try Self.replication(pair.primary)
        #expect(Set(primary.keys) == Set(keys))
        #expect(primary["role"] as? String == "primary")
        #expect(primary["receiver"] is NSNull && primary["conflicts"] is NSNull)
        let standbys = try #require(primary["standbys"] as? [[String: Any]])
        #expect(standbys.contains { $0["application"] as? String == pair.standbySlot && $0["state"] as? String == "streaming" },
                "\(standbys)")
        let slots = try #require(primary["slots"] as? [[String: Any]])
        #expect(slots.contains { $0["name"] as? String == pair.standbySlot && $0["active"] as? Bool == true })

        let standby = try Self.replication(pair.standby)
        #expect(standby["role"] as? String == "standby")
        let receiver = try #require(standby["receiver"] as? [String: Any])
        #expect(receiver["status"] as? String == "streaming")
        #expect(receiver["slot"] as? String == pair.standbySlot)
        #expect(receiver["paused"] as? Bool == false)
        let conflicts = try #require(standby["conflicts"] as? [String: Any])
        #expect(Set(conflicts.keys) == ["tablespace", "lock", "snapshot", "bufferpin", "deadlock", "active_logicalslot"])
        #expect(conflicts["active_logicalslot"] is NSNull, "15 has no active_logicalslot conflicts")
    }

    /// A role without pg_read_all_stats: the refresh (with the header's figures) and the section
    /// still read, the hidden parts said, never taken for a receiver that is down.
    @Test func aRoleWithoutReadAllStatsStillReadsTheSection() throws {
        let pair = try TestStandbyPairs.require(major: 15)
        try pair.primary.psql("""
            DO $$ BEGIN CREATE ROLE replication_watcher LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$
            """)
        try pair.waitForReplay()
        for server in [pair.primary, pair.standby] {
            let connection = try PGConnection(target: Sessions.target(server, user: "replication_watcher"), role: .monitor)
            defer { connection.close() }
            var reader = SnapshotReader(info: try SnapshotReader.readServerInfo(connection))
            let summary = try #require(try reader.read(connection).summary.replication)
            var replication = ReplicationReader(serverVersion: connection.serverVersionNum)
            let section = try #require(try replication.read(connection).value)
            #expect(section.limitation?.contains("GRANT pg_read_all_stats") == true)
            if server === pair.standby {
                #expect(summary.role == .standby && section.role == .standby)
                #expect(section.standby?.receiver?.status == WALReceiver.hidden)
                #expect(section.standby?.severity != .critical)
            } else {
                #expect(summary.role == .primary && summary.standbyCount == 1)
                let row = try #require(section.standbys.first)
                #expect(row.replayLagBytes == nil, "the LSNs are hidden from this role")
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import PGTriageCore
import PGTriageLocalServer
import Testing

/// The Replication section on a real streaming pair (`TestStandbyPairs`: a primary with
/// `wal_level = logical` and a standby through a physical slot), on 15 and 18. Serialised:
/// the tests share the pair, and one pauses its replay.
@Suite("Replication on a real primary and standby", .serialized)
struct ReplicationIntegrationTests {
    static let majors = [15, 18]

    @Test(arguments: majors)
    func theStandbyStreamsFromItsSlot(major: Int) throws {
        let pair = try TestStandbyPairs.require(major: major)
        let streaming = try Sessions.waitUntil(seconds: 20) {
            try pair.standby.psql("SELECT status FROM pg_stat_wal_receiver") == "streaming"
        }
        #expect(streaming)
        #expect(try pair.primary.psql("SELECT active FROM pg_replication_slots WHERE slot_name = '\(pair.standbySlot)'") == "t")
        #expect(try pair.standby.psql("SELECT pg_is_in_recovery()") == "t")
    }
}

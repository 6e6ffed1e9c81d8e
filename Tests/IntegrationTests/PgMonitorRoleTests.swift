import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

/// A role with pg_monitor and nothing else (what a DBA on call is often given) reads the Indexes
/// and Tables sections: every finding it may see, and for what it may not (the statistics behind
/// the bloat estimate, sequences' last values: they need SELECT on the data), the section says
/// why and what to grant.
@Suite("A pg_monitor role reads Indexes and Tables")
struct PgMonitorRoleTests {
    @Test(arguments: TestServers.availableMajors)
    func everyFindingIsSeenByAPgMonitorRole(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try IndexesIntegrationTests.plant(server, prefix: "monitor_role")
        let app = try Sessions.app(server, database: db)
        defer { app.close() }
        try TablesIntegrationTests.plant(app)
        let role = "oncall_\(major)_\(UInt16.random(in: 0...UInt16.max))"
        _ = try app.execute("CREATE ROLE \(role) LOGIN; GRANT pg_monitor TO \(role)")
        defer { _ = try? app.execute("DROP ROLE IF EXISTS \(role)") }
        let holder = try Sessions.app(server, database: db, name: "horizon-holder")
        defer { holder.close() }
        _ = try holder.execute("BEGIN; INSERT INTO ids (note) VALUES ('held')")

        let monitor = try PGConnection(target: Sessions.target(server, database: db, user: role), role: .monitor)
        defer { monitor.close() }
        var indexes = IndexesReader(versionNum: monitor.serverVersionNum)
        var found: IndexesSection?
        _ = try Sessions.waitUntil(seconds: 10) {
            found = try indexes.read(monitor).value
            return found?.indexes.contains { $0.flags.contains(.redundant) } == true
        }
        let section = try #require(found, "the Indexes section is unavailable to a pg_monitor role")
        for flag in [IndexFlag.unused, .redundant, .invalid] {
            #expect(section.indexes.contains { $0.flags.contains(flag) }, "\(flag) not seen")
        }
        if !section.indexes.contains(where: { $0.flags.contains(.bloated) }) {
            #expect(section.limitation?.contains("GRANT pg_read_all_data TO \(role)") == true,
                    "no bloat estimate, and no word why: \(section.limitation ?? "nil")")
        }
        #expect(!section.missingFKIndexes.isEmpty)

        var tables = TablesReader()
        let read = try tables.read(monitor)
        let tablesSection = try #require(read.value, "\(read.reason?.summary ?? "")")
        #expect(tablesSection.tables.contains { $0.name == "no_autovac" && !$0.autovacuumEnabled })
        let sequence = try #require(tablesSection.sequences.first { $0.name == "ids_id_seq" })
        if sequence.lastValue == nil {
            #expect(!sequence.readable)
            #expect(tablesSection.limitation?.contains("GRANT pg_read_all_data TO \(role)") == true,
                    "a hidden sequence, and no word why: \(tablesSection.limitation ?? "nil")")
        }
        #expect(tablesSection.holders.contains { $0.kind == .backend && $0.pid == holder.backendPid })
    }
}

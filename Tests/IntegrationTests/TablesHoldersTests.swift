#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

/// The horizon holder the shared test servers cannot have (a prepared transaction needs
/// `max_prepared_transactions`), and a maintenance command seen while it runs: on a server of
/// this test's own.
@Suite("Tables: prepared transactions and running maintenance")
struct TablesHoldersTests {
    @Test func aPreparedTransactionAndARunningVacuumAreSeen() throws {
        guard let server = try TestServers.dedicated(major: 15, options: LocalServerOptions(
            settings: ["max_prepared_transactions": "5", "autovacuum": "off"])) else {
            try Test.cancel("PostgreSQL 15 is not available here")
        }
        defer { server.stop() }
        let db = try Sessions.makeDatabase(server, prefix: "holders")
        let app = try Sessions.app(server, database: db)
        defer { app.close() }
        _ = try app.execute("""
            CREATE TABLE big (id int, pad text);
            INSERT INTO big SELECT g, repeat('x', 100) FROM generate_series(1, 200000) g;
            DELETE FROM big WHERE id % 2 = 0;
            """)
        // A prepared transaction holds the horizon until it is committed or rolled back.
        let gid = "pgtriage_test_\(UInt16.random(in: 0...UInt16.max))"
        _ = try app.execute("BEGIN; INSERT INTO big VALUES (0, 'held'); PREPARE TRANSACTION '\(gid)'")
        defer { _ = try? app.execute("ROLLBACK PREPARED '\(gid)'") }

        // A VACUUM slowed by cost delays, so it is seen running.
        let vacuumer = try Sessions.app(server, database: db, name: "slow-vacuum")
        defer { vacuumer.close() }
        _ = try vacuumer.execute("SET vacuum_cost_delay = 100; SET vacuum_cost_limit = 1")
        let vacuum = BlockedStatement(vacuumer, "VACUUM big")
        defer {
            _ = try? app.query("SELECT pg_cancel_backend($1::int)", ["\(vacuumer.backendPid)"])
            vacuum.finish()
        }

        let monitor = try PGConnection(target: Sessions.target(server, database: db), role: .monitor)
        defer { monitor.close() }
        var section: TablesSection?
        let seen = try Sessions.waitUntil(seconds: 20) {
            var reader = TablesReader()
            section = try reader.read(monitor).value
            return section?.maintenance.contains { $0.pid == vacuumer.backendPid } == true
        }
        #expect(seen, "the running VACUUM was never listed")
        let job = try #require(section?.maintenance.first { $0.pid == vacuumer.backendPid })
        #expect(job.command.uppercased().contains("VACUUM"), "\(job.command)")
        #expect(job.relation.contains("big"), "\(job.relation)")
        #expect(!job.phase.isEmpty)
        let prepared = try #require(section?.holders.first { $0.kind == .preparedXact })
        #expect(prepared.id == gid)
        #expect(prepared.pid == nil)
        #expect(prepared.xminAge >= 0)
    }
}

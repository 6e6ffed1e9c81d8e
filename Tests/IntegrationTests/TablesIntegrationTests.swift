#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
@testable import PGTriageUI
import Testing

/// The Tables section on every server the harness can start: each finding planted, then seen by
/// the reader, in `snapshot --json` from the real binary, and on the pane built from the section.
@Suite("Tables against real servers")
struct TablesIntegrationTests {
    func monitor(_ server: LocalServer, database: String) throws -> PGConnection {
        try PGConnection(target: Sessions.target(server, database: database), role: .monitor)
    }

    static func read(_ connection: PGConnection) throws -> TablesSection {
        var reader = TablesReader()
        let result = try reader.read(connection)
        return try #require(result.value, "\(result.reason?.summary ?? "")")
    }

    /// A table with autovacuum off and dead tuples, a sequence past 75 % of its integer column, an
    /// idle transaction with an xid holding the horizon.
    static func plant(_ app: PGConnection) throws {
        _ = try app.execute("""
            CREATE TABLE no_autovac (id int PRIMARY KEY, n int) WITH (autovacuum_enabled = false);
            INSERT INTO no_autovac SELECT g, 0 FROM generate_series(1, 2000) g;
            ANALYZE no_autovac;
            UPDATE no_autovac SET n = 1;
            CREATE TABLE ids (id serial PRIMARY KEY, note text);
            SELECT setval('ids_id_seq', 1800000000);
            """)
    }

    @Test(arguments: TestServers.availableMajors)
    func plantedFindingsAreRead(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Sessions.makeDatabase(server, prefix: "tables_findings")
        let app = try Sessions.app(server, database: db)
        try Self.plant(app)
        app.close()
        let holder = try Sessions.app(server, database: db, name: "horizon-holder")
        defer { holder.close() }
        _ = try holder.execute("BEGIN; INSERT INTO ids (note) VALUES ('held');")
        let holderPid = try #require(try holder.query("SELECT pg_backend_pid() AS pid").first?.int32("pid"))

        let connection = try monitor(server, database: db)
        defer { connection.close() }
        var section = try Self.read(connection)
        // Dead-tuple counts reach the statistics system within about a second.
        _ = try Sessions.waitUntil(seconds: 10) {
            section = try Self.read(connection)
            return (section.tables.first { $0.name == "no_autovac" }?.deadTuples ?? 0) >= 2000
        }
        let table = try #require(section.tables.first { $0.name == "no_autovac" })
        #expect(!table.autovacuumEnabled)
        #expect(table.deadTuples >= 2000, "n_dead_tup \(table.deadTuples)")
        #expect(table.thresholds.vacuum == 50 + 0.2 * 2000)
        #expect(table.vacuumDuePercent >= 400)
        #expect(table.sizeBytes > 0 && table.sizeBytes % 8192 == 0)
        #expect(table.xidAge > 0)
        #expect(section.settings.vacuumMaxThreshold == (major >= 18 ? 100_000_000 : nil))
        #expect(section.tables.first?.dueMaxPercent == section.tables.map(\.dueMaxPercent).max())

        let sequence = try #require(section.sequences.first { $0.name == "ids_id_seq" })
        #expect(sequence.columnType == "integer")
        #expect(sequence.ownedBy == "public.ids.id")
        #expect((sequence.usedPercent ?? 0) > 75, "used \(sequence.usedPercent ?? -1)")

        let held = try #require(section.holders.first { $0.kind == .backend && $0.pid == holderPid })
        #expect(held.id == "\(holderPid)")
        #expect(section.oldestXminAge != nil)
        #expect(section.databases.contains { $0.name == db })
        try checkSnapshotJSON(server, database: db, holderPid: holderPid)
        try checkScreen(connection, section: section, holderPid: holderPid)
        print("[tables] PostgreSQL \(major): \(section.tables.count) tables, read in \(Int(section.queryMilliseconds)) ms; no_autovac due \(Int(table.vacuumDuePercent)) %, sequence \(Int(sequence.usedPercent ?? 0)) %, holder \(held.label) age \(held.xminAge)")
    }

    /// The real binary's `snapshot --json`: the four keys, each finding in them.
    func checkSnapshotJSON(_ server: LocalServer, database: String, holderPid: Int32) throws {
        let run = try Binary.run(["snapshot", "--json", "--sample", "0", server.conninfo(database: database, user: "postgres")])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        for key in ["tables", "horizon", "sequences", "maintenance"] { #expect(object.keys.contains(key), "\(key)") }
        let tables = try #require(object["tables"] as? [[String: Any]])
        let table = try #require(tables.first { $0["name"] as? String == "no_autovac" })
        #expect(table["autovacuum_enabled"] as? Bool == false)
        #expect((table["dead_tuples"] as? Int ?? 0) >= 2000)
        #expect((table["vacuum_due_pct"] as? Double ?? 0) >= 400)
        for key in ["schema", "size_bytes", "live_tuples", "dead_pct", "mods_since_analyze", "inserts_since_vacuum", "last_vacuum",
                    "last_autovacuum", "last_analyze", "last_autoanalyze", "vacuum_threshold", "xid_age", "mxid_age", "freeze_pct"] {
            #expect(table.keys.contains(key), "tables[].\(key)")
        }
        let horizon = try #require(object["horizon"] as? [String: Any])
        #expect(horizon["oldest_xmin_age"] is Int)
        let holders = try #require(horizon["holders"] as? [[String: Any]])
        #expect(holders.contains { $0["kind"] as? String == "backend" && $0["id"] as? String == "\(holderPid)" && $0["xmin_age"] is Int })
        let sequences = try #require(object["sequences"] as? [[String: Any]])
        let sequence = try #require(sequences.first { $0["name"] as? String == "ids_id_seq" })
        #expect(sequence["column_type"] as? String == "integer")
        #expect(sequence["max_value"] as? Int == 2_147_483_647)
        #expect((sequence["used_pct"] as? Double ?? 0) > 75)
        #expect(object["maintenance"] is [Any])
    }

    /// The pane at 80x24 built from the real section: the flags on screen.
    func checkScreen(_ connection: PGConnection, section: TablesSection, holderPid: Int32) throws {
        let info = try SnapshotReader.readServerInfo(connection)
        var reader = SnapshotReader(info: info)
        var snapshot = try reader.read(connection)
        snapshot.setTables(.available(section))
        var state = AppState(connectionLabel: "test", width: 80, height: 24, now: snapshot.capturedAt)
        _ = update(&state, .service(.connected(target: "test", info: info)))
        _ = update(&state, .service(.snapshot(snapshot)))
        _ = update(&state, .key(.char(Character("\(Pane.tables.number)"))))
        let backend = MemoryBackend(width: 80, height: 24)
        backend.draw(view(state))
        let screen = backend.lines()
        let text = screen.joined(separator: "\n")
        // The oldest holder may be another test's session on the shared server: the line names
        // whichever is oldest (the test's own holder is checked in the section above).
        let oldest = try #require(section.holders.first)
        #expect(screen[4].contains("horizon oldest xmin") && screen[4].contains(oldest.label), "\(text)")
        #expect(section.holders.contains { $0.pid == holderPid })
        #expect(screen[5].contains("seq public.ids_id_seq 84%"), "\(text)")
        let row = try #require(screen.first { $0.contains("public.no_autovac") }, "\(text)")
        #expect(row.contains("OFF"), "\(row)")
    }
}

import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

/// A password in a statement never leaves pgtriage: not from pg_stat_statements (which keeps a
/// `CREATE ROLE … PASSWORD '…'` word for word), not from pg_stat_activity while it runs, not in
/// `snapshot --json`.
@Suite("Secrets in query texts, on real servers")
struct RedactionIntegrationTests {
    static let secret = "Hunter2-\(UInt32.random(in: 0...UInt32.max))"

    @Test(arguments: TestServers.availableMajors)
    func passwordsAreMaskedInStatementsActivityAndJSON(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Sessions.makeDatabase(server, prefix: "redact")
        let admin = try Sessions.app(server, database: db)
        defer { admin.close() }
        let role = "redact_\(major)_\(UInt16.random(in: 0...UInt16.max))"
        if server.installation.hasPgStatStatements { _ = try admin.execute("CREATE EXTENSION pg_stat_statements") }
        _ = try admin.execute("CREATE ROLE \(role) LOGIN PASSWORD '\(Self.secret)'")
        defer { _ = try? admin.execute("DROP ROLE IF EXISTS \(role)") }

        // A running statement carrying a conninfo password.
        let runner = try Sessions.app(server, database: db)
        defer { runner.close() }
        let running = BlockedStatement(runner, "SELECT pg_sleep(20), 'host=db2 password=\(Self.secret)'::text AS conninfo")
        defer { _ = try? admin.query("SELECT pg_cancel_backend($1::int)", ["\(runner.backendPid)"]); running.finish() }
        #expect(try Sessions.waitUntilRunning(server, containing: "pg_sleep(20)", pid: runner.backendPid))

        let monitor = try PGConnection(target: Sessions.target(server, database: db), role: .monitor)
        defer { monitor.close() }
        let info = try SnapshotReader.readServerInfo(monitor)
        var reader = SnapshotReader(info: info, queryLength: 1024)
        let snapshot = try reader.read(monitor, excluding: [monitor.backendPid])
        let backend = try #require(snapshot.backend(pid: runner.backendPid))
        #expect(backend.query.contains("password=***"))
        #expect(!backend.query.contains(Self.secret))

        if server.installation.hasPgStatStatements {
            var statements = StatementsReader(info: info, queryLength: 1024)
            let section = try #require(try statements.read(monitor).value)
            let create = try #require(section.rows.first { $0.stats.query.contains("CREATE ROLE \(role)") })
            #expect(create.stats.query.contains("PASSWORD '***'"))
            #expect(!section.rows.contains { $0.stats.query.contains(Self.secret) })
            #expect(try statements.fullText(of: create.stats.key, on: monitor)?.contains(Self.secret) == false)
        }

        let run = try Binary.run(["snapshot", "--json", "--sample", "0", server.conninfo(database: db)])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("password=***"))
        #expect(!run.stdout.contains(Self.secret))
        let text = try Binary.run(["snapshot", "--sample", "0", server.conninfo(database: db)])
        #expect(!text.stdout.contains(Self.secret))
    }
}

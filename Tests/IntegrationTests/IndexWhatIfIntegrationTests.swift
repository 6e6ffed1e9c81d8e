import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

/// The index what-if on real servers: with HypoPG where the server has it (Debian's 15 here,
/// installed by scripts/setup.sh), the not-installed path where it does not (16 and 18 wheels);
/// and a statement whose rule makes two plans.
@Suite("Index what-if and several plans on real servers", .serialized)
struct IndexWhatIfIntegrationTests {
    /// tickets: 40 000 rows; status 'late' on 40 of them, created_at all after 2026-01-01
    /// (so `created_at > '2000-01-01'` keeps every row: an index on it alone is useless).
    static func makeDatabase(_ server: LocalServer) throws -> (database: String, hypopg: Bool) {
        let database = try Sessions.makeDatabase(server, prefix: "whatif")
        let setup = try Sessions.app(server, database: database)
        defer { setup.close() }
        _ = try setup.execute("""
            CREATE TABLE tickets (id int PRIMARY KEY, status text NOT NULL, created_at timestamptz NOT NULL, note text);
            INSERT INTO tickets SELECT g, CASE WHEN g % 1000 = 0 THEN 'late' ELSE 'open' || (g % 7) END,
                                       '2026-01-01 00:00:00+00'::timestamptz + g * interval '1 minute', md5(g::text)
              FROM generate_series(1, 40000) g;
            ANALYZE tickets;
            """)
        let available = try setup.query("SELECT count(*) AS n FROM pg_available_extensions WHERE name = 'hypopg'").first?.string("n") == "1"
        if available { _ = try setup.execute("CREATE EXTENSION hypopg") }
        return (database, available)
    }

    static let sql = "SELECT id, note FROM tickets WHERE status = 'late' AND created_at > '2000-01-01'"

    static func indexCount(_ server: LocalServer, _ database: String) throws -> String {
        let c = try Sessions.app(server, database: database)
        defer { c.close() }
        return try c.query("SELECT count(*) AS n FROM pg_index WHERE indrelid = 'tickets'::regclass").first?.string("n") ?? "?"
    }

    @Test(arguments: TestServers.availableMajors)
    func candidatesAreTriedWithHypoPGOrShownWithHowToGetIt(major: Int) throws {
        let server = try TestServers.require(major: major)
        let (database, hypopg) = try Self.makeDatabase(server)
        if major == 15 && !hypopg {
            try TestServers.skip("Debian's postgresql-15-hypopg is not installed (scripts/setup.sh installs it)")
        }
        let runner = ExplainRunner(target: Sessions.target(server, database: database))
        defer { runner.close() }
        let result = try runner.run(ExplainRequest(sql: Self.sql).asWhatIf(.everyScan))
        let report = try #require(result.whatIf)
        let before = try #require(report.planCostBefore)
        #expect(report.scans.count == 1 && report.scans[0].contains("Seq Scan on public.tickets"))
        let ddls = report.candidates.map(\.ddl)
        #expect(ddls == ["CREATE INDEX ON public.tickets (status, created_at)", "CREATE INDEX ON public.tickets (status)",
                         "CREATE INDEX ON public.tickets (created_at)"])
        if hypopg {
            guard case .installed = report.hypopg else { Issue.record("hypopg: \(report.hypopg)"); return }
            let composite = report.candidates[0]
            #expect(composite.used == true)
            #expect((composite.costAfter ?? .infinity) < before / 4, "cost before \(before), after \(composite.costAfter ?? -1)")
            #expect(composite.nodeAfter?.contains("Index") == true, "\(composite.nodeAfter ?? "nil")")
            #expect((composite.sizeBytes ?? 0) > 8192)
            let useless = report.candidates[2]
            #expect(useless.used == false, "created_at alone keeps every row: \(useless)")
            #expect(useless.costAfter == before)
            print("what-if on \(major): cost \(before) -> " + report.candidates.map { "\($0.columns): \($0.costAfter ?? -1) used \($0.used ?? false)" }.joined(separator: ", "))
            // Nothing real was made, and the session kept nothing: the next EXPLAIN plans as before.
            #expect(try Self.indexCount(server, database) == "1")
            let again = try runner.run(ExplainRequest(sql: Self.sql))
            #expect(again.plan.nodes.contains { $0.nodeType == "Seq Scan" })
            #expect(!again.plan.nodes.contains { $0.indexName?.contains("hypo") == true })
        } else {
            #expect(report.hypopg == .missing)
            #expect(report.candidates.allSatisfy { $0.costAfter == nil && $0.used == nil })
            #expect(report.howToGetHypoPG?.contains("postgresql-\(major)-hypopg") == true)
            #expect(try Self.indexCount(server, database) == "1")
        }

        // The command line prints the same, as JSON for scripts.
        let run = try Binary.run(["explain", "--what-if", "--format", "json", Self.sql, server.conninfo(database: database)])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["plan_cost_before"] is Double || object["plan_cost_before"] is Int)
        let candidates = try #require(object["candidates"] as? [[String: Any]])
        #expect(candidates.map { $0["ddl"] as? String } == ddls)
        if hypopg {
            #expect(candidates.map { $0["used"] as? Bool } == [true, true, false])
            #expect(candidates.allSatisfy { ($0["size_bytes"] as? Int ?? 0) > 0 })
        } else {
            #expect(candidates.allSatisfy { $0["used"] is NSNull && $0["cost_after"] is NSNull })
        }
        #expect(try Self.indexCount(server, database) == "1")
    }

    /// A statement a rule turns into two: EXPLAIN returns a plan for each, and the runner keeps
    /// both (the browser moves between them with [ and ]).
    @Test(arguments: TestServers.availableMajors)
    func aRuleGivesTwoPlansAndBothAreKept(major: Int) throws {
        let server = try TestServers.require(major: major)
        let (database, _) = try Self.makeDatabase(server)
        let setup = try Sessions.app(server, database: database)
        _ = try setup.execute("""
            CREATE TABLE log_a (id int, note text); CREATE TABLE log_b (id int, note text);
            CREATE RULE log_a_copy AS ON INSERT TO log_a DO ALSO INSERT INTO log_b VALUES (NEW.id, NEW.note);
            """)
        setup.close()
        let runner = ExplainRunner(target: Sessions.target(server, database: database))
        defer { runner.close() }
        for format in [ExplainFormat.json, .text] {
            let result = try runner.run(ExplainRequest(sql: "INSERT INTO log_a VALUES (1, 'x')", format: format))
            #expect(result.plan.root.relationName == "log_a", "\(format)")
            #expect(result.otherPlans.map { $0.root.relationName } == ["log_b"], "\(format)")
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
import Synchronization
import Testing

/// A small shop: customers, orders (with an AFTER DELETE trigger writing to audit, and a foreign
/// key), enough rows for hash joins, spills and parallel plans.
enum ExplainSchema {
    static let tables = ["customers", "orders", "audit"]

    static func create(_ server: LocalServer) throws -> String {
        let database = try Sessions.makeDatabase(server, prefix: "explain")
        let setup = try Sessions.app(server, database: database)
        defer { setup.close() }
        _ = try setup.execute("""
            CREATE TABLE customers (id int PRIMARY KEY, name text NOT NULL, region text NOT NULL);
            INSERT INTO customers SELECT g, 'customer ' || g, (ARRAY['eu','us','ap'])[1 + g % 3] FROM generate_series(1, 2000) g;
            CREATE TABLE orders (id serial PRIMARY KEY, customer_id int NOT NULL REFERENCES customers, amount numeric NOT NULL,
                                 status text NOT NULL, created_at timestamptz NOT NULL);
            INSERT INTO orders (customer_id, amount, status, created_at)
              SELECT 1 + g % 2000, g % 500, CASE WHEN g % 10 = 0 THEN 'open' ELSE 'done' END,
                     '2026-01-01 00:00:00+00'::timestamptz + g * interval '1 minute'
              FROM generate_series(1, 100000) g;
            CREATE INDEX orders_customer_id_idx ON orders (customer_id);
            CREATE TABLE audit (id serial PRIMARY KEY, note text NOT NULL);
            CREATE FUNCTION audit_delete() RETURNS trigger LANGUAGE plpgsql AS $$
              BEGIN INSERT INTO audit (note) VALUES ('deleted order ' || OLD.id); RETURN OLD; END $$;
            CREATE TRIGGER orders_audit AFTER DELETE ON orders FOR EACH ROW EXECUTE FUNCTION audit_delete();
            CREATE FUNCTION write_audit() RETURNS int LANGUAGE plpgsql VOLATILE AS $$
              BEGIN INSERT INTO audit (note) VALUES ('written by a SELECT'); RETURN 1; END $$;
            ANALYZE customers; ANALYZE orders; ANALYZE audit;
            """)
        return database
    }

    /// md5 of every row of every table, and the row counts.
    static func checksums(_ connection: PGConnection) throws -> [String: String] {
        var out: [String: String] = [:]
        for table in tables {
            let row = try connection.query("SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) || ':' || count(*) AS sum FROM \(table) t").first
            out[table] = try row?.string("sum") ?? "?"
        }
        out["tables"] = try connection.query("SELECT string_agg(relname, ',' ORDER BY relname) AS names FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'").first?.string("names") ?? ""
        return out
    }

    /// Plans worth keeping: joins, aggregates, spills, parallel, CTE/InitPlan/SubPlan, DML.
    struct Scenario: Sendable {
        var name: String
        var sql: String
        /// `-c name=value` options for the session.
        var options: [String] = []
        var verbose = false
    }

    static let scenarios: [Scenario] = [
        Scenario(name: "join-aggregate", sql: """
            SELECT c.region, count(*), sum(o.amount) FROM orders o JOIN customers c ON c.id = o.customer_id
            WHERE o.status = 'open' GROUP BY c.region ORDER BY 2 DESC
            """),
        Scenario(name: "sort-spill", sql: "SELECT id, amount FROM orders ORDER BY amount DESC, created_at",
                 options: ["work_mem=64kB"]),
        Scenario(name: "hash-spill", sql: "SELECT count(*) FROM orders a JOIN orders b ON b.created_at = a.created_at WHERE a.amount < 300",
                 options: ["work_mem=64kB", "enable_mergejoin=off", "enable_nestloop=off", "max_parallel_workers_per_gather=0"]),
        Scenario(name: "parallel", sql: "SELECT status, count(*), sum(amount) FROM orders WHERE amount > 10 GROUP BY status",
                 options: ["parallel_setup_cost=0", "parallel_tuple_cost=0", "min_parallel_table_scan_size=0", "max_parallel_workers_per_gather=2"]),
        Scenario(name: "cte-initplan-subplan", sql: """
            WITH totals AS MATERIALIZED (SELECT customer_id, sum(amount) AS total FROM orders GROUP BY customer_id)
            SELECT c.name, t.total,
                   (SELECT max(o.amount) FROM orders o WHERE o.customer_id = c.id) AS max_amount
            FROM customers c JOIN totals t ON t.customer_id = c.id
            WHERE t.total > (SELECT avg(total) FROM totals) AND c.region = 'eu'
            """, options: ["max_parallel_workers_per_gather=0"], verbose: true),
        Scenario(name: "nested-loop-misestimate", sql: """
            SELECT count(*) FROM generate_series(1, (SELECT 2000)) g JOIN customers c ON c.id = g
            JOIN orders o ON o.customer_id = c.id
            """, options: ["enable_hashjoin=off", "enable_mergejoin=off", "max_parallel_workers_per_gather=0"]),
        Scenario(name: "delete-trigger", sql: "DELETE FROM orders WHERE id <= 200 RETURNING id, amount"),
        Scenario(name: "insert-fk", sql: """
            INSERT INTO orders (customer_id, amount, status, created_at)
            SELECT 1 + g % 100, 1, 'open', '2026-02-01 00:00:00+00' FROM generate_series(1, 300) g RETURNING id
            """),
    ]

    static func target(_ server: LocalServer, database: String, options: [String]) -> ConnectionTarget {
        var conninfo = server.conninfo(database: database)
        if !options.isEmpty { conninfo += " options='" + options.map { "-c " + $0 }.joined(separator: " ") + "'" }
        return ConnectionTarget(conninfo: conninfo)
    }
}

/// Shared per server: one database with the schema (made once per test process).
private let schemaDatabases = Mutex<[Int: String]>([:])

private func sharedDatabase(_ server: LocalServer, major: Int) throws -> String {
    if let name = schemaDatabases.withLock({ $0[major] }) { return name }
    let name = try ExplainSchema.create(server)
    schemaDatabases.withLock { $0[major] = name }
    return name
}

@Suite("EXPLAIN on real servers", .serialized)
struct ExplainIntegrationTests {
    @Test(arguments: TestServers.availableMajors)
    func analyzeOfWritesLeavesEveryRowAsItWas(major: Int) throws {
        let server = try TestServers.require(major: major)
        let database = try ExplainSchema.create(server)
        let checker = try Sessions.app(server, database: database)
        defer { checker.close() }
        let before = try ExplainSchema.checksums(checker)
        let runner = ExplainRunner(target: Sessions.target(server, database: database))
        defer { runner.close() }
        let statements = [
            "DELETE FROM orders WHERE id <= 500",
            "UPDATE orders SET amount = amount + 1, status = 'changed' WHERE id <= 5000",
            "INSERT INTO orders (customer_id, amount, status, created_at) SELECT 1, 1, 'new', now() FROM generate_series(1, 100)",
            "DELETE FROM orders WHERE customer_id = 7 RETURNING *",  // the trigger writes to audit
            "WITH d AS (DELETE FROM orders WHERE id > 99000 RETURNING id) INSERT INTO audit (note) SELECT 'cte ' || id FROM d",
            "SELECT write_audit() FROM customers WHERE id <= 3",  // a SELECT whose function writes
            "CREATE TABLE copied AS SELECT * FROM customers",
            "MERGE INTO customers c USING (VALUES (1, 'x')) v(id, name) ON c.id = v.id WHEN MATCHED THEN UPDATE SET name = v.name",
        ]
        for sql in statements {
            if sql.hasPrefix("MERGE") && major < 15 { continue }
            let result = try runner.run(ExplainRequest(sql: sql, analyze: true, buffers: true))
            #expect(result.plan.isAnalyzed, "\(sql)")
            #expect(result.plan.executionTime != nil, "\(sql)")
            #expect(try ExplainSchema.checksums(checker) == before, "rows changed after EXPLAIN ANALYZE \(sql)")
        }
        // The trigger did run inside the rolled-back transaction.
        let delete = try runner.run(ExplainRequest(sql: "DELETE FROM orders WHERE id <= 10", analyze: true))
        #expect(delete.plan.triggers.contains { $0.name == "orders_audit" && $0.calls == 10 })
        // A statement that fails half-way is rolled back too (a foreign key stops it).
        #expect(throws: ExplainError.self) {
            _ = try runner.run(ExplainRequest(sql: "DELETE FROM customers WHERE id <= 10", analyze: true))
        }
        #expect(try ExplainSchema.checksums(checker) == before)
        // And the session is usable after the error.
        #expect(try runner.run(ExplainRequest(sql: "SELECT 1", analyze: true)).plan.root.nodeType == "Result")
    }

    /// What lives in a session survives a rollback; the EXPLAIN session after an ANALYZE is a
    /// new one, so nothing an analysed statement left there holds others up.
    @Test(arguments: TestServers.availableMajors)
    func analyzeLeavesNothingBehindInItsSession(major: Int) throws {
        let server = try TestServers.require(major: major)
        let database = try sharedDatabase(server, major: major)
        let runner = ExplainRunner(target: Sessions.target(server, database: database))
        defer { runner.close() }
        let other = try Sessions.app(server, database: database)
        defer { other.close() }
        let key = 424_200 + major
        _ = try runner.run(ExplainRequest(sql: "SELECT pg_advisory_lock(\(key))", analyze: true))
        // Free for another session at once: no session-level advisory lock was kept.
        #expect(try other.query("SELECT pg_try_advisory_lock($1::bigint) AS got", ["\(key)"]).first?.bool("got") == true)
        _ = try other.query("SELECT pg_advisory_unlock_all()")
        let left = try other.query("""
            SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1::int
            """, ["\(key)"]).first?.int("n")
        #expect(left == 0)
    }

    @Test(arguments: TestServers.availableMajors)
    func refusalsSendNothing(major: Int) throws {
        let server = try TestServers.require(major: major)
        let database = try sharedDatabase(server, major: major)
        let runner = ExplainRunner(target: Sessions.target(server, database: database))
        defer { runner.close() }
        func reason(_ sql: String, analyze: Bool = true, cut: Bool = false) -> ExplainRefusal.Reason? {
            do {
                _ = try runner.run(ExplainRequest(sql: sql, analyze: analyze, queryIsCut: cut))
                return nil
            } catch {
                if case .refused(let refusal) = error { return refusal.reason }
                Issue.record("\(sql): expected a refusal, got \(error)")
                return nil
            }
        }
        #expect(reason("VACUUM orders") == .cannotRunInTransaction)
        #expect(reason("vacuum (analyze) orders", analyze: false) == .cannotRunInTransaction)
        #expect(reason("CREATE INDEX CONCURRENTLY i ON orders (amount)") == .cannotRunInTransaction)
        #expect(reason("DELETE FROM orders; COMMIT") == .multipleStatements)
        #expect(reason("SELECT 1; DELETE FROM orders") == .multipleStatements)
        #expect(reason("SELECT * FROM orders WHERE status = 'open", cut: false) == .unterminated)
        #expect(reason("SELECT * FROM orders WHERE id IN (1, 2, ", cut: true) == .truncated)
        #expect(reason("COMMIT") == .transactionControl)
        #expect(reason("EXPLAIN SELECT 1") == .alreadyExplain)
        #expect(reason("TRUNCATE orders") == .notExplainable)
        #expect(reason("SELECT * FROM orders WHERE id = $1") == .needsParameters)
        let count = try Sessions.app(server, database: database)
        defer { count.close() }
        #expect(try count.query("SELECT count(*) AS n FROM orders").first?.int("n") == 100000)
    }

    @Test(arguments: TestServers.availableMajors)
    func parametersAreBoundOrGeneric(major: Int) throws {
        let server = try TestServers.require(major: major)
        let database = try sharedDatabase(server, major: major)
        let runner = ExplainRunner(target: Sessions.target(server, database: database))
        defer { runner.close() }
        let sql = "SELECT * FROM orders WHERE customer_id = $1 AND status = $2"
        let bound = try runner.run(ExplainRequest(sql: sql, analyze: true, parameters: ["42", "done"]))
        #expect(bound.plan.isAnalyzed)
        #expect(bound.plan.root.actualRows ?? 0 > 0)
        if major >= 16 {
            let generic = try runner.run(ExplainRequest(sql: sql))
            #expect(generic.usedGenericPlan)
            #expect(generic.statement.contains("GENERIC_PLAN"))
            #expect(generic.plan.root.nodeType == "Bitmap Heap Scan" || generic.plan.root.nodeType == "Index Scan")
            #expect(generic.plan.root.filter?.contains("$2") == true || generic.plan.root.recheckCond?.contains("$1") == true)
        } else {
            #expect(throws: ExplainError.self) { _ = try runner.run(ExplainRequest(sql: sql)) }
        }
    }

    @Test(arguments: TestServers.availableMajors)
    func cancellingALongAnalyzeReturnsLongBeforeItEnds(major: Int) throws {
        let server = try TestServers.require(major: major)
        let backend = Mutex<Int32?>(nil)
        let runner = ExplainRunner(target: Sessions.target(server)) { pid in backend.withLock { $0 = pid } }
        defer { runner.close() }
        let outcome = Mutex<Result<ExplainResult, ExplainError>?>(nil)
        runner.start(ExplainRequest(sql: "SELECT pg_sleep(30)", analyze: true)) { result in
            outcome.withLock { $0 = result }
        }
        // Cancel only once the EXPLAIN runs: sooner, it could hit a session still connecting.
        #expect(Sessions.waitUntil(seconds: 20) { backend.withLock { $0 } != nil }, "the runner never connected")
        let pid = try #require(backend.withLock { $0 })
        #expect(try Sessions.waitUntilRunning(server, containing: "pg_sleep(30)", pid: pid), "the EXPLAIN never showed as running")
        let asked = monotonicNow()
        #expect(runner.cancel())
        #expect(Sessions.waitUntil(seconds: 30) { outcome.withLock { $0 != nil } }, "no result after the cancel")
        let elapsed = monotonicNow() - asked
        // The promise: a cancel ends a 30 s ANALYZE; the margin allows for a loaded 2-core machine.
        #expect(elapsed < 10, "cancel took \(elapsed) s")
        let result = try #require(outcome.withLock { $0 })
        guard case .failure(.cancelled) = result else {
            Issue.record("expected cancelled, got \(result)")
            return
        }
        // The connection is still good.
        #expect(try runner.run(ExplainRequest(sql: "SELECT 1", analyze: true)).plan.root.nodeType == "Result")
    }

    /// Each scenario, explained as JSON and as text on the same server: both read to the same tree.
    /// (Two executions: times and per-worker splits differ; shapes, estimates and rows do not.)
    @Test(arguments: TestServers.availableMajors)
    func jsonAndTextOfTheSamePlanReadTheSame(major: Int) throws {
        let server = try TestServers.require(major: major)
        let database = try sharedDatabase(server, major: major)
        for scenario in ExplainSchema.scenarios {
            let runner = ExplainRunner(target: ExplainSchema.target(server, database: database, options: scenario.options))
            defer { runner.close() }
            var request = ExplainRequest(sql: scenario.sql, analyze: true, buffers: true, verbose: scenario.verbose, format: .json)
            let json = try runner.run(request)
            request.format = .text
            let text = try runner.run(request)
            let a = json.plan, b = text.plan
            #expect(a.nodes.count == b.nodes.count, "\(scenario.name): \(a.nodes.count) vs \(b.nodes.count) nodes\n\(text.output)")
            for (x, y) in zip(a.nodes, b.nodes) {
                let context = "\(major) \(scenario.name) node \(x.id)"
                #expect(x.nodeType == y.nodeType, "\(context)")
                #expect(x.title == y.title, "\(context)")
                #expect(x.parentID == y.parentID, "\(context)")
                #expect(x.relationName == y.relationName, "\(context)")
                #expect(x.indexName == y.indexName, "\(context)")
                #expect(x.subplanName == y.subplanName, "\(context)")
                #expect(x.parentRelationshipText == y.parentRelationshipText || x.parentRelationship == .member || x.parentRelationship == .outer, "\(context)")
                #expect(x.totalCost == y.totalCost, "\(context)")
                #expect(x.planRows == y.planRows, "\(context)")
                #expect((x.actualLoops == nil) == (y.actualLoops == nil), "\(context)")
                #expect((x.actualTotalTime == nil) == (y.actualTotalTime == nil), "\(context)")
                // Rows at and under a Gather depend on how many workers launched, which varies
                // with what else runs (tests running at once take the worker slots).
                if !x.nodeType.hasPrefix("Gather") && !a.ancestors(of: x.id).contains(where: { a.nodes[$0].nodeType.hasPrefix("Gather") }) {
                    #expect(x.actualRows == y.actualRows, "\(context)")
                    #expect(x.actualLoops == y.actualLoops, "\(context)")
                }
                #expect(x.hashBatches == y.hashBatches || major >= 0, "\(context)")
                #expect(x.sortSpaceType == y.sortSpaceType || x.parentID != nil, "\(context)")
            }
            #expect((a.planningTime == nil) == (b.planningTime == nil))
            #expect((a.executionTime == nil) == (b.executionTime == nil))
            #expect(a.triggers.map(\.displayName) == b.triggers.map(\.displayName), "\(scenario.name)")
            #expect(a.triggers.map(\.calls) == b.triggers.map(\.calls), "\(scenario.name)")
            // The analysis invariant holds on real plans.
            for plan in [a, b] {
                let analysis = PlanAnalysis(plan: plan)
                if let total = analysis.totalTime, total > 0.05 {
                    let sum = analysis.nodes.compactMap(\.selfTime).reduce(0, +)
                    // EXPLAIN prints per-loop times to the microsecond: a node looped 2000 times
                    // carries up to +-1 ms of rounding, which no analysis can take back.
                    let rounding = plan.nodes.reduce(0) { $0 + 0.0005 * ($1.actualLoops ?? 1) }
                    #expect(abs(sum - total) <= total * 0.01 + rounding, "\(major) \(scenario.name) \(plan.sourceFormat): self times \(sum) vs \(total)\n\(PlanReport.text(plan, analysis))")
                }
            }
        }
    }

    @Test(arguments: TestServers.availableMajors)
    func theBinaryExplainsAndAnalysesAPlanFile(major: Int) throws {
        let server = try TestServers.require(major: major)
        let database = try sharedDatabase(server, major: major)
        let conninfo = server.conninfo(database: database)
        let run = try Binary.run(["explain", "--analyze", "--buffers", "--format", "json",
                                  "SELECT c.region, count(*) FROM orders o JOIN customers c ON c.id = o.customer_id WHERE o.status = 'open' GROUP BY 1", conninfo])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let path = "/tmp/pgtriage-plan-\(UInt32.random(in: 0...UInt32.max)).json"
        defer { unlink(path) }
        try run.stdout.write(toFile: path, atomically: true, encoding: .utf8)
        let printed = try Binary.run(["plan", path, "--print"])
        #expect(printed.status == 0, "stderr: \(printed.stderr)")
        #expect(printed.stdout.contains("Seq Scan on orders"))
        #expect(printed.stdout.contains("Findings"))
        let json = try Binary.run(["plan", path, "--print", "--json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.allSatisfy { $0["self_time_ms"] is Double || $0["self_time_ms"] is Int })
        let refused = try Binary.run(["explain", "VACUUM orders", conninfo])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("transaction block"))
        let text = try Binary.run(["explain", "SELECT * FROM customers WHERE id = 1", conninfo])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Index Scan using customers_pkey on customers"))
    }

    /// The demo's reporting query, explained with ANALYZE on the demo schema: the findings the
    /// browser will show on a real plan (printed for the record).
    @Test(arguments: TestServers.availableMajors)
    func findingsOnTheDemoReportingQuery(major: Int) throws {
        let server = try TestServers.require(major: major)
        let database = try Sessions.makeDatabase(server, prefix: "explaindemo")
        let admin = try Sessions.app(server, database: database)
        try DemoWorkload.createSchema(on: admin, withStatements: false)
        _ = try admin.execute("ANALYZE")
        admin.close()
        let runner = ExplainRunner(target: Sessions.target(server, database: database))
        defer { runner.close() }
        let result = try runner.run(ExplainRequest(sql: DemoWorkload.reportingQuery, analyze: true, buffers: true))
        print("[demo plan, PostgreSQL \(major)]\n" + PlanReport.text(result.plan, result.analysis))
        #expect(!result.analysis.findings.isEmpty)
        #expect(result.analysis.findings.contains { $0.kind == .slowNode })
        // Its filter is the what-if's case: an index on amount, tried where HypoPG is (15 here).
        let whatIf = try #require(try runner.run(ExplainRequest(sql: DemoWorkload.reportingQuery).asWhatIf(.everyScan)).whatIf)
        #expect(whatIf.candidates.map(\.ddl).contains("CREATE INDEX ON public.orders (amount)"), "\(whatIf.candidates.map(\.ddl))")
        if whatIf.hypopg.isInstalled {
            let amount = try #require(whatIf.candidates.first { $0.columns == ["amount"] })
            let before = try #require(whatIf.planCostBefore)
            #expect(amount.used == true && (amount.costAfter ?? .infinity) < before, "cost \(before) -> \(amount.costAfter ?? -1)")
            print("[demo what-if, PostgreSQL \(major)] cost \(before) -> \(amount.costAfter ?? -1)")
        }
        let sum = result.analysis.nodes.compactMap(\.selfTime).reduce(0, +)
        let total = try #require(result.analysis.totalTime)
        #expect(abs(sum - total) <= total * 0.01)
    }

    /// Writes Tests/PGTriageCoreTests/PlanFixtures.swift from real servers when
    /// PGTRIAGE_CAPTURE_PLANS names the output file; otherwise skipped (shown as such). Kept a test,
    /// not a script: it needs ExplainRunner and ExplainSchema, and it checks that every plan it
    /// captured parses before writing the file.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PGTRIAGE_CAPTURE_PLANS"] != nil,
                   "set PGTRIAGE_CAPTURE_PLANS=<output file> to capture plan fixtures"))
    func captureFixtures() throws {
        let output = try #require(ProcessInfo.processInfo.environment["PGTRIAGE_CAPTURE_PLANS"])
        var entries: [(String, String)] = []
        var majors: [Int] = []
        for major in TestServers.availableMajors {
            guard let server = try TestServers.server(major: major) else { continue }
            majors.append(major)
            let database = try ExplainSchema.create(server)
            for scenario in ExplainSchema.scenarios {
                let runner = ExplainRunner(target: ExplainSchema.target(server, database: database, options: scenario.options))
                defer { runner.close() }
                for format in ExplainFormat.allCases {
                    let request = ExplainRequest(sql: scenario.sql, analyze: true, buffers: true, settings: true,
                                                 verbose: scenario.verbose, format: format)
                    entries.append(("pg\(major)_\(scenario.name)_\(format.rawValue)", try runner.run(request).output))
                }
            }
            // psql's own framing, JSON and text.
            let psql = server.installation.tool("psql")
            let psqlPath = FileManager.default.isExecutableFile(atPath: psql) ? psql : "/usr/lib/postgresql/15/bin/psql"
            let join = ExplainSchema.scenarios[0].sql.replacingOccurrences(of: "\n", with: " ")
            for (format, name) in [("JSON", "psql_json"), ("TEXT", "psql_text")] {
                let command = "\(psqlPath) '\(server.conninfo(database: database))' -c \"BEGIN\" -c \"EXPLAIN (ANALYZE, BUFFERS, FORMAT \(format)) \(join)\" -c \"ROLLBACK\" 2>&1 | sed -e '/^BEGIN$/d' -e '/^ROLLBACK$/d'"
                entries.append(("pg\(major)_join-aggregate_\(name)", try Binary.shell(command)))
            }
            // auto_explain in the server log, text and JSON.
            let app = try Sessions.app(server, database: database)
            for format in ["text", "json"] {
                let marker = "pgtriage-capture-\(format)-\(UInt32.random(in: 0...UInt32.max))"
                // Not every build ships auto_explain (pgserver's 16 does not).
                guard (try? app.execute("""
                    LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on;
                    SET auto_explain.log_buffers = on; SET auto_explain.log_format = '\(format)';
                    SET auto_explain.log_nested_statements = off
                    """)) != nil else { continue }
                _ = try app.execute("BEGIN; /* \(marker) */ DELETE FROM orders WHERE id <= 20; ROLLBACK")
                var log = ""
                #expect(Sessions.waitUntil(seconds: 10) {
                    log = (try? String(contentsOfFile: server.logFile, encoding: .utf8)) ?? ""
                    return log.contains(marker)
                }, "PostgreSQL \(major): no auto_explain \(format) entry in \(server.logFile)")
                var lines = log.components(separatedBy: "\n")
                if let start = lines.lastIndex(where: { $0.contains("plan:") && $0.contains("LOG:") }) {
                    lines = Array(lines[start...])
                    if let end = lines.dropFirst().firstIndex(where: { !$0.hasPrefix("\t") }) { lines = Array(lines[..<end]) }
                    entries.append(("pg\(major)_auto-explain_\(format)", lines.joined(separator: "\n")))
                }
            }
            app.close()
        }
        // Every captured plan must read back, or the fixtures would break the core tests: the
        // file is written only then.
        #expect(!majors.isEmpty, "no server to capture from")
        let unreadable = entries.filter { (try? PlanParser.parse($0.1)) == nil }.map(\.0)
        #expect(unreadable.isEmpty, "plans that do not parse: \(unreadable)")
        guard !majors.isEmpty && unreadable.isEmpty else { return }
        var swift = """
            // Plans captured from real servers by ExplainIntegrationTests.captureFixtures
            // (PGTRIAGE_CAPTURE_PLANS=<this file> swift test --filter captureFixtures). Do not edit.

            enum PlanFixtures {
                static let all: [(name: String, text: String)] = [

            """
        for (name, text) in entries {
            swift += "        (\"\(name)\", #\"\"\"\n\(text)\n\"\"\"#),\n"
        }
        swift += "    ]\n\n    static func named(_ name: String) -> String { all.first { $0.name == name }!.text }\n}\n"
        try swift.write(toFile: output, atomically: true, encoding: .utf8)
        print("[captureFixtures] wrote \(entries.count) plans to \(output)")
    }
}

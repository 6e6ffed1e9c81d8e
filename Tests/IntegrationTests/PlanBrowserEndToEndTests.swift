#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
import Synchronization
import Testing

/// The plan browser driven in tmux as a DBA would: from Activity, `e` on a slow running query,
/// the Plan pane, navigation, fold and unfold, a node's detail, `w`; then `pgtriage plan FILE`
/// on the saved plan, offline. Reuses `Tmux` from ConsoleEndToEndTests.swift.
@Suite("Plan browser end to end in tmux", .serialized)
struct PlanBrowserEndToEndTests {
    @Test func explainARunningQueryThenOpenTheSavedPlanOffline() throws {
        guard Binary.shellStatus("command -v tmux") == 0 else { try Test.cancel("tmux is not installed") }
        guard let server = try TestServers.server(major: 15) else { try Test.cancel("PostgreSQL 15 is not available here") }
        let database = try Sessions.makeDatabase(server, prefix: "planbrowser")
        let app = try Sessions.app(server, database: database, name: "slow-report")
        let slow = BlockedStatement(app, "SELECT pg_sleep(60), count(*) FROM generate_series(1, 100000) g JOIN generate_series(1, 1000) h ON h = g")
        defer {
            app.cancelHandle?.cancel()
            slow.finish()
            app.close()
        }
        let pid = app.backendPid

        let tmux = try Tmux()
        defer { tmux.stop() }
        // Started in a folder of the test's own, where `w` writes the plan.
        let command = "cd \(Tmux.quote(tmux.folder)) && exec \(Tmux.quote(Binary.path)) \(Tmux.quote(server.conninfo(database: database))) --refresh 0.5"
        try tmux.start(["sh", "-c", command], environment: ["XDG_STATE_HOME": tmux.folder + "/state"])
        #expect(tmux.waitForScreen(seconds: 15) { $0.contains("pg_sleep(60)") }, "no slow query in Activity:\n\(tmux.screen())")

        // Select it (the filter leaves only its row) and explain it.
        tmux.send("/")
        tmux.send("slow-report")
        tmux.sendKey("Enter")
        #expect(tmux.waitForScreen(seconds: 5) { $0.contains(" \(pid) ") }, "\(tmux.screen())")
        tmux.send("e")
        let planShown = tmux.waitForScreen(seconds: 15) { $0.contains("Plan — pid \(pid) in \(database)") }
        #expect(planShown, "no plan:\n\(tmux.screen())")
        let screen = tmux.screen()
        #expect(screen.contains("plain EXPLAIN (estimates only)"))
        #expect(screen.contains("Aggregate"))
        #expect(screen.contains("Hash Join") || screen.contains("Merge Join") || screen.contains("Nested Loop"), "\(screen)")
        #expect(screen.contains("Function Scan on generate_series g"))
        #expect(screen.contains("NODE"), "\(screen)")

        // Navigate: down to the join, fold it, unfold it.
        tmux.sendKey("Down")
        tmux.sendKey("Left")
        #expect(tmux.waitForScreen(seconds: 5) { $0.contains("1 collapsed") && $0.contains("▸") }, "not folded:\n\(tmux.screen())")
        #expect(!tmux.screen().contains("Function Scan on generate_series g"))
        tmux.sendKey("Right")
        #expect(tmux.waitForScreen(seconds: 5) { $0.contains("Function Scan on generate_series g") && !$0.contains("collapsed") },
                "not unfolded:\n\(tmux.screen())")

        // A node's detail: every property.
        tmux.sendKey("Down")
        tmux.sendKey("Enter")
        #expect(tmux.waitForScreen(seconds: 5) { $0.contains("Properties (as EXPLAIN gave them)") || $0.contains("Analysis") },
                "no detail:\n\(tmux.screen())")
        // The detail's own lines (the header above them keeps refreshing).
        func detailLines(_ screen: String) -> String { screen.split(separator: "\n").dropFirst(4).joined(separator: "\n") }
        let top = detailLines(tmux.screen())
        tmux.sendKey("NPage")
        #expect(tmux.waitForScreen(seconds: 5) { $0.contains("Node Type") || $0.contains("Total Cost") || $0.contains("Plan Width") },
                "no properties:\n\(tmux.screen())")
        // Home and End as tmux sends them under TERM=xterm-256color (ESC [ 1 ~, ESC [ 4 ~).
        tmux.sendKey("Home")
        #expect(tmux.waitForScreen(seconds: 5) { detailLines($0) == top }, "Home did not go back to the top:\n\(tmux.screen())")
        tmux.sendKey("End")
        #expect(tmux.waitForScreen(seconds: 5) { detailLines($0) != top }, "End did not move:\n\(tmux.screen())")
        tmux.sendKey("Escape")
        #expect(tmux.waitForScreen(seconds: 5) { $0.contains("NODE") }, "detail not closed:\n\(tmux.screen())")

        // The rest of the console kept refreshing meanwhile; write the plan.
        tmux.send("w")
        #expect(tmux.waitForScreen(seconds: 5) { $0.contains("plan written to") }, "not written:\n\(tmux.screen())")
        let saved = try FileManager.default.contentsOfDirectory(atPath: tmux.folder).filter { $0.hasSuffix(".json") && $0.hasPrefix("pgtriage-plan-") }
        #expect(saved.count == 1)
        tmux.send("q")
        #expect(tmux.waitForExit(seconds: 5), "console still running after q")
        let file = try #require(saved.first)

        // The saved plan, offline: no server needed.
        let offline = try Tmux()
        defer { offline.stop() }
        try offline.start([Binary.path, "plan", tmux.folder + "/" + file])
        #expect(offline.waitForScreen(seconds: 10) { $0.contains("Plan — file \(file)") && $0.contains("offline: no server") },
                "no offline browser:\n\(offline.screen())")
        #expect(offline.screen().contains("Function Scan on generate_series g"))
        offline.send("/")
        offline.send("generate")
        offline.sendKey("Enter")
        #expect(offline.waitForScreen(seconds: 5) { $0.contains("Plan — search \"generate\" 1/2 · file") }, "\(offline.screen())")
        offline.send("q")
        #expect(offline.waitForExit(seconds: 5), "plan browser still running after q")
    }

    /// The service side the console uses: `explain` answers with `.explainFinished` on the
    /// service's thread, in the request's database; `cancelExplain` stops an ANALYZE at once.
    @Test func serviceExplainsInTheRequestedDatabaseAndCancels() throws {
        guard let server = try TestServers.server(major: 15) else { try Test.cancel("PostgreSQL 15 is not available here") }
        let database = try Sessions.makeDatabase(server, prefix: "planservice")
        let service = SnapshotService(target: Sessions.target(server), readOnly: true, interval: 1, auditLog: nil)
        let results = Mutex<[Result<ExplainResult, ExplainError>]>([])
        service.start { event in
            if case .explainFinished(let result) = event { results.withLock { $0.append(result) } }
        }
        defer { service.stop() }

        service.explain(ExplainRequest(sql: "SELECT current_database(), count(*) FROM pg_class", database: database, buffers: true))
        #expect(Sessions.waitUntil(seconds: 20) { results.withLock { $0.count } == 1 })
        let first = try #require(results.withLock { $0.first })
        let plan = try first.get()
        #expect(plan.request.database == database)
        #expect(plan.plan.nodes.first?.nodeType == "Aggregate")
        #expect(!plan.plan.isAnalyzed)

        service.explain(ExplainRequest(sql: "SELECT pg_sleep(30)", database: database, analyze: true))
        // Cancel once the EXPLAIN runs in its database (the database is the test's own).
        #expect(try Sessions.waitUntilRunning(server, containing: "pg_sleep(30)", database: database),
                "the EXPLAIN never showed as running")
        let asked = MonotonicClock.now()
        service.cancelExplain()
        #expect(Sessions.waitUntil(seconds: 30) { results.withLock { $0.count } == 2 }, "no result after the cancel")
        let second = try #require(results.withLock { $0.last })
        guard case .failure(.cancelled) = second else {
            Issue.record("expected a cancel, got \(second)")
            return
        }
        // The promise: the cancel ends a 30 s ANALYZE; the margin allows for a loaded machine.
        #expect(MonotonicClock.now() - asked < 10)
    }
}

import PGTriageCore
import PGTriageLocalServer
import Testing

@Suite("Service snapshots carry statements and bloat")
struct ServiceSectionsTests {
    /// Each refresh of the console's service has the statements section (or the reason it is
    /// missing, with the fix) and the bloat section; a missing extension never stops the rest.
    @Test(arguments: TestServers.availableMajors)
    func sectionsArriveWithTheSnapshot(major: Int) throws {
        let server = try TestServers.require(major: major)
        let database = try Sessions.makeDatabase(server, prefix: "sections")
        let setup = try Sessions.app(server, database: database)
        if server.installation.hasPgStatStatements {
            _ = try setup.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
        }
        if server.installation.hasPgstattuple {
            _ = try setup.execute("CREATE EXTENSION IF NOT EXISTS pgstattuple")
        }
        _ = try setup.execute("CREATE TABLE churn (id int PRIMARY KEY, v text); INSERT INTO churn SELECT g, 'x' FROM generate_series(1, 1000) g; ANALYZE churn")
        setup.close()

        let events = EventLog()
        let service = SnapshotService(target: Sessions.target(server, database: database), readOnly: true, interval: 0.3, auditLog: nil)
        service.start(events: events.append)
        defer { service.stop() }
        var found: Snapshot?
        for _ in 0..<3 {  // the second snapshot has rates
            guard case .snapshot(let snapshot)? = events.waitFor(seconds: 10, { if case .snapshot = $0 { return true }; return false }) else { break }
            found = snapshot
        }
        let snapshot = try #require(found)
        #expect(!snapshot.activity.isEmpty || snapshot.summary.connections > 0)
        if server.installation.hasPgStatStatements {
            let statements = try #require(snapshot.statements, "unavailable: \(snapshot.unavailable)")
            #expect(!statements.rows.isEmpty)
            #expect(snapshot.unavailable["statements"] == nil)
        } else {
            #expect(snapshot.statements == nil)
            let reason = try #require(snapshot.unavailable["statements"])
            #expect(reason.code == "not_installed")
            #expect(reason.fix?.isEmpty == false)
        }
        let bloat = try #require(snapshot.bloat, "unavailable: \(snapshot.unavailable)")
        let churn = try #require(bloat.relations.first { $0.name == "churn" })

        // The detail views' requests: a statement's whole text, a relation's exact figures.
        if let row = snapshot.statements?.rows.first(where: { !$0.stats.isHidden }) {
            service.fetchStatementText(key: row.stats.key)
            guard case .statementText(let key, let text)? = events.waitFor(seconds: 10, { if case .statementText = $0 { return true }; return false }) else {
                Issue.record("no statement text")
                return
            }
            #expect(key == row.stats.key)
            #expect(text?.hasPrefix(row.stats.query.prefix(20)) == true)
        }
        service.fetchExactBloat(oid: churn.oid)
        let exact = events.waitFor(seconds: 30) {
            if case .exactBloat = $0 { return true }
            if case .exactBloatFailed = $0 { return true }
            return false
        }
        switch exact {
        case .exactBloat(let oid, .success(let figures))?:
            #expect(oid == churn.oid)
            #expect(server.installation.hasPgstattuple)
            if case .table = figures {} else { Issue.record("figures of the wrong kind: \(figures)") }
        case .exactBloat(_, .failure(let reason))?:
            #expect(!server.installation.hasPgstattuple, "pgstattuple is there, yet: \(reason)")
            #expect(reason == .notInstalled, "\(reason)")
        default:
            Issue.record("no exact bloat answer: \(String(describing: exact))")
        }
        // Only what the screen shows is read: with both panes hidden, neither section comes.
        service.setScope(SnapshotScope(statements: false, bloat: false))
        // Snapshots read before the change may still be queued: wait for the first without
        // sections, then the next must have none either.
        let withoutSections = events.waitFor(seconds: 15) {
            if case .snapshot(let next) = $0 { return next.statements == nil && next.bloat == nil }
            return false
        }
        #expect(withoutSections != nil)
        let following = events.waitFor(seconds: 10) { if case .snapshot = $0 { return true }; return false }
        guard case .snapshot(let next)? = following else {
            Issue.record("no snapshot after the change")
            return
        }
        #expect(next.statements == nil && next.bloat == nil)
    }
}

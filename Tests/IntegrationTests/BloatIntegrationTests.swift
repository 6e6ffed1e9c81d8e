#if canImport(Glibc)
import Glibc
#endif
import Foundation
import PGTriageCore
import PGTriageLocalServer
import Synchronization
import Testing

/// The bloat estimate, dead tuples, vacuum times and exact figures on every server the harness
/// can start. Tolerance of estimate against pgstattuple: 10 percentage points (the estimate
/// counts alignment padding that pgstattuple's lengths leave out; docs/bloat.md).
@Suite("Bloat against real servers")
struct BloatIntegrationTests {
    static let tolerancePoints = 10.0

    func monitor(_ server: LocalServer, database: String, user: String = "postgres") throws -> PGConnection {
        try PGConnection(target: Sessions.target(server, database: database, user: user), role: .monitor)
    }

    func read(_ connection: PGConnection) throws -> BloatSection {
        let result = try BloatReader().read(connection)
        return try #require(result.value, "\(result.reason?.summary ?? "")")
    }

    func relation(_ section: BloatSection, _ name: String) -> RelationBloat? {
        section.relations.first { $0.schema == "public" && $0.name == name }
    }

    @Test(arguments: TestServers.availableMajors)
    func churnedTableShowsDeadTuplesAndBloatAndANeverAnalysedOneHasNoNumbers(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Sessions.makeDatabase(server, prefix: "bloat_churn")
        let app = try Sessions.app(server, database: db)
        _ = try app.execute("""
            CREATE TABLE churn (id bigint PRIMARY KEY, n int, payload text) WITH (autovacuum_enabled = off);
            INSERT INTO churn SELECT g, 0, repeat('p', 50) FROM generate_series(1, 20000) g;
            UPDATE churn SET n = n + 1;
            UPDATE churn SET n = n + 1;
            ANALYZE churn;
            CREATE TABLE never (id int, note text) WITH (autovacuum_enabled = off);
            INSERT INTO never SELECT g, 'n' FROM generate_series(1, 5000) g;
            """)
        _ = try app.execute("VACUUM never")  // VACUUM may not run in a multi-statement string
        // A backend sends its pending table counters when idle for a while or when it exits.
        app.close()
        let connection = try monitor(server, database: db)
        var section = try read(connection)
        // Dead-tuple counts reach the statistics system within about a second.
        _ = try Sessions.waitUntil(seconds: 10) {
            section = try read(connection)
            return (relation(section, "churn")?.deadTuples ?? 0) > 0
        }
        let churn = try #require(relation(section, "churn"))
        #expect(churn.status == .estimated)
        #expect((churn.deadTuples ?? 0) > 1000, "n_dead_tup \(churn.deadTuples ?? -1)")
        #expect((churn.deadRatio ?? 0) > 0.1)
        #expect((churn.bloatBytes ?? 0) > 0)
        // Three versions of every row, one live (less what page pruning reclaimed on the way).
        #expect((churn.bloatPercent ?? 0) > 20, "estimate \(churn.bloatPercent ?? -1) %")
        #expect(churn.lastAnalyze != nil)
        #expect(churn.lastVacuumAny == nil)
        #expect(churn.sizeBytes > 0 && churn.sizeBytes % 8192 == 0)
        let pkey = try #require(section.relations.first { $0.name == "churn_pkey" })
        #expect(pkey.kind == .index && pkey.table == "churn" && pkey.status == .estimated)

        let never = try #require(relation(section, "never"))
        #expect(never.status == .noStatistics)
        #expect(never.bloatBytes == nil && never.bloatPercent == nil && never.expectedBytes == nil)
        #expect(never.sizeBytes > 0)
        #expect(never.lastVacuum != nil)

        // Sorted by wasted bytes; the JSON keeps nulls for the never-analysed table.
        let wasted = section.relations.compactMap(\.bloatBytes)
        #expect(wasted == wasted.sorted(by: >))
        var snapshot = try { () throws -> Snapshot in
            var reader = SnapshotReader(info: try SnapshotReader.readServerInfo(connection))
            return try reader.read(connection)
        }()
        snapshot.setBloat(.available(section))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try snapshot.json(target: "t", top: 1000).encoded().utf8)) as? [String: Any])
        let rows = try #require(object["bloat"] as? [[String: Any]])
        let neverJSON = try #require(rows.first { $0["name"] as? String == "never" })
        #expect(neverJSON["status"] as? String == "no_statistics")
        #expect(neverJSON["bloat_pct"] is NSNull)
        #expect((object["bloat_info"] as? [String: Any])?["database"] as? String == db)
    }

    /// The issue's accuracy check: a table with about 70 % of its rows deleted evenly, and a
    /// freshly loaded one, against pgstattuple where the server ships it (15 and 18).
    @Test(arguments: TestServers.availableMajors)
    func estimateAgainstExactFigures(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Sessions.makeDatabase(server, prefix: "bloat_exact")
        let app = try Sessions.app(server, database: db)
        _ = try app.execute("""
            CREATE TABLE holes (id bigint PRIMARY KEY, v int, payload text) WITH (autovacuum_enabled = off);
            INSERT INTO holes SELECT g, g % 100, repeat('x', 60) FROM generate_series(1, 100000) g;
            DELETE FROM holes WHERE id % 10 < 7;
            ANALYZE holes;
            CREATE TABLE fresh (id bigint, a int, b text, c timestamptz) WITH (autovacuum_enabled = off);
            INSERT INTO fresh SELECT g, g, md5(g::text), now() FROM generate_series(1, 50000) g;
            CREATE INDEX fresh_a ON fresh (a);
            ANALYZE fresh;
            """)
        let connection = try monitor(server, database: db)
        var section = try read(connection)
        let holes = try #require(relation(section, "holes"))
        let fresh = try #require(relation(section, "fresh"))
        let freshIndex = try #require(relation(section, "fresh_a"))
        #expect(abs((holes.bloatPercent ?? 0) - 70) < Self.tolerancePoints, "holes estimate \(holes.bloatPercent ?? -1) %")
        #expect((fresh.bloatPercent ?? 100) < 5, "fresh estimate \(fresh.bloatPercent ?? -1) %")
        #expect((freshIndex.bloatPercent ?? 100) < 5, "fresh index estimate \(freshIndex.bloatPercent ?? -1) %")

        // Exact figures: where pgstattuple is not installed (16 here), a clear reason.
        let exactAvailable = server.installation.hasPgstattuple
        let before = try BloatReader.exact(oid: holes.oid, on: connection)
        guard exactAvailable else {
            guard case .failure(let reason) = before else { Issue.record("pgstattuple should be missing"); return }
            #expect(reason == .notInstalled)
            #expect(reason.summary.contains("CREATE EXTENSION pgstattuple"))
            return
        }
        guard case .failure(.notCreated(let where_)) = before else { Issue.record("expected notCreated, got \(before)"); return }
        #expect(where_ == db)
        #expect(ExactBloatUnavailable.notCreated(database: db).fix == "CREATE EXTENSION pgstattuple; in database \(db)")
        _ = try app.execute("CREATE EXTENSION pgstattuple")

        guard case .success(.table(let exactHoles)) = try BloatReader.exact(oid: holes.oid, on: connection) else {
            Issue.record("no exact figures for holes"); return
        }
        let exactPercent = exactHoles.wastedPercent(fillfactor: holes.fillfactor)
        print("[bloat] PostgreSQL \(major) holes: estimate \(fmt(holes.bloatPercent)) %, pgstattuple_approx \(fmt(exactPercent)) %")
        #expect(abs((holes.bloatPercent ?? 0) - exactPercent) < Self.tolerancePoints)
        #expect(exactHoles.tableBytes == holes.sizeBytes)
        guard case .success(.table(let exactFresh)) = try BloatReader.exact(oid: fresh.oid, on: connection) else {
            Issue.record("no exact figures for fresh"); return
        }
        print("[bloat] PostgreSQL \(major) fresh: estimate \(fmt(fresh.bloatPercent)) %, pgstattuple_approx \(fmt(exactFresh.wastedPercent())) %")
        #expect(exactFresh.wastedPercent() < 5)

        // A btree index after the deletes are vacuumed away: leaves about 30 % full.
        _ = try app.execute("VACUUM holes")
        _ = try app.execute("ANALYZE holes")
        section = try read(connection)
        let pkey = try #require(relation(section, "holes_pkey"))
        guard case .success(.index(let exactIndex)) = try BloatReader.exact(oid: pkey.oid, on: connection) else {
            Issue.record("no exact figures for holes_pkey"); return
        }
        let exactIndexPercent = exactIndex.wastedPercent(fillfactor: pkey.fillfactor)
        print("[bloat] PostgreSQL \(major) holes_pkey: estimate \(fmt(pkey.bloatPercent)) %, pgstatindex \(fmt(exactIndexPercent)) % (leaf density \(exactIndex.averageLeafDensity) %)")
        #expect(abs((pkey.bloatPercent ?? 0) - exactIndexPercent) < Self.tolerancePoints)
        #expect(abs((pkey.bloatPercent ?? 0) - 70) < Self.tolerancePoints)
        guard case .success(.index(let exactFreshIndex)) = try BloatReader.exact(oid: freshIndex.oid, on: connection) else {
            Issue.record("no exact figures for fresh_a"); return
        }
        #expect(exactFreshIndex.wastedPercent() < 5)

        // After VACUUM the table's dead space is free space: still about 70 %.
        let vacuumedHoles = try #require(relation(section, "holes"))
        guard case .success(.table(let exactVacuumed)) = try BloatReader.exact(oid: vacuumedHoles.oid, on: connection) else {
            Issue.record("no exact figures for vacuumed holes"); return
        }
        #expect(abs((vacuumedHoles.bloatPercent ?? 0) - exactVacuumed.wastedPercent()) < Self.tolerancePoints)
        #expect(vacuumedHoles.lastVacuum != nil)

        // Not a table or btree index: said so.
        _ = try app.execute("CREATE INDEX fresh_hash ON fresh USING hash (a)")
        let hashOid = try #require(try connection.query("SELECT 'fresh_hash'::regclass::oid AS oid").first?.int64("oid"))
        guard case .failure(.unsupportedRelation) = try BloatReader.exact(oid: UInt32(hashOid), on: connection) else {
            Issue.record("a hash index should be refused"); return
        }
        // The session's statement_timeout is back to its setting.
        #expect(try connection.query("SELECT current_setting('statement_timeout') AS st").first?.string("st") == "5s")

        // A role without pg_stat_scan_tables: the GRANT to run.
        let role = "bloat_plain_\(UInt32.random(in: 0...UInt32.max))"
        _ = try app.execute("CREATE ROLE \(role) LOGIN")
        let plain = try monitor(server, database: db, user: role)
        guard case .failure(let denied) = try BloatReader.exact(oid: holes.oid, on: plain) else {
            Issue.record("a plain role should be refused"); return
        }
        #expect(denied == .noPrivilege(role: role))
        #expect(denied.fix == "GRANT pg_stat_scan_tables TO \(role)")
        // ...and sees no statistics of a table it may not read: flagged, not estimated.
        let hidden = try read(plain)
        #expect(relation(hidden, "holes")?.status == .statisticsHidden)
        #expect(hidden.limitation?.contains(role) == true)
    }

    @Test(arguments: TestServers.availableMajors)
    func exactFiguresAreTimeLimitedAndCancellable(major: Int) throws {
        let server = try TestServers.require(major: major)
        guard server.installation.hasPgstattuple else {
            try TestServers.skip("PostgreSQL \(major) here ships no pgstattuple (\(server.installation))")
        }
        let db = try Sessions.makeDatabase(server, prefix: "bloat_cancel")
        let app = try Sessions.app(server, database: db)
        _ = try app.execute("""
            CREATE EXTENSION pgstattuple;
            CREATE TABLE big (id bigint, payload text) WITH (autovacuum_enabled = off);
            INSERT INTO big SELECT g, repeat('z', 200) FROM generate_series(1, 400000) g;
            """)
        let oid = try #require(try app.query("SELECT 'big'::regclass::oid AS oid").first?.int64("oid"))
        // A tiny timeout: the server cuts it (57014) and the session's own timeout is restored.
        let connection = try monitor(server, database: db)
        let error = #expect(throws: PGError.self) { try BloatReader.exact(oid: UInt32(oid), on: connection, timeoutSeconds: 0.001) }
        #expect(error?.isQueryCanceled == true)
        #expect(try connection.query("SELECT current_setting('statement_timeout') AS st").first?.string("st") == "5s")

        // Behind an ACCESS EXCLUSIVE lock: our session's lock_timeout (500 ms) gives up at once.
        let locker = try Sessions.app(server, database: db)
        _ = try locker.execute("BEGIN; LOCK TABLE big IN ACCESS EXCLUSIVE MODE")
        let started = MonotonicClock.now()
        let lockError = #expect(throws: PGError.self) { try BloatReader.exact(oid: UInt32(oid), on: connection, timeoutSeconds: 30) }
        #expect(lockError?.isLockTimeout == true)
        // Given up by the 500 ms lock_timeout, not by the 30 s statement timeout; the margin
        // allows for a loaded machine.
        #expect(MonotonicClock.now() - started < 10)
        // A session without lock_timeout waits; a cancel from another thread ends it.
        let patient = try Sessions.app(server, database: db)
        let cancel = try #require(patient.cancelHandle)
        let run = ExactRun(patient, oid: UInt32(oid))
        #expect(try Sessions.waitUntil(seconds: 20) { try BlockingChain.isWaiting(patient.backendPid, via: connection) },
                "it should wait for the lock")
        #expect(!run.isFinished, "it should still wait for the lock")
        cancel.cancel()
        guard case .failure(let cancelled) = run.finish() else {
            Issue.record("expected a cancelled exact read"); return
        }
        #expect(cancelled.kind == .cancelled)
        _ = try locker.execute("ROLLBACK")
        // The cancelled session is usable and its statement_timeout restored (0: Sessions.app's).
        #expect(try patient.query("SELECT current_setting('statement_timeout') AS st").first?.string("st") == "0")
    }

    @Test(arguments: TestServers.availableMajors)
    func aRunningVacuumShowsItsProgress(major: Int) throws {
        let server = try TestServers.require(major: major)
        let db = try Sessions.makeDatabase(server, prefix: "bloat_vacuum")
        let app = try Sessions.app(server, database: db)
        _ = try app.execute("""
            CREATE TABLE slow (id bigint, payload text) WITH (autovacuum_enabled = off);
            INSERT INTO slow SELECT g, repeat('v', 100) FROM generate_series(1, 200000) g;
            DELETE FROM slow WHERE id % 2 = 0;
            ANALYZE slow;
            """)
        // Throttled so it runs long enough to be seen.
        let vacuumSession = try Sessions.app(server, database: db)
        _ = try vacuumSession.execute("SET vacuum_cost_delay = '20ms'; SET vacuum_cost_limit = 10")
        let vacuum = BlockedStatement(vacuumSession, "VACUUM slow")
        let connection = try monitor(server, database: db)
        var seen: VacuumProgress?
        var slow: RelationBloat?
        _ = try Sessions.waitUntil(seconds: 10) {
            let section = try read(connection)
            seen = section.vacuums.first
            slow = relation(section, "slow")
            return seen != nil && slow?.vacuum != nil
        }
        let progress = try #require(seen, "no vacuum in pg_stat_progress_vacuum")
        #expect(!progress.phase.isEmpty)
        #expect(slow?.vacuum?.pid == progress.pid)
        #expect((slow?.vacuum?.heapBlocksTotal ?? 0) > 0)
        _ = try app.query("SELECT pg_cancel_backend($1::int)", ["\(progress.pid)"])
        vacuum.finish()
    }
}

private func fmt(_ value: Double?) -> String {
    guard let value else { return "null" }
    return String(format: "%.1f", value)
}

/// `BloatReader.exact` on a thread of its own, so the test can cancel it.
private final class ExactRun: @unchecked Sendable {
    private let outcome = Mutex<Result<Result<ExactBloat, ExactBloatUnavailable>, PGError>?>(nil)
    private var thread: WorkerThread?
    let connection: PGConnection
    let oid: UInt32

    init(_ connection: PGConnection, oid: UInt32) {
        self.connection = connection
        self.oid = oid
        thread = WorkerThread { [self] in
            let result: Result<Result<ExactBloat, ExactBloatUnavailable>, PGError>
            do {
                result = .success(try BloatReader.exact(oid: self.oid, on: self.connection, timeoutSeconds: 30))
            } catch {
                result = .failure((error as? PGError) ?? PGError(kind: .server, message: "\(error)"))
            }
            outcome.withLock { $0 = result }
        }
    }

    var isFinished: Bool { outcome.withLock { $0 != nil } }

    func finish() -> Result<Result<ExactBloat, ExactBloatUnavailable>, PGError> {
        thread?.join()
        return outcome.withLock { $0! }
    }
}

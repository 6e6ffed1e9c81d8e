import Foundation
import PGTriageCore
import PGTriageLocalServer
import Testing

/// What the first frame waits for on the wire: each round trip is a wake-up of a backend among
/// thousands (docs/performance.md, "The first frame at 10 000 backends").
@Suite("The first frame's round trips")
struct FirstFrameTests {
    /// The session settings and the server info go in one flight; the first refresh in one more
    /// (sent whole, not prepared first); pg_locks only when someone waits on a lock. Before:
    /// settings, server info, prepare and execute were four.
    @Test func theFirstSnapshotTakesTwoRoundTripsFromTheConnection() throws {
        let server = try TestServers.require(major: 15)
        let probe = try PGConnection(target: Sessions.target(server), role: .monitor, openingQuery: Catalog.serverInfo)
        #expect(probe.roundTrips == 1, "settings and server info in one flight")
        let events = EventLog()
        let service = SnapshotService(target: Sessions.target(server), readOnly: true, interval: 30, auditLog: nil, connection: probe)
        service.setScope(SnapshotScope(idleSessions: false, statements: false, bloat: false))
        service.start(events: events.append)
        let first = events.waitFor(seconds: 10) { if case .snapshot = $0 { return true }; return false }
        // Joins the monitoring thread: its counter is read after its last write.
        service.stop()
        guard case .snapshot(let snapshot)? = first else {
            Issue.record("no snapshot")
            return
        }
        // Other suites may leave a session waiting on a lock on this shared server meanwhile.
        let lockRead = snapshot.activity.contains { $0.isWaitingOnLock } ? 1 : 0
        #expect(probe.roundTrips == 2 + lockRead)
        #expect(snapshot.info.versionNum / 10_000 == 15, "the server info came from the opening flight")
    }

    /// A statement run by name: sent whole the first time (one round trip), prepared the second
    /// (two), then run prepared (one each).
    @Test(arguments: TestServers.availableMajors)
    func aNamedStatementIsPreparedOnItsSecondRun(major: Int) throws {
        let server = try TestServers.require(major: major)
        let connection = try PGConnection(target: Sessions.target(server), role: .monitor)
        defer { connection.close() }
        let sql = "SELECT $1::int + 1 AS next"
        func prepared() throws -> Int {
            try connection.query("SELECT count(*) AS n FROM pg_prepared_statements WHERE name = 'first_frame_probe'").first?.int("n") ?? -1
        }
        var trips = connection.roundTrips
        #expect(try connection.queryPrepared("first_frame_probe", sql, ["1"]).first?.int("next") == 2)
        #expect(connection.roundTrips == trips + 1)
        #expect(try prepared() == 0)
        trips = connection.roundTrips
        #expect(try connection.queryPrepared("first_frame_probe", sql, ["2"]).first?.int("next") == 3)
        #expect(connection.roundTrips == trips + 2)
        #expect(try prepared() == 1)
        trips = connection.roundTrips
        #expect(try connection.queryPrepared("first_frame_probe", sql, ["3"]).first?.int("next") == 4)
        #expect(connection.roundTrips == trips + 1)
    }

    /// The opening query runs after the settings, under them: the timeouts, the read-only
    /// transaction, the formats; no query of ours runs before them.
    @Test(arguments: TestServers.availableMajors)
    func theOpeningQueryRunsUnderTheSessionSettings(major: Int) throws {
        let server = try TestServers.require(major: major)
        let settingsSQL = """
            SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS st,
                   current_setting('lock_timeout') AS lt, current_setting('idle_in_transaction_session_timeout') AS it,
                   current_setting('default_transaction_read_only') AS ro, current_setting('transaction_read_only') AS xro,
                   current_setting('TimeZone') AS tz, current_setting('DateStyle') AS ds
            """
        let monitor = try PGConnection(target: Sessions.target(server), role: .monitor, openingQuery: settingsSQL)
        defer { monitor.close() }
        let row = try #require(monitor.takeOpeningResult(of: settingsSQL)?.first)
        #expect(try row.string("app") == "pgtriage")
        #expect(try row.string("st") == "5s")
        #expect(try row.string("lt") == "500ms")
        #expect(try row.string("it") == "1min")
        #expect(try row.string("ro") == "on")
        #expect(try row.string("xro") == "on", "the opening query's own transaction is read-only")
        #expect(try row.string("tz") == "UTC")
        #expect(try row.string("ds") == "ISO, YMD")
        #expect(monitor.takeOpeningResult(of: settingsSQL) == nil, "taken once")
        // The settings stay after the flight's implicit transaction.
        #expect(try monitor.query("SELECT current_setting('statement_timeout') AS st").first?.string("st") == "5s")

        // A write in the opening query is refused, and the connection is not opened half set.
        let write = #expect(throws: PGError.self) {
            try PGConnection(target: Sessions.target(server), role: .monitor, openingQuery: "CREATE TABLE first_frame_must_not_exist (id int)")
        }
        #expect(write?.sqlState == "25006")  // read_only_sql_transaction

        // The statement timeout is armed for the opening query.
        var settings = SessionSettings.forRole(.monitor)
        settings.statementTimeoutMs = 200
        let started = MonotonicClock.now()
        let slow = #expect(throws: PGError.self) {
            try PGConnection(target: Sessions.target(server), role: .monitor, settings: settings, openingQuery: "SELECT pg_sleep(5)")
        }
        #expect(slow?.sqlState == "57014")  // query_canceled (statement timeout)
        #expect(MonotonicClock.now() - started < 4)
    }

    /// The Activity pane's first rows, read without pg_stat_activity's scan of the process array
    /// per backend: the backends in a transaction, oldest query first, each row whole as the
    /// refresh reads it; idle sessions, our own and the excluded pids never.
    @Test(arguments: TestServers.availableMajors)
    func theFirstRowsAreTheOldestQueriesInATransactionAsTheRefreshReadsThem(major: Int) throws {
        let server = try TestServers.require(major: major)
        var sessions: [String: PGConnection] = [:]
        defer { sessions.values.forEach { $0.close() } }
        for name in ["first-rows-older", "first-rows-newer"] {
            let session = try Sessions.app(server, name: name)
            _ = try session.execute("BEGIN")
            _ = try session.execute("SELECT 1 /* \(name) */")
            sessions[name] = session
        }
        let idle = try Sessions.app(server, name: "first-rows-idle")
        _ = try idle.execute("SELECT 1")
        sessions["first-rows-idle"] = idle

        let monitor = try PGConnection(target: Sessions.target(server), role: .monitor)
        defer { monitor.close() }
        var reader = SnapshotReader(info: try SnapshotReader.readServerInfo(monitor))
        let first = try #require(try reader.readFirstRows(monitor, limit: 10_000))
        let mine = first.activity.filter { $0.application.hasPrefix("first-rows-") }
        #expect(Set(mine.map(\.application)) == ["first-rows-older", "first-rows-newer"])
        #expect(first.activity.allSatisfy { $0.xactStart != nil }, "only backends in a transaction")
        #expect(!first.activity.contains { $0.pid == monitor.backendPid }, "never our own")
        #expect(first.backendCount >= 3 && first.backendCount < 1000)
        #expect(first.summary.maxConnections > 0)

        // Each row as the refresh reads it (its list, idle sessions included, at the same time).
        let full = try reader.read(monitor, scope: SnapshotScope(idleSessions: true, statements: false, bloat: false, lockWaits: false))
        for row in mine {
            #expect(full.backend(pid: row.pid) == row, "\(row.application)")
        }

        // Oldest query first: the first row started no later than the older session's.
        let older = try #require(mine.first { $0.application == "first-rows-older" })
        let one = try #require(try reader.readFirstRows(monitor, limit: 1))
        #expect(one.activity.count == 1)
        #expect(try #require(one.activity.first?.queryStart) <= (try #require(older.queryStart)))

        let olderPid = try #require(sessions["first-rows-older"]).backendPid
        let without = try #require(try reader.readFirstRows(monitor, excluding: [olderPid], limit: 10_000))
        #expect(!without.activity.contains { $0.pid == olderPid })
    }

    /// The console's service sends the first rows once, ahead of its first snapshot; a service
    /// not asked for them (API users, `snapshot`, `record`) never does.
    @Test func theServiceSendsTheFirstRowsOnceAheadOfTheFirstSnapshot() throws {
        let server = try TestServers.require(major: 15)
        let session = try Sessions.app(server, name: "first-rows-service")
        defer { session.close() }
        _ = try session.execute("BEGIN")
        _ = try session.execute("SELECT 1")
        let activityPane = SnapshotScope(idleSessions: false, statements: false, bloat: false, lockWaits: false)

        for firstRows in [5, 0] {
            let events = EventLog()
            let service = SnapshotService(target: Sessions.target(server), readOnly: true, interval: 30, auditLog: nil, firstRows: firstRows)
            service.setScope(activityPane)
            service.start(events: events.append)
            defer { service.stop() }
            let early = events.waitFor(seconds: 10) {
                switch $0 {
                case .firstRows, .snapshot: return true
                default: return false
                }
            }
            if firstRows > 0 {
                guard case .firstRows(let rows)? = early else {
                    Issue.record("no first rows ahead of the snapshot: \(String(describing: early))")
                    continue
                }
                #expect(rows.activity.count <= firstRows && !rows.activity.isEmpty)
                #expect(events.waitFor(seconds: 10) { if case .snapshot = $0 { return true }; return false } != nil)
            } else {
                guard case .snapshot? = early else {
                    Issue.record("first rows from a service not asked for them")
                    continue
                }
            }
            service.refreshNow()
            let next = events.waitFor(seconds: 10) {
                switch $0 {
                case .firstRows, .snapshot: return true
                default: return false
                }
            }
            guard case .snapshot? = next else {
                Issue.record("the second refresh: \(String(describing: next))")
                continue
            }
        }
    }
}

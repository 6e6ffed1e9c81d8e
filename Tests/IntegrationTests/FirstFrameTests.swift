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
}

#if canImport(Glibc)
import Glibc
#endif
import PGTriageCore
import PGTriageLocalServer
import Synchronization
import Testing

/// Helpers for tests that drive real sessions against a real server.
enum Sessions {
    /// A connection that behaves like an application's: writes allowed, no timeouts.
    static func app(_ server: LocalServer, database: String = "postgres", user: String = "postgres", name: String = "test-app") throws -> PGConnection {
        try PGConnection(target: target(server, database: database, user: user), role: .explain, settings: .application(name))
    }

    static func target(_ server: LocalServer, database: String = "postgres", user: String = "postgres") -> ConnectionTarget {
        ConnectionTarget(conninfo: server.conninfo(database: database, user: user))
    }

    /// A fresh database of the test's own, so tests running at once never share tables.
    static func makeDatabase(_ server: LocalServer, prefix: String) throws -> String {
        let name = "\(prefix)_\(UInt32.random(in: 0...UInt32.max))"
        let admin = try app(server)
        _ = try admin.execute("CREATE DATABASE \(name)")
        admin.close()
        return name
    }

    /// Polls `condition` every 50 ms for up to `seconds`; true once it holds.
    /// Leaves an invalid index, as a failed `CREATE UNIQUE INDEX CONCURRENTLY` on duplicate
    /// values does (`create` must be one; CONCURRENTLY may not run in a multi-statement string).
    static func plantInvalidIndex(_ app: PGConnection, _ create: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        do {
            _ = try app.execute(create)
            Issue.record("the unique build on duplicates succeeded: \(create)", sourceLocation: sourceLocation)
        } catch let error as PGError {
            #expect(error.sqlState == "23505", "\(error)", sourceLocation: sourceLocation)
        }
    }

    static func waitUntil(seconds: Double, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = MonotonicClock.now() + seconds
        while MonotonicClock.now() < deadline {
            if try condition() { return true }
            usleep(50_000)
        }
        return try condition()
    }

    /// Polls pg_stat_activity (from a session of its own) for up to `seconds` until a backend
    /// runs a statement containing `text`: backend `pid` if given, else any in `database`. A
    /// cancel sent before that could hit an idle session and be lost.
    static func waitUntilRunning(_ server: LocalServer, containing text: String, pid: Int32? = nil,
                                 database: String? = nil, seconds: Double = 20) throws -> Bool {
        let probe = try PGConnection(target: target(server), role: .monitor)
        defer { probe.close() }
        return try waitUntil(seconds: seconds) {
            let rows = try probe.query("""
                SELECT count(*) AS n FROM pg_stat_activity
                WHERE state = 'active' AND position($1 in query) > 0 AND pid <> pg_backend_pid()
                  AND ($2::int IS NULL OR pid = $2::int) AND ($3::text IS NULL OR datname = $3::text)
                """, [text, pid.map { "\($0)" }, database])
            return (try rows.first?.int("n") ?? 0) > 0
        }
    }
}

/// Runs a statement that is expected to block, on a thread of its own; `finish()` waits for it
/// and returns what it got.
final class BlockedStatement: @unchecked Sendable {
    private let outcome = Mutex<Result<QueryResult, PGError>?>(nil)
    private var thread: WorkerThread?
    let connection: PGConnection

    init(_ connection: PGConnection, _ sql: String) {
        self.connection = connection
        thread = WorkerThread { [self] in
            let result: Result<QueryResult, PGError>
            do {
                result = .success(try self.connection.execute(sql).last ?? QueryResult(columns: [], rows: []))
            } catch {
                result = .failure((error as? PGError) ?? PGError(kind: .server, message: "\(error)"))
            }
            outcome.withLock { $0 = result }
        }
    }

    var isFinished: Bool { outcome.withLock { $0 != nil } }

    @discardableResult
    func finish() -> Result<QueryResult, PGError> {
        thread?.join()
        return outcome.withLock { $0! }
    }
}

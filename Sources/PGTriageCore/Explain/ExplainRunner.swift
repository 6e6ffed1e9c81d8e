/// What went wrong with an EXPLAIN, in one typed value a UI can turn into a message.
public enum ExplainError: Error, Sendable, CustomStringConvertible {
    /// The safety rules said no (nothing was sent).
    case refused(ExplainRefusal)
    /// Cancelled on request (the transaction was rolled back).
    case cancelled
    /// The server (or the connection) failed.
    case server(PGError)
    /// The server's output could not be read as a plan (a bug: please report it).
    case unreadable(PlanParseError)

    public var description: String {
        switch self {
        case .refused(let refusal): return refusal.message
        case .cancelled: return "EXPLAIN cancelled (rolled back)"
        case .server(let error): return error.description
        case .unreadable(let error): return "could not read the plan the server returned: \(error)"
        }
    }
}

/// A finished EXPLAIN: the server's output as it came, and the plan read and analysed.
public struct ExplainResult: Sendable {
    public var request: ExplainRequest
    /// What was sent (without the bind values).
    public var statement: String
    public var usedGenericPlan: Bool
    public var serverVersion: Int
    /// The server's output: the JSON document, or the text lines joined with newlines.
    public var output: String
    public var plan: Plan
    public var analysis: PlanAnalysis
    /// Wall time of the round trips, seconds.
    public var elapsed: Double
    /// The index what-if's findings, when the request asked for one (`ExplainRequest.whatIf`).
    public var whatIf: IndexWhatIfReport? = nil
    /// The plans after the first, when the statement made several (a rule adds statements).
    public var otherPlans: [Plan] = []
}

/// Runs EXPLAINs on a connection of its own (role `.explain`: lock_timeout 500 ms, never the
/// monitoring session), following docs/explain.md:
/// - every EXPLAIN runs inside a transaction that is always rolled back (`BEGIN READ ONLY` for
///   plain EXPLAIN, `BEGIN` for ANALYZE), with its own `statement_timeout` set LOCAL;
/// - the statement goes through the extended protocol, which takes exactly one statement, so a
///   `; COMMIT` smuggled past the checks is a server error, not a commit;
/// - `cancel()` may be called from any thread while `run` blocks.
///
/// Blocking: call `run` on a thread of its own (never a Swift concurrency task), or use `start`,
/// which does that and calls back with the result. One EXPLAIN at a time per runner.
public final class ExplainRunner: @unchecked Sendable {
    public let target: ConnectionTarget
    private let settings: SessionSettings
    private let state = WaitCondition()
    private var connection: PGConnection?
    private var connectedDatabase: String?
    private var cancelHandle: PGCancelHandle?
    private var busy = false
    private var cancelRequested = false
    private var thread: WorkerThread?

    /// Told each new session's backend pid, so the console can hide and protect its own sessions.
    private let onConnect: (@Sendable (Int32) -> Void)?

    public init(
        target: ConnectionTarget, settings: SessionSettings = .forRole(.explain),
        onConnect: (@Sendable (Int32) -> Void)? = nil
    ) {
        self.target = target
        self.settings = settings
        self.onConnect = onConnect
    }

    deinit {
        thread?.join()
    }

    /// Runs one EXPLAIN and returns its plan. Blocks until done, cancelled or timed out.
    public func run(_ request: ExplainRequest) throws(ExplainError) -> ExplainResult {
        let claimed = state.withLock {
            if busy { return false }
            busy = true
            cancelRequested = false
            return true
        }
        guard claimed else { throw .refused(ExplainRefusal(.busy, "an EXPLAIN is already running on this connection")) }
        defer { state.withLock { busy = false; cancelHandle = nil } }
        do {
            return try runClaimed(request)
        } catch let error as ExplainError {
            throw error
        } catch let error as ExplainRefusal {
            throw .refused(error)
        } catch let error as PGError {
            throw error.kind == .cancelled ? .cancelled : .server(error)
        } catch let error as PlanParseError {
            throw .unreadable(error)
        } catch {
            throw .server(PGError(kind: .server, message: "\(error)"))
        }
    }

    /// Runs `request` on a thread of its own and calls `completion` there when done.
    /// A UI posts the result to its own loop; `cancel()` stops it early.
    public func start(_ request: ExplainRequest, completion: @escaping @Sendable (Result<ExplainResult, ExplainError>) -> Void) {
        let previous = state.withLock { () -> WorkerThread? in
            let old = thread
            thread = nil
            return old
        }
        previous?.join()
        let worker = WorkerThread { [weak self] in
            guard let self else { return completion(.failure(.cancelled)) }
            do throws(ExplainError) {
                completion(.success(try self.run(request)))
            } catch {
                completion(.failure(error))
            }
        }
        state.withLock { thread = worker }
    }

    /// Asks the server to cancel the running EXPLAIN (from any thread). False if none runs.
    @discardableResult
    public func cancel() -> Bool {
        let handle: PGCancelHandle? = state.withLock {
            guard busy else { return nil }
            cancelRequested = true
            return cancelHandle
        }
        guard let handle else { return false }
        handle.cancel()
        return true
    }

    /// Closes the connection (the next run opens a new one). Does nothing while an EXPLAIN runs.
    public func close() {
        state.withLock {
            guard !busy else { return }
            connection?.close()
            connection = nil
            connectedDatabase = nil
        }
    }

    private func liveConnection(database: String?) throws -> PGConnection {
        if let connection, connection.isConnected, connectedDatabase == database { return connection }
        connection?.close()
        connection = nil
        let where_ = database.map { target.inDatabase($0) } ?? target
        let made = try PGConnection(target: where_, role: .explain, settings: settings, abandon: { [self] in
            state.withLock { cancelRequested }
        })
        connection = made
        connectedDatabase = database
        onConnect?(made.backendPid)
        return made
    }

    private func runClaimed(_ asked: ExplainRequest) throws -> ExplainResult {
        let began = MonotonicClock.now()
        // A what-if is plain EXPLAIN whatever was asked: HypoPG's indexes exist for the planner only.
        let request = asked.whatIf.map { asked.asWhatIf($0) } ?? asked
        // Refuse what the text alone tells before connecting (the version matters only for $n).
        let early = SQLScanner.scan(request.sql)
        if request.queryIsCut || early.statements.count != 1 || early.unterminated {
            _ = try request.prepare(serverVersion: 0)
        }
        try ExplainRequest.checkStatementKind(early.leadingWords)

        let conn = try liveConnection(database: request.database)
        let prepared = try request.prepare(serverVersion: conn.serverVersionNum)
        let cancelledEarly = state.withLock { () -> Bool in
            cancelHandle = conn.cancelHandle
            return cancelRequested
        }
        if cancelledEarly { throw ExplainError.cancelled }

        let clientTimeout = Double(prepared.statementTimeoutMs) / 1000 + 5
        _ = try conn.query(prepared.executes ? "BEGIN" : "BEGIN READ ONLY", timeout: 10)
        let output: String
        var report: IndexWhatIfReport?
        do {
            _ = try conn.query("SELECT set_config('statement_timeout', $1, true)", ["\(prepared.statementTimeoutMs)"], timeout: 10)
            if state.withLock({ cancelRequested }) { throw ExplainError.cancelled }
            output = try explainOnce(conn, prepared, format: request.format, timeout: clientTimeout)
            if let scope = request.whatIf {
                report = try whatIf(scope, conn: conn, prepared: prepared, before: try PlanParser.parse(output), timeout: clientTimeout)
            }
        } catch {
            rollback(conn)
            // A failed what-if may leave hypothetical indexes in the session's memory (a rollback
            // does not remove them): the session goes, and they with it.
            if prepared.executes || request.whatIf != nil { retire(conn) }
            throw error
        }
        rollback(conn)
        if prepared.executes { retire(conn) }
        let plans = try PlanParser.parseAll(output)
        var plan = plans[0]
        if plans.count == 1 { plan.rawText = output }
        return ExplainResult(request: request, statement: prepared.statement, usedGenericPlan: prepared.usesGenericPlan,
                             serverVersion: conn.serverVersionNum, output: output, plan: plan,
                             analysis: PlanAnalysis(plan: plan), elapsed: MonotonicClock.now() - began, whatIf: report,
                             otherPlans: Array(plans.dropFirst()))
    }

    /// Sends the prepared EXPLAIN once and returns the server's output (the JSON document, or
    /// the text lines joined).
    func explainOnce(_ conn: PGConnection, _ prepared: ExplainRequest.Prepared, format: ExplainFormat, timeout: Double) throws -> String {
        let result: QueryResult
        if prepared.usesGenericPlan {
            // GENERIC_PLAN leaves $n unbound, which the extended protocol refuses ("bind message
            // supplies 0 parameters"): it goes by the simple protocol. The text was checked to
            // be one statement; in case a check were fooled, the session is read-only meanwhile,
            // so even a smuggled `COMMIT; DELETE ...` could not write.
            _ = try conn.query("SELECT set_config('default_transaction_read_only', 'on', false)", timeout: 10)
            defer { _ = try? conn.query("SELECT set_config('default_transaction_read_only', $1, false)", [settings.readOnly ? "on" : "off"], timeout: 10) }
            let results = try conn.execute(prepared.statement, timeout: timeout)
            guard results.count == 1, let only = results.first else {
                throw PGError(kind: .server, message: "the server ran \(results.count) statements for one EXPLAIN: stopped")
            }
            result = only
        } else {
            result = try conn.query(prepared.statement, prepared.parameters, timeout: timeout)
        }
        if format == .json {
            return result.rows.first?.first.flatMap { $0 } ?? ""
        }
        return result.rows.compactMap { $0.first.flatMap { $0 } }.joined(separator: "\n")
    }

    /// After a statement was executed (ANALYZE), the session is not reused: the rollback undoes
    /// its rows, but not what lives in the session (an advisory lock taken with
    /// `pg_advisory_lock`, a `PREPARE`d statement, a `dblink` connection, a temp table's
    /// catalog bloat...). The next EXPLAIN opens a fresh session, as new.
    /// Advisory locks are released first, at once: a closed session's backend frees its locks
    /// only when it has exited, a moment after the close returns.
    private func retire(_ conn: PGConnection) {
        _ = try? conn.query("SELECT pg_advisory_unlock_all()", timeout: 10)
        conn.close()
        if connection === conn {
            connection = nil
            connectedDatabase = nil
        }
    }

    /// Always ends the transaction; if even that fails, drops the connection (the server then
    /// rolls back on its own).
    private func rollback(_ conn: PGConnection) {
        do {
            _ = try conn.query("ROLLBACK", timeout: 10)
        } catch {
            conn.close()
            connection = nil
            connectedDatabase = nil
        }
    }
}
